import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The totals of the big lists (Content-Range) are kept per query while the tables announce no change (ListCounts,
 * migration ListIndexes): every write that changes a total — a staff member added, moved or deactivated, a team
 * given a manager — must show in the next totals (on PostgreSQL through the change notice, within moments; on
 * PGlite nothing is kept).
 */
let t: TestApp;
let clinic: TestInstitution;
const teams: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  clinic = await createInstitution(t, 'Totals');
  teams.a = (await t.http().post('/api/teams').set(bearer(clinic.admin)).send({ name: 'A', managerId: clinic.manager.id }).expect(201)).body.id as string;
  teams.b = (await t.http().post('/api/teams').set(bearer(clinic.admin)).send({ name: 'B' }).expect(201)).body.id as string;
  for (const [code, team] of [
    ['T1', 'a'],
    ['T2', 'a'],
    ['T3', 'b'],
  ]) {
    await t.http().post('/api/staff').set(bearer(clinic.admin)).send({ code, name: code, teamId: teams[team], tier: 'junior' }).expect(201);
  }
}, 60_000);

afterAll(async () => {
  await t?.close();
});

/** The total of a one-row page (a full page, so the total is counted, not read off the page). */
async function total(user: TestUser, filter: Record<string, unknown> = {}): Promise<number> {
  const response = await t.http().get('/api/staff').query({ range: '[0,0]', filter: JSON.stringify(filter) }).set(bearer(user)).expect(200);
  return Number(/\/(\d+)$/.exec(response.headers['content-range'] as string)?.[1]);
}

/** Waits (up to 3 s) for the total to become `expected`: a notice from the database arrives a moment after the write. */
async function expectTotal(user: TestUser, filter: Record<string, unknown>, expected: number): Promise<void> {
  const deadline = Date.now() + 3000;
  let last = await total(user, filter);
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    last = await total(user, filter);
  }
  expect(last).toBe(expected);
}

describe('list totals follow every write', () => {
  it('staff added, moved, deactivated and a team given a manager', async () => {
    expect(await total(clinic.admin)).toBe(3);
    expect(await total(clinic.admin, { active: true })).toBe(3);
    expect(await total(clinic.manager)).toBe(2);
    expect(await total(clinic.admin, { q: 't' })).toBe(3);

    const added = await t.http().post('/api/staff').set(bearer(clinic.admin)).send({ code: 'T4', name: 'T4', teamId: teams.b, tier: 'mid' }).expect(201);
    await expectTotal(clinic.admin, {}, 4);
    await expectTotal(clinic.admin, { q: 't' }, 4);

    await t.http().put(`/api/staff/${added.body.id}`).set(bearer(clinic.admin)).send({ teamId: teams.a }).expect(200);
    await expectTotal(clinic.manager, {}, 3);

    await t.http().delete(`/api/staff/${added.body.id}`).set(bearer(clinic.admin)).expect(200);
    await expectTotal(clinic.admin, { active: true }, 3);

    await t.http().put(`/api/teams/${teams.b}`).set(bearer(clinic.admin)).send({ managerId: clinic.manager.id }).expect(200);
    await expectTotal(clinic.manager, {}, 4);
  });
});
