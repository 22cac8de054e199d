import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_NOTICES_APPLICATION_NAME, ChangeNotices } from '../../apps/api/src/database/change-notices';
import { ScorecardDetailCache } from '../../apps/api/src/modules/scorecards/scorecard-detail-cache';
import { storeDocument } from '../e2e/support/documents-fixture';
import { evaluate } from '../e2e/support/evaluations-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from '../e2e/support/fixtures';
import { startTestApp, type TestApp } from '../e2e/support/test-app';

/**
 * The API keeps the scorecard detail responses it served while it hears the change notices of the tables they are
 * made of (ScorecardDetailCache, migration ScorecardViewNotices). Here another connection plays another API process
 * or an operator's psql: what it changes must reach the next reads, and a kept response must be shown only to whom
 * the database would show it.
 */
let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;
let sql: Client;
let cardiologyId: string;
let oncologyId: string;
const staffIds: Record<string, string> = {};
/** Current scorecard ids of 2026-Q1 by staff code. */
const scorecardIds: Record<string, string> = {};

const NOTICE_WAIT_MS = 2000;
const FACTS = JSON.parse(readFileSync(join(__dirname, '../../rule-templates/facts/career-tiers.json'), 'utf8')) as Array<{ staffId: string; inputs: Record<string, unknown> }>;
const inputsOf = (code: string) => FACTS.find((row) => row.staffId === code)?.inputs ?? {};

interface Detail {
  staffName: string;
  teamName: string | null;
  current: boolean;
}

const read = (user: TestUser, id: string) => t.http().get(`/api/scorecards/${id}`).set(bearer(user));
const cache = () => t.app.get(ScorecardDetailCache);

