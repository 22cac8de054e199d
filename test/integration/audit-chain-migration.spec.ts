import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditChain1765140000000 } from '../../migrations/1765140000000-AuditChain';
import { dataSourceOptions, MIGRATIONS } from '../../apps/api/src/database/data-source-options';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { AuditRepository } from '../../apps/api/src/modules/audit/audit.repository';
import { AuditService } from '../../apps/api/src/modules/audit/audit.service';

/** An install upgraded with entries already in its audit log: the migration chains them, in the order they were written. */
let embedded: EmbeddedPostgres;
let dataSource: DataSource;

beforeAll(async () => {
  embedded = await startEmbeddedPostgres(undefined);
  const target = { url: embedded.url, embedded: true };
  const before = new DataSource({ ...dataSourceOptions(target), migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(AuditChain1765140000000)) });
  await before.initialize();
  await before.runMigrations({ transaction: 'each' });
  const [a, b] = (await before.query(`INSERT INTO institutions (name) VALUES ('A'), ('B') RETURNING id`)) as Array<{ id: string }>;
  // Interleaved institutions, one entry without an institution, a timestamp in another time zone.
  for (const [institution, action] of [[a?.id, 'create'], [b?.id, 'create'], [a?.id, 'update'], [null, 'login_failed'], [a?.id, 'delete'], [b?.id, 'update']] as const) {
    await before.query(`INSERT INTO audit_log (institution_id, action, entity_type, changes, created_at) VALUES ($1, $2, 'team', '{"n": 1.50}', '2026-03-01 08:00:00+08')`, [institution, action]);
  }
  await before.destroy();
  dataSource = new DataSource(dataSourceOptions(target));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
}, 120_000);

afterAll(async () => {
  await dataSource?.destroy();
  await embedded?.stop();
});

describe('migration AuditChain', () => {
  it('numbers and hashes the existing entries per institution in id order, and every chain verifies intact', async () => {
    const rows = (await dataSource.query(
      `SELECT i.name, a.action, a.seq::int AS seq, a.prev_hash IS NULL AS first, a.hash ~ '^[0-9a-f]{64}$' AS hashed FROM audit_log a LEFT JOIN institutions i ON i.id = a.institution_id ORDER BY a.id`,
    )) as Array<{ name: string | null; action: string; seq: number; first: boolean; hashed: boolean }>;
    expect(rows).toEqual([
      { name: 'A', action: 'create', seq: 1, first: true, hashed: true },
      { name: 'B', action: 'create', seq: 1, first: true, hashed: true },
      { name: 'A', action: 'update', seq: 2, first: false, hashed: true },
      { name: null, action: 'login_failed', seq: 1, first: true, hashed: true },
      { name: 'A', action: 'delete', seq: 3, first: false, hashed: true },
      { name: 'B', action: 'update', seq: 2, first: false, hashed: true },
    ]);
    const reports = await new AuditService(new AuditRepository(dataSource)).verifyAll();
    expect(reports[0]).toMatchObject({ institutionId: null, entries: 1, broken: null });
    expect(reports.slice(1).map((report) => report.entries).sort()).toEqual([2, 3]);
    expect(reports.every((report) => report.broken === null)).toBe(true);
  });

  it('continues each chain from its migrated head, whatever the session time zone', async () => {
    await dataSource.query(`SET TIME ZONE 'America/New_York'`);
    const [b] = (await dataSource.query(`SELECT id FROM institutions WHERE name = 'B'`)) as Array<{ id: string }>;
    const [entry] = (await dataSource.query(`INSERT INTO audit_log (institution_id, action, entity_type) VALUES ($1, 'create', 'staff') RETURNING seq::int AS seq`, [b?.id])) as Array<{ seq: number }>;
    expect(entry?.seq).toBe(3);
    await dataSource.query(`SET TIME ZONE 'UTC'`);
    const report = await new AuditService(new AuditRepository(dataSource)).verifyChain(b?.id ?? null);
    expect(report).toMatchObject({ entries: 3, head: { sequence: 3 }, broken: null });
  });
});
