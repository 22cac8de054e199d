import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { CASE_QUEUE_NAME } from '../../apps/api/src/modules/cases/sla/case-timers';
import { EVALUATION_QUEUE_NAME } from '../../apps/api/src/modules/evaluations/evaluation-queue';
import { createRedisConnection } from '../../apps/api/src/modules/evaluations/redis-connection';

/** Runs one statement on the server TEST_DATABASE_URL names, as its role. */
async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL as string });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A database of a test's own on TEST_DATABASE_URL's server (named `carescore_<label>_<random>`): its URL, and
 * `drop` to remove it (WITH FORCE: the test's child processes may still hold connections).
 */
export async function scratchDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `carescore_${label}_${randomBytes(4).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Empties the queues the API and workers use (runs; case SLA checks and the sweep) under a test's prefix. */
export async function clearQueues(redisUrl: string, prefix: string): Promise<void> {
  const connection = createRedisConnection(redisUrl);
  try {
    for (const name of [EVALUATION_QUEUE_NAME, CASE_QUEUE_NAME]) {
      const queue = new Queue(name, { connection, prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
  } finally {
    connection.disconnect();
  }
}
