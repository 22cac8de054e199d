import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { login, randomPort, startServer, stopAllServers, waitForHealth } from '../support/server-process';

/**
 * The two modes as a newcomer and an operator meet them: real processes started the way the
 * README says. This file: embedded mode (no environment).
 */
const cleanups: Array<() => void> = [];

afterAll(() => {
  stopAllServers();
  for (const cleanup of cleanups) cleanup();
});

describe('embedded mode: npm start with no environment', () => {
  it('starts PGlite under DATA_DIR, migrates, loads the demo once and serves the API and docs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carescore-start-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = randomPort();
    const first = startServer({ DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' }, port);
    await waitForHealth(first);
    expect(first.output()).toMatch(/applied migrations/);
    const response = await login(first, 'admin@demo.test', 'carescore');
    expect(response.status).toBe(200);
    const token = ((await response.json()) as { token: string }).token;
    const get = (path: string, bearer = token) => fetch(`http://127.0.0.1:${port}/api/${path}`, { headers: { Authorization: `Bearer ${bearer}` } });
    expect((await get('staff?range=[0,9]')).headers.get('content-range')).toBe('staff 0-9/60');
    expect((await get('teams')).headers.get('content-range')).toBe('teams 0-2/3');
    const documents = (await (await get('documents?sort=["key","ASC"]')).json()) as Array<{ id: string; key: string; publishedVersion: number }>;
    expect(documents.map((d) => [d.key, d.publishedVersion])).toEqual([
      ['assign_mentor', 1], ['career-tiers', 1], ['client-survey', 1], ['hm-3d9i', 2], ['hospital-online-service', 1], ['negative-feedback', 1], ['process_improvement', 1], ['satisfaction-first', 1], ['score-appeal', 1], ['suspend_and_train', 1],
    ]);
    const bindings = (await (await get('bindings?sort=["period","ASC"]')).json()) as Array<{ period: string; version: number; documentKey: string }>;
    expect(bindings.map((b) => [b.period, b.documentKey, b.version])).toEqual([['2026-Q1', 'hm-3d9i', 1], ['2026-Q2', 'hm-3d9i', 2]]);
    const hm3d9i = documents.find((d) => d.key === 'hm-3d9i');
    const diff = (await (await get(`documents/${hm3d9i?.id}/diff?from=1&to=2`)).json()) as { changes: Array<{ text: string }> };
    expect(diff.changes.map((c) => c.text)).toContain('dimensions.execution.weight: 40 → 35');
    // Two demo quarters are evaluated at first start: scorecards are there at once.
    const runs = (await (await get('evaluations')).json()) as Array<{ period: string; status: string; progress: { done: number } }>;
    expect(runs.map((run) => [run.period, run.status, run.progress.done])).toEqual([['2026-Q2', 'succeeded', 60], ['2026-Q1', 'succeeded', 60]]);
    expect((await get('scorecards?filter={"period":"2026-Q2"}')).headers.get('content-range')).toBe('scorecards 0-24/60');
    // Their zones opened cases on the zone workflows, once per staff member, period and zone rule.
    const cases = await get('cases?range=[0,0]');
    expect(Number(cases.headers.get('content-range')?.split('/')[1])).toBeGreaterThan(0);
    for (const email of ['quality@demo.test', 'manager@demo.test']) expect((await login(first, email, 'carescore')).status).toBe(200);
    const staff = ((await (await login(first, 'staff@demo.test', 'carescore')).json()) as { token: string }).token;
    const own = (await (await get('scorecards?sort=["period","ASC"]', staff)).json()) as Array<{ staffCode: string; period: string }>;
    // The demo publishes 2026-Q1 only: 2026-Q2's results are not yet the staff member's to see.
    expect(own.map((card) => [card.staffCode, card.period])).toEqual([['D001', '2026-Q1']]);
    const other = ((await (await login(first, 'admin@other.test', 'carescore')).json()) as { token: string }).token;
    expect((await get('staff?range=[0,9]', other)).headers.get('content-range')).toBe('staff 0-4/5');
    const docs = await fetch(`http://127.0.0.1:${port}/api/docs/openapi.json`);
    expect(docs.status).toBe(200);
    await first.stop();

    // A second start reuses the data: no migrations to apply, the demo is not loaded twice.
    const second = startServer({ DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' }, port);
    await waitForHealth(second);
    expect(second.output()).not.toMatch(/applied migrations/);
    expect((await login(second, 'admin@demo.test', 'carescore')).status).toBe(200);
    await second.stop();
  }, 180_000);
});

