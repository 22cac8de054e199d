import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Real PostgreSQL (PGlite, WASM) served on a loopback port, so the app talks to it through the
 * same `pg` driver as in production. PGlite has one session: the pool must hold exactly one
 * connection, which serialises transactions instead of letting them interleave
 * (the typeorm-pglite trap recorded in STACK.md).
 *
 * The socket server still accepts a few connections at once: when the pool drops an idle connection and opens the
 * next one straight away, the new one arrives before the server has seen the old one close, and a server limited to
 * one connection answered it "Too many connections" (a 500 on the request that needed it). Its query queue keeps a
 * transaction's statements together, so an overlap of a closing and a new connection cannot interleave them.
 */
const SOCKET_CONNECTIONS = 4;

export async function startEmbeddedPostgres(dataDir: string | undefined): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // pg_trgm: the trigram indexes of staff search (migration ListIndexes), as on a PostgreSQL server.
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: SOCKET_CONNECTIONS });
  await server.start();
  const address = (server as unknown as { server?: { address(): { port: number } | string | null } }).server?.address();
  if (!address || typeof address === 'string') throw new Error('the embedded PostgreSQL server did not report its port');
  return {
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
