import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';

/**
 * STACK.md: typeorm-pglite shares one PGlite session between connections, so concurrent
 * transactions interleave and committed rows can vanish. Embedded mode serves PGlite over a
 * socket to a one-connection pool instead; these tests prove transactions stay isolated.
 */
let embedded: EmbeddedPostgres;
let dataSource: DataSource;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  embedded = await startEmbeddedPostgres(undefined);
  dataSource = new DataSource(dataSourceOptions({ url: embedded.url, embedded: true }));
  await dataSource.initialize();
  await dataSource.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
  await dataSource.query('CREATE TABLE rows (id int PRIMARY KEY, tx int NOT NULL)');
  await dataSource.query('INSERT INTO counter VALUES (1, 0)');
}, 60_000);

afterAll(async () => {
  await dataSource?.destroy();
  await embedded?.stop();
});

describe('embedded PostgreSQL transactions', () => {
  it('run concurrently without interleaving: read-modify-write loses no update', async () => {
    const workers = Array.from({ length: 25 }, () =>
      dataSource.transaction(async (tx) => {
        const [{ n }] = (await tx.query('SELECT n FROM counter WHERE id = 1')) as Array<{ n: number }>;
        await pause(2); // give another transaction every chance to slip in between read and write
        await tx.query('UPDATE counter SET n = $1 WHERE id = 1', [n + 1]);
      }),
    );
    await Promise.all(workers);
    const [{ n }] = (await dataSource.query('SELECT n FROM counter WHERE id = 1')) as Array<{ n: number }>;
    expect(n).toBe(25);
  });

  it('keeps every committed row and none of a rolled-back one', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        dataSource.transaction(async (tx) => {
          await tx.query('INSERT INTO rows (id, tx) VALUES ($1, $2), ($3, $2)', [i * 2, i, i * 2 + 1]);
          await pause(1);
          if (i % 3 === 0) throw new Error(`roll back ${i}`);
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(10);
    const rows = (await dataSource.query('SELECT tx, count(*)::int AS c FROM rows GROUP BY tx ORDER BY tx')) as Array<{ tx: number; c: number }>;
    const committed = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 !== 0);
    expect(rows).toEqual(committed.map((tx) => ({ tx, c: 2 })));
  });

  it("does not let one transaction see another one's uncommitted writes", async () => {
    let seenInside = -1;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writer = dataSource.transaction(async (tx) => {
      await tx.query('UPDATE counter SET n = 1000 WHERE id = 1');
      await gate;
      throw new Error('abandon');
    });
    const reader = (async () => {
      await pause(5);
      release();
      const [{ n }] = (await dataSource.query('SELECT n FROM counter WHERE id = 1')) as Array<{ n: number }>;
      seenInside = n;
    })();
    await Promise.allSettled([writer, reader]);
    expect(seenInside).toBe(25);
  });

  it('accepts a new connection while the one before it is still closing (the pool replacing an idle connection)', async () => {
    for (let round = 0; round < 10; round += 1) {
      const closing = new Client({ connectionString: embedded.url });
      await closing.connect();
      await closing.query('SELECT 1');
      const closed = closing.end();
      const next = new Client({ connectionString: embedded.url });
      await next.connect();
      expect((await next.query('SELECT n FROM counter WHERE id = 1')).rowCount).toBe(1);
      await Promise.all([closed, next.end()]);
    }
  });
});