async function waitForNotices(): Promise<void> {
  const started = Date.now();
  while (!t.app.get(ChangeNotices).listening) {
    if (Date.now() - started > 10_000) throw new Error('the API never started listening for change notices');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads as `user` until `accept` holds for the answer; the notice crosses from PostgreSQL asynchronously. */
async function eventually(user: TestUser, id: string, accept: (status: number, body: Detail) => boolean): Promise<{ status: number; body: Detail }> {
  const started = Date.now();
  for (;;) {
    const response = await read(user, id);
    const answer = { status: response.status, body: response.body as Detail };
    if (accept(answer.status, answer.body) || Date.now() - started > NOTICE_WAIT_MS) return answer;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `change` with the view-change trigger of `table` off: a change the API is never told about. */
async function quietly(table: string, change: string, values: unknown[]): Promise<void> {
  await sql.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_announce_view_change`);
  try {
    await sql.query(change, values);
  } finally {
    await sql.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_announce_view_change`);
  }
}

async function currentIds(): Promise<void> {
  const { rows } = await sql.query<{ code: string; id: string }>(`SELECT s.code, sc.id FROM scorecards sc JOIN staff s ON s.id = sc.staff_id WHERE sc.current AND sc.period = '2026-Q1'`);
  for (const row of rows) scorecardIds[row.code] = row.id;
}

beforeAll(async () => {
  t = await startTestApp();
  alpha = await createInstitution(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  sql = new Client({ connectionString: t.ownerUrl });
  await sql.connect();
  const createTeam = async (body: Record<string, unknown>) => ((await t.http().post('/api/teams').set(bearer(alpha.admin)).send(body).expect(201)).body as { id: string }).id;
  cardiologyId = await createTeam({ name: 'Cardiology', managerId: alpha.manager.id });
  oncologyId = await createTeam({ name: 'Oncology' });
  for (const [code, name, teamId] of [['ct-01', 'Ann Lee', cardiologyId], ['ct-05', 'Eve Ma', oncologyId]] as const) {
    staffIds[code] = ((await t.http().post('/api/staff').set(bearer(alpha.admin)).send({ code, name, teamId, tier: 'junior' }).expect(201)).body as { id: string }).id;
  }
  await t.http().put(`/api/users/${alpha.staff.id}`).set(bearer(alpha.admin)).send({ staffId: staffIds['ct-01'] }).expect(200);
  const document = await storeDocument(t, alpha.id, 'career-tiers', ['published']);
  await t.http().post('/api/bindings').set(bearer(alpha.admin)).send({ period: '2026-Q1', documentId: document.id, version: 1 }).expect(201);
  await t
    .http()
    .post('/api/facts')
    .set(bearer(alpha.admin))
    .send(['ct-01', 'ct-05'].map((code) => ({ staffCode: code, period: '2026-Q1', inputs: inputsOf(code) })))
    .expect(200);
  await evaluate(t, alpha.admin, { period: '2026-Q1' });
  // Published, so the staff member may read their own scorecard of it.
  await t.http().post('/api/periods/2026-Q1/publish').set(bearer(alpha.admin)).expect(200);
  await currentIds();
});

afterAll(async () => {
  await sql?.end();
  await t?.close();
});

describe('scorecard details kept in memory', () => {
  it('serves a kept detail, with its entity tag, and shows a change made by another connection on the next reads', async () => {
    await waitForNotices();
    const id = scorecardIds['ct-01'];
    const first = await read(alpha.admin, id).expect(200);
    expect(cache().detail(id)).toBeDefined();
    await read(alpha.admin, id).set('If-None-Match', first.headers.etag as string).expect(304);

    // Renamed behind the notices' back: the kept response still answers, so the cache is real.
    await quietly('staff', `UPDATE staff SET name = 'Ann Quietly' WHERE id = $1`, [staffIds['ct-01']]);
    expect(((await read(alpha.admin, id).expect(200)).body as Detail).staffName).toBe('Ann Lee');

    // Announced: the next reads show the staff member and the team as they are.
    await sql.query(`UPDATE staff SET name = 'Ann Li' WHERE id = $1`, [staffIds['ct-01']]);
    expect((await eventually(alpha.admin, id, (_, body) => body.staffName === 'Ann Li')).body.staffName).toBe('Ann Li');
    await sql.query(`UPDATE teams SET name = 'Cardiology East' WHERE id = $1`, [cardiologyId]);
    expect((await eventually(alpha.admin, id, (_, body) => body.teamName === 'Cardiology East')).body.teamName).toBe('Cardiology East');
    const renamed = await read(alpha.admin, id).expect(200);
    expect(renamed.headers.etag).not.toBe(first.headers.etag);
  });

  it('shows a kept detail only to whom the database would: the staff member, their team manager, the institution', async () => {
    await waitForNotices();
    const [own, other] = [scorecardIds['ct-01'], scorecardIds['ct-05']];
    await read(alpha.admin, own).expect(200);
    await read(alpha.admin, other).expect(200);
    expect(cache().detail(own)).toBeDefined();
    expect(cache().detail(other)).toBeDefined();

    await read(alpha.quality, other).expect(200);
    await read(alpha.staff, own).expect(200);
    await read(alpha.staff, other).expect(404);
    await read(alpha.manager, own).expect(200);
    await read(alpha.manager, other).expect(404);
    await read(beta.admin, own).expect(404);
    await read(beta.admin, other).expect(404);
    expect(cache().detail(other)).toBeDefined(); // the refusals came from the kept detail, not a query

    // Oncology gets the manager elsewhere: the kept teams are forgotten and ct-05's scorecard becomes theirs to read.
    await sql.query(`UPDATE teams SET manager_id = $2 WHERE id = $1`, [oncologyId, alpha.manager.id]);
    expect((await eventually(alpha.manager, other, (status) => status === 200)).status).toBe(200);
    await sql.query(`UPDATE teams SET manager_id = NULL WHERE id = $1`, [oncologyId]);
    expect((await eventually(alpha.manager, other, (status) => status === 404)).status).toBe(404);

    // ct-05 moves to the manager's team: readable through the staff member's team now, as in the database.
    await read(alpha.manager, other).expect(404);
    await sql.query(`UPDATE staff SET team_id = $2 WHERE id = $1`, [staffIds['ct-05'], cardiologyId]);
    expect((await eventually(alpha.manager, other, (status) => status === 200)).status).toBe(200);
    await sql.query(`UPDATE staff SET team_id = $2 WHERE id = $1`, [staffIds['ct-05'], oncologyId]);
    expect((await eventually(alpha.manager, other, (status) => status === 404)).status).toBe(404);
  });

  it('shows a kept detail as no longer current once a newer run of the period succeeds', async () => {
    await waitForNotices();
    const id = scorecardIds['ct-01'];
    expect(((await read(alpha.admin, id).expect(200)).body as Detail).current).toBe(true);
    await evaluate(t, alpha.admin, { period: '2026-Q1', reason: 'Facts corrected after publication' });
    expect((await eventually(alpha.admin, id, (_, body) => body.current === false)).body.current).toBe(false);
    await currentIds();
  });

  it('forgets every kept detail when the notices are lost, reads from the database until they are back, and listens again', async () => {
    await waitForNotices();
    const id = scorecardIds['ct-01'];
    await read(alpha.admin, id).expect(200);
    expect(cache().detail(id)).toBeDefined();
    const { rows } = await sql.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [CHANGE_NOTICES_APPLICATION_NAME]);
    expect(rows).toHaveLength(1);
    await sql.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    const started = Date.now();
    while (t.app.get(ChangeNotices).listening && Date.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 20));
    // A change without a notice: had the kept detail survived the loss, the old name would still be served.
    await quietly('staff', `UPDATE staff SET name = 'Ann While Deaf' WHERE id = $1`, [staffIds['ct-01']]);
    expect(((await read(alpha.admin, id).expect(200)).body as Detail).staffName).toBe('Ann While Deaf');
    await waitForNotices();
    const { rows: again } = await sql.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [CHANGE_NOTICES_APPLICATION_NAME]);
    expect(again.map((row) => row.pid)).not.toContain(rows[0].pid);
  });
});
