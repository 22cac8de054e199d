import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from './support/audit-entries';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The audit log is a hash chain per institution: each entry carries its sequence number, the previous entry's hash
 * and a hash over both and its content. Tampering here is real: as the role owning the tables, disable the
 * append-only trigger and rewrite rows, as someone with the migration credentials could.
 */
let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;
let gamma: TestInstitution;

interface ChainState {
  intact: boolean;
  entries: number;
  head: { sequence: number; hash: string | null } | null;
  broken: { entryId: string; sequence: number; problem: string; expected: string; found: string } | null;
}

const verify = async (admin: TestUser): Promise<ChainState> => (await t.http().get('/api/audit-log/verify').set(bearer(admin)).expect(200)).body as ChainState;
const createTeam = (admin: TestUser, name: string) => t.http().post('/api/teams').set(bearer(admin)).send({ name });

/** Runs SQL as the owner with the append-only trigger disabled, the way a tamperer with the owner's credentials would. */
async function asOwnerWithoutTrigger(sql: string, values: unknown[]): Promise<void> {
  await t.ownerQuery('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
  try {
    await t.ownerQuery(sql, values);
  } finally {
    await t.ownerQuery('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  }
}

beforeAll(async () => {
  t = await startTestApp();
  alpha = await createInstitution(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  gamma = await createInstitution(t, 'Gamma');
});

afterAll(async () => {
  await t?.close();
});

describe('the audit chain', () => {
  it('numbers each institution’s entries 1, 2, … and verifies intact; only admins may verify', async () => {
    for (const name of ['Cardiology', 'Oncology', 'Pediatrics']) await createTeam(alpha.admin, name).expect(201);
    const entries = await auditEntries(t, alpha.admin, {});
    // Four sign-ins (one per role) and three teams.
    expect(entries.map((entry) => entry.sequence)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    const state = await verify(alpha.admin);
    expect(state).toMatchObject({ intact: true, entries: 7, head: { sequence: 7 }, broken: null });
    expect(state.head?.hash).toMatch(/^[0-9a-f]{64}$/);
    // Beta's chain is its own: its four sign-ins.
    expect(await verify(beta.admin)).toMatchObject({ intact: true, entries: 4, head: { sequence: 4 } });
    for (const user of [alpha.quality, alpha.manager, alpha.staff]) await t.http().get('/api/audit-log/verify').set(bearer(user)).expect(403);
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    const before = (await verify(beta.admin)).entries;
    const responses = await Promise.all(Array.from({ length: 24 }, (_, k) => createTeam(beta.admin, `Concurrent ${k}`)));
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 24 }, () => 201));
    const state = await verify(beta.admin);
    expect(state).toMatchObject({ intact: true, entries: before + 24, head: { sequence: before + 24 }, broken: null });
    // Every number once, none missing (ids, taken before the chain's lock, may order concurrent entries differently).
    const sequences = (await auditEntries(t, beta.admin, {})).map((entry) => entry.sequence).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: before + 24 }, (_, k) => k + 1));
  });

  it('reports exactly the entry whose content was rewritten, and intact again once it is put back', async () => {
    const [team] = (await auditEntries(t, alpha.admin, { entityType: 'team', action: 'create' })).slice(-1);
    if (!team) throw new Error('no team entry');
    const sequence = team.sequence;
    const original = team.changes;
    await asOwnerWithoutTrigger(`UPDATE audit_log SET changes = $2 WHERE id = $1`, [team.id, JSON.stringify({ after: { name: 'Forged' } })]);

    const state = await verify(alpha.admin);
    expect(state.intact).toBe(false);
    expect(state.entries).toBe(sequence);
    expect(state.broken).toMatchObject({ entryId: team.id, sequence, problem: 'content_changed' });
    expect(state.broken?.expected).toMatch(/^[0-9a-f]{64}$/);
    expect(state.broken?.found).toMatch(/^[0-9a-f]{64}$/);
    expect(state.broken?.expected).not.toBe(state.broken?.found);
    // Other institutions' chains do not depend on it.
    expect((await verify(beta.admin)).intact).toBe(true);

    await asOwnerWithoutTrigger(`UPDATE audit_log SET changes = $2 WHERE id = $1`, [team.id, JSON.stringify(original)]);
    expect(await verify(alpha.admin)).toMatchObject({ intact: true, broken: null });
  });

  it('reports the gap where an entry was deleted, at the entry after it', async () => {
    for (const name of ['One', 'Two', 'Three']) await createTeam(gamma.admin, name).expect(201);
    const entries = await auditEntries(t, gamma.admin, {});
    const [after, deleted] = entries.slice(1, 3) as [(typeof entries)[number], (typeof entries)[number]];
    const deletedSequence = deleted.sequence;
    await asOwnerWithoutTrigger(`DELETE FROM audit_log WHERE id = $1`, [deleted.id]);

    expect(await verify(gamma.admin)).toMatchObject({
      intact: false,
      broken: { entryId: after.id, sequence: deletedSequence + 1, problem: 'entries_missing', expected: String(deletedSequence), found: String(deletedSequence + 1) },
    });
  });

  it('reports an entry whose hash was recomputed after a change at the link to the next entry', async () => {
    const before = await verify(beta.admin);
    // In chain order: after concurrent writes an entry's id (drawn before the chain's lock) need not follow its sequence.
    const [latest, previous] = (await auditEntries(t, beta.admin, {})).sort((a, b) => b.sequence - a.sequence);
    if (!latest || !previous) throw new Error('no entries');
    // A careful tamperer recomputes the changed entry's own hash: the next entry still names the old one.
    await asOwnerWithoutTrigger(`UPDATE audit_log a SET changes = '{"forged": true}' WHERE id = $1`, [previous.id]);
    await asOwnerWithoutTrigger(`UPDATE audit_log a SET hash = audit_log_entry_hash(a) WHERE id = $1`, [previous.id]);
    expect(await verify(beta.admin)).toMatchObject({
      intact: false,
      entries: before.entries,
      broken: { entryId: latest.id, sequence: before.entries, problem: 'link_broken' },
    });
  });
});
