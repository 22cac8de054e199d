import type { LoggerService } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoData } from '../../apps/api/src/seed/demo-seed';
import { login } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * `GET /api/scorecards/periods`: the period choices of the console's scorecard and case filters,
 * for every role, including staff, who may not read bindings. Each role gets exactly the periods
 * of the scorecards it may list, with their counts.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
const DEMO = { admin: 'admin@demo.test', quality_officer: 'quality@demo.test', manager: 'manager@demo.test', staff: 'staff@demo.test', other_admin: 'admin@other.test' } as const;
type Login = keyof typeof DEMO;

const quiet: LoggerService = { log: () => undefined, warn: () => undefined, error: (message: unknown) => console.error(message) };
const getAs = (who: Login, path: string) => t.http().get(`/api${path}`).set({ Authorization: `Bearer ${tokens[who]}` });

/** The periods and counts of the current scorecards the role lists through `GET /api/scorecards`. */
async function listedPeriods(who: Login): Promise<Array<{ id: string; period: string; scorecards: number }>> {
  const response = await getAs(who, '/scorecards').query({ range: '[0,999]', sort: '["period","DESC"]' }).expect(200);
  const counts = new Map<string, number>();
  for (const row of response.body as Array<{ period: string }>) counts.set(row.period, (counts.get(row.period) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? 1 : -1)).map(([period, scorecards]) => ({ id: period, period, scorecards }));
}

beforeAll(async () => {
  t = await startTestApp();
  await ensureDemoData(t.app, quiet);
  for (const [who, email] of Object.entries(DEMO)) tokens[who] = await login(t, email, 'carescore');
}, 240_000);
afterAll(async () => t?.close());

describe('GET /api/scorecards/periods', () => {
  it('gives admins and quality officers every period with scorecards, newest first, as a react-admin list', async () => {
    for (const who of ['admin', 'quality_officer'] as const) {
      const response = await getAs(who, '/scorecards/periods').expect(200);
      const expected = await listedPeriods(who);
      expect(expected.map((row) => row.period)).toEqual(['2026-Q2', '2026-Q1']);
      expect(response.body).toEqual(expected);
      expect(response.headers['content-range']).toBe(`periods 0-1/2`);
    }
  });

  it('gives a manager the periods of their teams’ scorecards, counted over those teams only', async () => {
    const response = await getAs('manager', '/scorecards/periods').expect(200);
    const expected = await listedPeriods('manager');
    expect(expected.length).toBeGreaterThan(0);
    expect(response.body).toEqual(expected);
    const all = (await getAs('admin', '/scorecards/periods').expect(200)).body as Array<{ period: string; scorecards: number }>;
    const mine = response.body as Array<{ period: string; scorecards: number }>;
    for (const row of mine) expect(row.scorecards).toBeLessThan(all.find((other) => other.period === row.period)?.scorecards ?? 0);
  });

  it('gives a staff member the published periods of their own scorecards (one each), while bindings stay closed to them', async () => {
    await getAs('staff', '/bindings').expect(403);
    const response = await getAs('staff', '/scorecards/periods').expect(200);
    expect(response.body).toEqual(await listedPeriods('staff'));
    // The demo publishes 2026-Q1 and leaves 2026-Q2 open: staff see only 2026-Q1.
    expect(response.body).toEqual([{ id: '2026-Q1', period: '2026-Q1', scorecards: 1 }]);
  });

  it('gives another institution’s admin none of the demo institution’s periods', async () => {
    const response = await getAs('other_admin', '/scorecards/periods').expect(200);
    expect(response.body).toEqual([]);
    expect(response.headers['content-range']).toBe('periods 0-0/0');
  });

  it('is not read as a scorecard id, and needs a token', async () => {
    await t.http().get('/api/scorecards/periods').expect(401);
  });
});
