/**
 * The correction bench (issue 14), a section of `npm run bench:platform` (BENCH_ONLY=correction runs the
 * ingestion, the period's first run and this alone): on the period just evaluated for 10 000 staff,
 *
 *   - a correction run of one staff member (POST /api/evaluations with staffIds), POST → succeeded, on a freshly
 *     started worker (for information: thread start and scheme compile) and on a warm one;
 *   - an appeal decided `correct` end to end: the 复核决定 stage's POST with the corrected input → the
 *     correction run succeeded and the staff member's new scorecard current, as the staff member would see it.
 *
 * Target: ≤ 1 s. The other 9 999 scorecards are checked untouched.
 */
import { Client } from 'pg';
import type { ServerProcess } from '../support/server-process';

interface Run {
  id: string;
  status: string;
  errors: unknown[];
  timings: Record<string, number>;
}

export interface CorrectionBenchContext {
  api: ServerProcess;
  token: string;
  databaseUrl: string;
  period: string;
  /** The staff code of the member whose score is corrected (their facts are in the period). */
  staffCode: string;
  fmt: (value: number, digits?: number) => string;
  verdict: (ok: boolean) => string;
}

export async function correctionBench(context: CorrectionBenchContext): Promise<void> {
  const { api, period, fmt, verdict } = context;
  const request = async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${api.port}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const admin = <T>(method: string, path: string, body?: unknown) => request<T>(context.token, method, path, body);
  const untilDone = async (token: string, runId: string): Promise<Run> => {
    for (;;) {
      const run = await request<Run>(token, 'GET', `/evaluations/${runId}`);
      if (run.status === 'succeeded' || run.status === 'failed') {
        if (run.status === 'failed') throw new Error(`correction run failed: ${JSON.stringify(run.errors)}`);
        return run;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const database = new Client({ connectionString: context.databaseUrl });
  await database.connect();
  const others = async (staffId: string) =>
    (await database.query<{ id: string }>(`SELECT id FROM scorecards WHERE period = $1 AND current AND staff_id <> $2 ORDER BY id`, [period, staffId])).rows.map((row) => row.id).join(',');
  try {
    const [member] = await admin<Array<{ id: string; code: string }>>('GET', `/staff?filter=${encodeURIComponent(JSON.stringify({ q: context.staffCode }))}`);
    const before = await others(member.id);

    // 1. A correction run of one staff member: its plan reads the basis run's team means, not the other 9 999. First on
    //    the worker just started (its first job starts the evaluation thread and compiles the scheme), then again as a
    //    long-running worker would take it.
    const correctionRun = async (label: string, target: boolean) => {
      const started = performance.now();
      const { id } = await admin<Run>('POST', '/evaluations', { period, staffIds: [member.id] });
      const run = await untilDone(context.token, id);
      const ms = performance.now() - started;
      console.log(
        `correct 1 staff member of ${period}, ${label} (POST /api/evaluations with staffIds → succeeded): ${fmt(ms)} ms (plan ${run.timings.planMs} ms, evaluate ${run.timings.evaluateMs} ms, write ${run.timings.writeMs} ms)${target ? ` — ${verdict(ms <= 1000)} (≤ 1 s)` : ''}`,
      );
    };
    await correctionRun('the first job of a fresh worker', false);
    await correctionRun('a warm worker', true);

    // 2. The same through an appeal: published period, score-appeal workflow, the staff member's login and a quality officer.
    await admin('POST', `/periods/${period}/publish`);
    const workflow = await admin<{ id: string; revision: number }>('POST', '/documents', { template: 'score-appeal' });
    await admin('POST', `/documents/${workflow.id}/publish`, { revision: workflow.revision });
    const password = 'bench-correction-1';
    const login = async (email: string) => (await request<{ token: string }>('', 'POST', '/auth/login', { email, password })).token;
    await admin('POST', '/users', { email: 'staff@bench.test', name: 'Bench staff', password, role: 'staff', staffId: member.id });
    await admin('POST', '/users', { email: 'quality@bench.test', name: 'Bench quality', password, role: 'quality_officer' });
    const staff = await login('staff@bench.test');
    const quality = await login('quality@bench.test');
    const [current] = await request<Array<{ id: string }>>(staff, 'GET', `/scorecards?filter=${encodeURIComponent(JSON.stringify({ period }))}`);
    const detail = await request<{ composite: number; result: { indicators: Record<string, { inputs?: Record<string, number> }> } }>(staff, 'GET', `/scorecards/${current.id}`);
    const inputs = detail.result.indicators.followup_rate?.inputs ?? {};
    const appeal = await request<{ id: string; caseId: string }>(staff, 'POST', '/appeals', { scorecardId: current.id, indicators: ['followup_rate'], reason: 'Two follow-ups were done but not recorded.' });
    const advance = async (token: string, stage: string, fields: Record<string, unknown>) => {
      const kase = await request<{ version: number }>(token, 'GET', `/cases/${appeal.caseId}`);
      return request(token, 'POST', `/cases/${appeal.caseId}/advance`, { stage, fields, version: kase.version });
    };
    await advance(quality, 'review', { evidence_checked: true, finding: 'The follow-up records confirm the appeal.' });
    const decided = performance.now();
    await advance(context.token, 'decision', { decision: 'correct', corrected: { followups_done: inputs.followups_planned ?? 0 }, explanation: 'The records show every planned follow-up done.' });
    const decidedMs = performance.now() - decided;
    const outcome = await request<{ status: string; correctionRunId: string; compositeBefore: number; compositeAfter: number | null }>(staff, 'GET', `/appeals/${appeal.id}`);
    await untilDone(context.token, outcome.correctionRunId);
    const appealMs = performance.now() - decided;
    const after = await request<{ compositeAfter: number | null }>(staff, 'GET', `/appeals/${appeal.id}`);
    console.log(
      `correct an appeal decided \`correct\` (the decision's POST ${fmt(decidedMs)} ms, then the correction run → the new scorecard current): ${fmt(appealMs)} ms; composite ${fmt(outcome.compositeBefore, 1)} → ${fmt(after.compositeAfter ?? Number.NaN, 1)} — ${verdict(appealMs <= 1000)} (≤ 1 s)`,
    );
    const untouched = (await others(member.id)) === before;
    console.log(`correct the other staff's current scorecards are untouched by both corrections — ${verdict(untouched)}`);
  } finally {
    await database.end();
  }
}
