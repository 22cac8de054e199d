import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from './support/audit-entries';
import { storeDocument, type StoredDocument } from './support/documents-fixture';
import { waitForRun } from './support/evaluations-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * `Idempotency-Key` on POST /api/evaluations: a client that retries (a timeout, a 503) with the same key and body
 * gets the first answer again instead of a second run. Keys live in PostgreSQL, so this holds across API processes.
 */
let t: TestApp;
let clinic: TestInstitution;
let scheme: StoredDocument;

const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query(query, params) as Promise<T[]>;
const start = (user: TestUser, body: Record<string, unknown>, key?: string) => {
  const request = t.http().post('/api/evaluations').set(bearer(user));
  if (key !== undefined) request.set('Idempotency-Key', key);
  return request.send(body);
};
const runsOf = (period: string) => sql<{ id: string }>(`SELECT id FROM evaluation_runs WHERE institution_id = $1 AND period = $2 ORDER BY created_at`, [clinic.id, period]);
const bind = (period: string) => t.http().post('/api/bindings').set(bearer(clinic.admin)).send({ documentId: scheme.id, period, version: 1 }).expect(201);
/** Runs of this clinic end at once (no staff): wait so the next run of the period is not refused as a duplicate. */
const ended = (id: string) => waitForRun(t, clinic.admin, id);

beforeAll(async () => {
  t = await startTestApp();
  clinic = await createInstitution(t, 'Retry');
  scheme = await storeDocument(t, clinic.id, 'career-tiers', ['published']);
  for (const period of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']) await bind(period);
});
afterAll(async () => t?.close());

describe('Idempotency-Key on POST /api/evaluations', () => {
  it('answers a repeat of the same request with the first response, without a second run', async () => {
    const first = await start(clinic.admin, { period: '2026-Q1' }, 'key-q1');
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    await ended(first.body.id as string);

    const again = await start(clinic.admin, { period: '2026-Q1', teamId: null }, 'key-q1');
    expect(again.status).toBe(202);
    expect(again.headers.location).toBe(`/api/evaluations/${first.body.id as string}`);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await runsOf('2026-Q1')).toEqual([{ id: first.body.id }]);
    const audit = await auditEntries(t, clinic.admin, { action: 'evaluate', entityType: 'evaluation_run' });
    expect(audit.filter((entry) => entry.changes.period === '2026-Q1')).toHaveLength(1);
  });

  it('refuses the key with another body (422 naming the header), starting nothing', async () => {
    const response = await start(clinic.admin, { period: '2026-Q2' }, 'key-q1');
    expect(response.status).toBe(422);
    expect(response.body.message).toMatch(/Idempotency-Key key-q1 was already used with a different request/);
    expect(response.body.details).toEqual([{ path: 'Idempotency-Key', message: 'already used within 24 hours with a different body' }]);
    expect(await runsOf('2026-Q2')).toEqual([]);
  });

  it('starts exactly one run for concurrent requests with one key; the others get that run or 409', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => start(clinic.admin, { period: '2026-Q2' }, 'key-q2-burst')));
    const runs = await runsOf('2026-Q2');
    expect(runs).toHaveLength(1);
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 202).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => status === 202 || status === 409)).toBe(true);
    for (const response of responses) {
      if (response.status === 202) expect(response.body.id).toBe(runs[0].id);
      else {
        expect(response.headers['retry-after']).toBe('1');
        expect(response.body.message).toMatch(/is still being answered/);
      }
    }
    await ended(runs[0].id);
  });

  it('keeps a key per user: another user with the same key and body starts their own run', async () => {
    const mine = await start(clinic.admin, { period: '2026-Q3' }, 'shared-key');
    expect(mine.status).toBe(202);
    await ended(mine.body.id as string);
    const theirs = await start(clinic.quality, { period: '2026-Q3' }, 'shared-key');
    expect(theirs.status).toBe(202);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    await ended(theirs.body.id as string);
  });

  it('keeps a key exactly 24 hours', async () => {
    const first = await start(clinic.admin, { period: '2026-Q4' }, 'key-q4');
    expect(first.status).toBe(202);
    await ended(first.body.id as string);
    const age = (interval: string) => sql(`UPDATE idempotency_keys SET created_at = now() - interval '${interval}' WHERE key = 'key-q4'`);

    await age('23 hours 59 minutes 50 seconds');
    const within = await start(clinic.admin, { period: '2026-Q4' }, 'key-q4');
    expect(within.headers['idempotent-replayed']).toBe('true');
    expect(within.body.id).toBe(first.body.id);

    await age('24 hours');
    const after = await start(clinic.admin, { period: '2026-Q4' }, 'key-q4');
    expect(after.status).toBe(202);
    expect(after.headers['idempotent-replayed']).toBeUndefined();
    expect(after.body.id).not.toBe(first.body.id);
    expect(await runsOf('2026-Q4')).toHaveLength(2);
    await ended(after.body.id as string);
  });

  it('frees the key of a request that failed, so that the retry is done', async () => {
    const refused = await start(clinic.admin, { period: '2027-Q1' }, 'key-2027');
    expect(refused.status).toBe(422);
    expect(await sql(`SELECT 1 FROM idempotency_keys WHERE key = 'key-2027'`)).toEqual([]);
    await bind('2027-Q1');
    const retried = await start(clinic.admin, { period: '2027-Q1' }, 'key-2027');
    expect(retried.status).toBe(202);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    await ended(retried.body.id as string);
  });

  it('takes keys of 1 to 255 printable characters; anything else is 400 naming the header', async () => {
    await bind('2027-Q2');
    for (const bad of ['x'.repeat(256), 'has space', '']) {
      const response = await start(clinic.admin, { period: '2027-Q2' }, bad);
      expect(response.status, bad).toBe(400);
      expect(response.body.details[0].path).toBe('Idempotency-Key');
    }
    expect(await runsOf('2027-Q2')).toEqual([]);
    const longest = await start(clinic.admin, { period: '2027-Q2' }, 'k'.repeat(255));
    expect(longest.status).toBe(202);
    await ended(longest.body.id as string);
  });

  it('stores nothing for a request without a key', async () => {
    const before = await sql(`SELECT key FROM idempotency_keys`);
    await bind('2027-Q3');
    const response = await start(clinic.admin, { period: '2027-Q3' });
    expect(response.status).toBe(202);
    expect(await sql(`SELECT key FROM idempotency_keys`)).toEqual(before);
    await ended(response.body.id as string);
  });
});
