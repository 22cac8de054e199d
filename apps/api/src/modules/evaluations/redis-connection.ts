import IORedis, { type Redis, type RedisOptions } from 'ioredis';

/** BullMQ needs `maxRetriesPerRequest: null` on connections that block (workers); harmless on the others. */
export function createRedisConnection(url: string): Redis {
  return new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** How long a command on a producer connection may wait for Redis's answer. */
export const PRODUCER_COMMAND_TIMEOUT_MS = 1000;

/**
 * For connections that only send short commands on behalf of a request (queueing a job, counting a sign-in): with
 * Redis away a command fails at once instead of waiting in ioredis's offline queue (which would hold the request
 * and send the command whenever Redis returns), and a Redis that accepts but does not answer fails it within
 * PRODUCER_COMMAND_TIMEOUT_MS. Never for BullMQ workers, whose commands block.
 */
export function createRedisProducerConnection(url: string, options: Pick<RedisOptions, 'lazyConnect'> = {}): Redis {
  const connection = new IORedis(url, { ...options, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: PRODUCER_COMMAND_TIMEOUT_MS, enableReadyCheck: true });
  // Every failure reaches the command that met it (and /api/health); unheard, ioredis would print each one.
  connection.on('error', () => undefined);
  return connection;
}

/** Resolves when the connection is ready or after `ms`, whichever comes first (never rejects). */
export function readyWithin(connection: Redis, ms: number): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      connection.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    connection.once('ready', done);
  });
}
