/**
 * What the audit chain costs a write: `npx tsx test/bench/audit-chain.bench.ts` (BENCH_DATABASE_URL or
 * TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres). On two fresh databases, one chained
 * (every migration) and one with the chain's trigger, index and NOT NULLs taken away again, it times the write path
 * of a typical audited request, a row change plus its audit entry in one transaction, run by the app's pool size of
 * concurrent clients of one institution (they all contend for that institution's chain) and by one client alone.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../../apps/api/src/database/migrations';

const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const CLIENTS = 10;
const PER_CLIENT = 300;

async function database(chained: boolean): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `carescore_bench_audit_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await runMigrations({ url: url.toString(), embedded: false });
  if (!chained) {
    const owner = new Client({ connectionString: url.toString() });
    await owner.connect();
    await owner.query(`DROP TRIGGER audit_log_chain ON audit_log; DROP INDEX audit_log_chain_idx; ALTER TABLE audit_log ALTER COLUMN seq DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL`);
    await owner.end();
  }
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Writes per second and p95 latency of `clients` clients each doing `perClient` audited writes. */
async function measure(url: string, clients: number, perClient: number): Promise<{ perSecond: number; p95Ms: number }> {
  const setup = new Client({ connectionString: url });
  await setup.connect();
  const [institution] = (await setup.query(`INSERT INTO institutions (name) VALUES ($1) RETURNING id`, [`Bench ${randomBytes(3).toString('hex')}`])).rows as Array<{ id: string }>;
  await setup.end();
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    connections.map(async (client, c) => {
      for (let k = 0; k < perClient; k += 1) {
        const t0 = process.hrtime.bigint();
        await client.query('BEGIN');
        const [team] = (await client.query(`INSERT INTO teams (institution_id, name) VALUES ($1, $2) RETURNING id`, [institution?.id, `team ${c}-${k}`])).rows as Array<{ id: string }>;
        await client.query(`INSERT INTO audit_log (institution_id, actor_email, action, entity_type, entity_id, changes, ip) VALUES ($1, 'admin@bench.test', 'create', 'team', $2, $3, '127.0.0.1')`, [
          institution?.id,
          team?.id,
          { after: { name: `team ${c}-${k}`, nameEn: null, managerId: null } },
        ]);
        await client.query('COMMIT');
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all(connections.map((client) => client.end()));
  latencies.sort((a, b) => a - b);
  return { perSecond: (clients * perClient) / seconds, p95Ms: latencies[Math.floor(latencies.length * 0.95)] ?? 0 };
}

async function main(): Promise<void> {
  for (const chained of [false, true]) {
    const db = await database(chained);
    try {
      const alone = await measure(db.url, 1, PER_CLIENT);
      const together = await measure(db.url, CLIENTS, PER_CLIENT);
      const label = chained ? 'chained  ' : 'unchained';
      console.log(`${label}: 1 client ${alone.perSecond.toFixed(0)} writes/s (p95 ${alone.p95Ms.toFixed(2)} ms); ${CLIENTS} clients ${together.perSecond.toFixed(0)} writes/s (p95 ${together.p95Ms.toFixed(2)} ms)`);
    } finally {
      await db.drop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
