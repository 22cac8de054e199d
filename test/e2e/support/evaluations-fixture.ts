import { expect } from 'vitest';
import type { TestUser } from './fixtures';
import { bearer } from './fixtures';
import type { TestApp } from './test-app';

export interface RunBody {
  id: string;
  period: string;
  teamId: string | null;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { done: number; total: number; percent: number; chunks: number; chunksDone: number };
  pins: Array<{ teamId: string | null; teamName: string | null; documentId: string; documentVersionId: string; key: string; version: number; staff: number }>;
  inputsDigest: string | null;
  errors: Array<{ path: string; message: string }>;
  summary: { scorecards?: number; withErrors?: number; withoutFacts?: number; bands?: Record<string, number>; zones?: Record<string, number> };
  timings: Record<string, number>;
  attempts: number;
  current?: boolean;
  chunks?: Array<{ index: number; staff: number; status: string; worker: string | null; finishedAt: string | null }>;
}

/** Starts a run and returns it as queued (202). */
export async function startRun(t: TestApp, user: TestUser, body: Record<string, unknown>): Promise<RunBody> {
  const response = await t.http().post('/api/evaluations').set(bearer(user)).send(body);
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return response.body as RunBody;
}

/** Polls a run until it has ended (succeeded or failed), as a client would. */
export async function waitForRun(t: TestApp, user: TestUser, id: string, timeoutMs = 30_000): Promise<RunBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await t.http().get(`/api/evaluations/${id}`).set(bearer(user)).expect(200)).body as RunBody;
    if (run.status === 'succeeded' || run.status === 'failed') return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status} after ${timeoutMs} ms: ${JSON.stringify(run.progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts a run and waits for it to succeed. */
export async function evaluate(t: TestApp, user: TestUser, body: Record<string, unknown>): Promise<RunBody> {
  const run = await waitForRun(t, user, (await startRun(t, user, body)).id);
  expect(run.status, JSON.stringify(run.errors)).toBe('succeeded');
  return run;
}
