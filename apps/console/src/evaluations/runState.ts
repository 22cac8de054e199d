import type { RunRecord, RunStatus } from './types';

/** A run that will not change any more: the page stops polling it. */
export function isFinished(status: RunStatus | undefined): boolean {
  return status === 'succeeded' || status === 'failed';
}

/** How often to poll a run: every second while it is under way, not at all once it has finished. */
export function pollInterval(run: Pick<RunRecord, 'status'> | undefined): number | false {
  return run && isFinished(run.status) ? false : 1000;
}

/** A list of runs is refreshed every two seconds while one of them is under way. */
export function listPollInterval(runs: ReadonlyArray<Pick<RunRecord, 'status'>> | undefined): number | false {
  return runs?.some((run) => !isFinished(run.status)) ? 2000 : false;
}

/**
 * The bar's value: the API's percent, except that a run still planning (total 0) has no known
 * share yet, so the bar runs indeterminate (null) until the plan is made.
 */
export function progressValue(run: Pick<RunRecord, 'status' | 'progress'>): number | null {
  if (run.status === 'succeeded') return 100;
  if (run.progress.total === 0) return run.status === 'failed' ? 0 : null;
  return Math.min(100, Math.max(0, run.progress.percent));
}

/** Milliseconds as the timings table shows them: 850 ms, 1.2 s, 2 min 5 s. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** Counts keyed by band or zone as [key, count] pairs: the keys in `order` first, then the rest sorted. */
export function orderedCounts(counts: Record<string, number> | undefined, order: readonly string[] = []): Array<[string, number]> {
  if (!counts) return [];
  const keys = Object.keys(counts);
  const ordered = [...order.filter((key) => keys.includes(key)), ...keys.filter((key) => !order.includes(key)).sort()];
  return ordered.map((key) => [key, counts[key]]);
}

export interface StartRunError {
  status: number | null;
  message: string;
  details: Array<{ path: string; message: string }>;
}

/**
 * What the API said when it refused to start a run (422: no binding or unknown team; 409: a run
 * of the same period and scope is already under way), from react-admin's HttpError.
 */
export function describeStartError(error: unknown): StartRunError {
  const status = typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : null;
  const body = (error as { body?: unknown })?.body as { message?: unknown; details?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : error instanceof Error ? error.message : String(error);
  const details = Array.isArray(body?.details) ? (body.details as Array<{ path: string; message: string }>).filter((detail) => typeof detail?.message === 'string') : [];
  return { status, message, details };
}
