import type { LoggerService } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoData } from '../../apps/api/src/seed/demo-seed';
import { auditEntries } from './support/audit-entries';
import { login, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * react-admin's stock ra-data-simple-rest `update` PUTs the whole record the GET returned. Every
 * updatable resource takes it back unchanged (its read-only fields ignored), and still refuses
 * an `id` that is not the URL's.
 */
let t: TestApp;
let admin: TestUser;

const quiet: LoggerService = { log: () => undefined, warn: () => undefined, error: (message: unknown) => console.error(message) };
const auth = () => ({ Authorization: `Bearer ${admin.token}` });
const get = async (path: string): Promise<Record<string, unknown>> => {
  const response = await t.http().get(`/api${path}`).set(auth());
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Record<string, unknown>;
};
const first = async (resource: string, filter: Record<string, unknown> = {}): Promise<Record<string, unknown>> => {
  const response = await t.http().get(`/api/${resource}`).query({ filter: JSON.stringify(filter), range: '[0,0]' }).set(auth()).expect(200);
  const [row] = response.body as Array<Record<string, unknown>>;
  if (!row) throw new Error(`no ${resource} to update`);
  return get(`/${resource}/${String(row.id)}`);
};
/** A record without what changes on every write. */
const stable = (record: Record<string, unknown>) => {
  const { updatedAt: _updatedAt, revision: _revision, ...rest } = record;
  return rest;
};

const experimentBody = (documentId: string, overrides: Record<string, unknown>) => ({
  name: { zh: '权重试验', en: 'Weights trial' },
  champion: { documentId, version: 1 },
  challenger: { documentId, version: 2 },
  periods: ['2026-Q3'],
  ...overrides,
});

/** Each updatable resource's record, fetched through its GET; created here when the demo has none. */
const records: Record<string, () => Promise<Record<string, unknown>>> = {
  teams: () => first('teams'),
  staff: () => first('staff'),
  users: () => first('users', { role: 'manager' }),
  bindings: () => first('bindings'),
  documents: () => first('documents', { key: 'hm-3d9i' }),
  'experiments (draft, shadow)': async () => {
    const scheme = await first('documents', { key: 'hm-3d9i' });
    const created = await t.http().post('/api/experiments').set(auth()).send({ key: 'round-trip-shadow', mode: 'shadow', ...experimentBody(String(scheme.id), {}) }).expect(201);
    return get(`/experiments/${String(created.body.id)}`);
  },
  'experiments (running, split)': async () => {
    const scheme = await first('documents', { key: 'hm-3d9i' });
    const body = { key: 'round-trip-split', mode: 'split', unit: 'staff', challengerPercent: 30, ...experimentBody(String(scheme.id), { periods: ['2026-Q4'] }) };
    const created = await t.http().post('/api/experiments').set(auth()).send(body).expect(201);
    await t.http().post(`/api/experiments/${String(created.body.id)}/start`).set(auth()).send({}).expect(200);
    return get(`/experiments/${String(created.body.id)}`);
  },
};
const resourceOf = (name: string) => name.split(' ')[0];
const fetched = new Map<string, Promise<Record<string, unknown>>>();
/** The record of a case, fetched (or created) once, then read again as it is now. */
const recordOf = async (name: string): Promise<Record<string, unknown>> => {
  if (!fetched.has(name)) fetched.set(name, records[name]());
  const record = await (fetched.get(name) as Promise<Record<string, unknown>>);
  return get(`/${resourceOf(name)}/${String(record.id)}`);
};

beforeAll(async () => {
  t = await startTestApp();
  await ensureDemoData(t.app, quiet);
  const token = await login(t, 'admin@demo.test', 'carescore');
  admin = { id: '', email: 'admin@demo.test', role: 'admin', token };
  admin.id = String((await get('/auth/me')).id);
}, 240_000);
afterAll(async () => t?.close());

describe('PUT of a record as its GET returned it (react-admin’s stock update)', () => {
  for (const name of Object.keys(records)) {
    it(`${name}: 200, and the record is as it was`, async () => {
      const resource = resourceOf(name);
      const record = await recordOf(name);
      expect(record).toHaveProperty('createdAt');
      expect(record).toHaveProperty('updatedAt');
      const response = await t.http().put(`/api/${resource}/${String(record.id)}`).set(auth()).send(record);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const after = await get(`/${resource}/${String(record.id)}`);
      if (resource === 'documents') {
        // A PUT of a published document's content starts a draft of the same content (its own version and status aside).
        const { version: _v1, status: _s1, ...sent } = record.content as Record<string, unknown>;
        const { version: _v2, status: _s2, ...kept } = after.content as Record<string, unknown>;
        expect(kept).toEqual(sent);
        expect(after).toMatchObject({ id: record.id, key: record.key, status: 'draft', draftVersion: Number(record.latestVersion) + 1 });
      } else {
        expect(stable(after)).toEqual(stable(record));
      }
    });

    it(`${name}: an id other than the URL's is 400 on path id, and changes nothing`, async () => {
      const resource = resourceOf(name);
      const record = await recordOf(name);
      const otherId = '00000000-0000-4000-8000-000000000000';
      const before = await auditEntries(t, admin, { entityId: record.id });
      const response = await t.http().put(`/api/${resource}/${String(record.id)}`).set(auth()).send({ ...record, id: otherId });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ path: 'id', message: `must be the id in the URL (${String(record.id)}) or left out`, code: 'id_mismatch' }]);
      expect(await get(`/${resource}/${String(record.id)}`)).toEqual(record);
      expect(await auditEntries(t, admin, { entityId: record.id })).toHaveLength(before.length);
    });
  }

  it('saves what was changed in a whole record, and audits only that change', async () => {
    const team = await first('teams');
    const before = await auditEntries(t, admin, { entityId: team.id });
    await t.http().put(`/api/teams/${String(team.id)}`).set(auth()).send({ ...team, nameEn: 'Renamed in a whole record' }).expect(200);
    const after = await get(`/teams/${String(team.id)}`);
    expect(stable(after)).toEqual({ ...stable(team), nameEn: 'Renamed in a whole record' });
    const entries = await auditEntries(t, admin, { entityId: team.id });
    expect(entries).toHaveLength(before.length + 1);
    expect(entries[0]).toMatchObject({ actorId: admin.id, action: 'update', entityType: 'team', changes: { before: { nameEn: team.nameEn }, after: { nameEn: 'Renamed in a whole record' } } });
    expect(Object.keys(entries[0].changes.after as Record<string, unknown>)).toEqual(['nameEn']);
  });

  it('still refuses a field neither the record nor the update has, and read-only fields in a partial update (no id)', async () => {
    const team = await first('teams');
    const unknown = await t.http().put(`/api/teams/${String(team.id)}`).set(auth()).send({ ...team, colour: 'red' }).expect(400);
    expect(unknown.body.details[0].path).toBe('');
    expect(unknown.body.details[0].message).toContain('colour');
    const partial = await t.http().put(`/api/teams/${String(team.id)}`).set(auth()).send({ staffCount: 999, createdAt: '2000-01-01T00:00:00.000Z' }).expect(400);
    expect(partial.body.details[0].message).toMatch(/staffCount.*createdAt|createdAt.*staffCount/);
    // The same fields beside the record's id: a record sent back, its read-only fields ignored.
    await t.http().put(`/api/teams/${String(team.id)}`).set(auth()).send({ id: team.id, staffCount: 999, createdAt: '2000-01-01T00:00:00.000Z' }).expect(200);
    expect(await get(`/teams/${String(team.id)}`)).toEqual(team);
  });

  it('still validates the writable fields a whole record carries', async () => {
    const staff = await first('staff');
    const response = await t.http().put(`/api/staff/${String(staff.id)}`).set(auth()).send({ ...staff, tier: 'grandmaster' }).expect(400);
    expect(response.body.details.map((issue: { path: string }) => issue.path)).toEqual(['tier']);
    expect(await get(`/staff/${String(staff.id)}`)).toEqual(staff);
  });
});
