/** The shapes of `GET /api/evaluations` and `GET /api/evaluations/:id` (apps/api/src/modules/evaluations/evaluations.dto.ts). */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'succeeded', 'failed'];

export interface RunProgress {
  done: number;
  total: number;
  percent: number;
  chunks: number;
  chunksDone: number;
}

export interface RunPin {
  teamId: string | null;
  teamName: string | null;
  documentId: string;
  documentVersionId: string;
  key: string;
  version: number;
  staff: number;
}

export interface RunSummary {
  scorecards?: number;
  withErrors?: number;
  withoutFacts?: number;
  bands?: Record<string, number>;
  zones?: Record<string, number>;
}

export interface RunTimings {
  queuedMs?: number;
  planMs?: number;
  evaluateMs?: number;
  writeMs?: number;
  totalMs?: number;
}

export interface RunRecord {
  id: string;
  period: string;
  teamId: string | null;
  status: RunStatus;
  progress: RunProgress;
  pins: RunPin[];
  inputsDigest: string | null;
  errors: Array<{ path: string; message: string }>;
  summary: RunSummary;
  timings: RunTimings;
  attempts: number;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunChunk {
  index: number;
  staff: number;
  status: 'pending' | 'done';
  worker: string | null;
  finishedAt: string | null;
}

/** Absent on the record `POST /api/evaluations` answered, which react-admin caches until the first poll. */
export interface RunDetail extends RunRecord {
  current?: boolean;
  chunks?: RunChunk[];
}
