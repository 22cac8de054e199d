import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDocument } from './support/documents-fixture';
import { evaluate } from './support/evaluations-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * `GET /api/scorecards/:id/cycle`: what the staff member's scorecard page needs to offer 确认 —
 * the period's state and appeal window, and when the scorecard was acknowledged.
 */
let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;
const ids: Record<string, string> = {};

const http = () => t.http();
const get = (user: TestUser, path: string) => http().get(path).set(bearer(user));
const post = (user: TestUser, path: string, body: Record<string, unknown> = {}) => http().post(path).set(bearer(user)).send(body);
const INPUTS = { records_total: 10, records_complete: 9, followups_planned: 10, followups_done: 9 };

beforeAll(async () => {
  t = await startTestApp();
  alpha = await createInstitution(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  const staffIds: Record<string, string> = {};
  for (const code of ['cy-01', 'cy-02']) {
    staffIds[code] = ((await post(alpha.admin, '/api/staff', { code, name: `Staff ${code}`, tier: 'junior' }).expect(201)).body as { id: string }).id;
  }
  await http().put(`/api/users/${alpha.staff.id}`).set(bearer(alpha.admin)).send({ staffId: staffIds['cy-01'] }).expect(200);
  const scheme = await storeDocument(t, alpha.id, 'career-tiers', ['published']);
  await post(alpha.admin, '/api/bindings', { period: '2026-Q1', documentId: scheme.id, version: 1 }).expect(201);
  await http().post('/api/facts').set(bearer(alpha.admin)).send(['cy-01', 'cy-02'].map((staffCode) => ({ staffCode, period: '2026-Q1', inputs: INPUTS }))).expect(200);
  await evaluate(t, alpha.admin, { period: '2026-Q1' });
  const list = (await get(alpha.admin, '/api/scorecards').query({ filter: JSON.stringify({ period: '2026-Q1' }) }).expect(200)).body as Array<{ id: string; staffCode: string }>;
  for (const row of list) ids[row.staffCode] = row.id;
});
afterAll(async () => t?.close());

describe('a scorecard in its period cycle', () => {
  it('open: no window, not acknowledged', async () => {
    expect((await get(alpha.staff, `/api/scorecards/${ids['cy-01']}/cycle`).expect(200)).body).toEqual({
      scorecardId: ids['cy-01'],
      period: '2026-Q1',
      periodState: 'open',
      appealDeadline: null,
      appealWindowOpen: false,
      current: true,
      acknowledgedAt: null,
      appeal: null,
    });
  });

  it('published: the window and its deadline; after acknowledging, when; the window shuts at its exact deadline', async () => {
    const published = (await post(alpha.admin, '/api/periods/2026-Q1/publish').expect(200)).body as { appealDeadline: string };
    const before = (await get(alpha.staff, `/api/scorecards/${ids['cy-01']}/cycle`).expect(200)).body;
    expect(before).toMatchObject({ periodState: 'published', appealDeadline: published.appealDeadline, appealWindowOpen: true, acknowledgedAt: null });
    const acknowledged = (await post(alpha.staff, `/api/scorecards/${ids['cy-01']}/acknowledge`).expect(200)).body as { acknowledgedAt: string };
    const after = (await get(alpha.staff, `/api/scorecards/${ids['cy-01']}/cycle`).expect(200)).body;
    expect(after).toMatchObject({ periodState: 'published', appealWindowOpen: true, acknowledgedAt: acknowledged.acknowledgedAt });
    // Admins and quality officers read it for any scorecard of their institution.
    expect((await get(alpha.admin, `/api/scorecards/${ids['cy-01']}/cycle`).expect(200)).body.acknowledgedAt).toBe(acknowledged.acknowledgedAt);
    expect((await get(alpha.quality, `/api/scorecards/${ids['cy-02']}/cycle`).expect(200)).body.acknowledgedAt).toBeNull();

    await t.app.get(DataSource).query(`UPDATE periods SET appeal_deadline = clock_timestamp() WHERE institution_id = $1 AND period = '2026-Q1'`, [alpha.id]);
    expect((await get(alpha.staff, `/api/scorecards/${ids['cy-01']}/cycle`).expect(200)).body.appealWindowOpen).toBe(false);
  });

  it('closed: no window; the acknowledgement stays', async () => {
    await post(alpha.admin, '/api/periods/2026-Q1/close').expect(200);
    expect((await get(alpha.staff, `/api/scorecards/${ids['cy-01']}/cycle`).expect(200)).body).toMatchObject({ periodState: 'closed', appealWindowOpen: false, acknowledgedAt: expect.any(String) });
  });

  it("staff never read another person's scorecard (404), nor another institution, nor managers outside their teams; bad ids are 400", async () => {
    await get(alpha.staff, `/api/scorecards/${ids['cy-02']}/cycle`).expect(404);
    await get(beta.admin, `/api/scorecards/${ids['cy-01']}/cycle`).expect(404);
    // cy-01 is in no team the manager manages.
    await get(alpha.manager, `/api/scorecards/${ids['cy-01']}/cycle`).expect(404);
    await get(alpha.admin, '/api/scorecards/not-a-uuid/cycle').expect(400);
    await get(alpha.admin, '/api/scorecards/00000000-0000-4000-8000-000000000000/cycle').expect(404);
  });
});
