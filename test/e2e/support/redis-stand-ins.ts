import { randomBytes } from 'node:crypto';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import IORedis from 'ioredis';

/** The Redis the tests use (CI starts one on the default port). */
export const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** A key prefix of its own, so that parallel test files never share counters or queues. */
export const testPrefix = (label: string) => `carescore-test-${label}-${randomBytes(4).toString('hex')}`;

/** Deletes every key under the prefix (the queues' and the sign-in counters'). */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const close = (server: Server, sockets: Set<Socket>) =>
  new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });

/** A URL where nothing listens: Redis stopped (connections are refused). */
export async function deadRedisUrl(): Promise<string> {
  const server = createServer();
  const port = await listen(server);
  await close(server, new Set());
  return `redis://127.0.0.1:${port}`;
}

export interface RedisStandIn {
  url: string;
  close(): Promise<void>;
}

/** Accepts connections and never answers: a hung Redis (or a black-holed network path). */
export async function startSilentRedis(): Promise<RedisStandIn> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.resume(); // read and drop
  });
  const port = await listen(server);
  return { url: `redis://127.0.0.1:${port}`, close: () => close(server, sockets) };
}

export interface RedisProxy extends RedisStandIn {
  /** From now on, hold every command from the clients (Redis stops answering), or every one but a lone PING. */
  hold(options?: { butPing: boolean }): void;
  /** Sends what was held, in order, and forwards everything again. */
  release(): void;
}

const PING = '*1\r\n$4\r\nPING\r\n';

/** A TCP proxy in front of the real Redis that can stop passing commands on: Redis hanging after it was connected. */
export async function startRedisProxy(target = REDIS_URL): Promise<RedisProxy> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  let holding: 'nothing' | 'all' | 'all-but-ping' = 'nothing';
  const held: Array<{ upstream: Socket; data: Buffer }> = [];
  const server = createServer((client) => {
    const upstream = connect(Number(targetPort || 6379), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (data: Buffer) => {
      if (holding === 'all' || (holding === 'all-but-ping' && data.toString('latin1').toUpperCase() !== PING)) held.push({ upstream, data });
      else upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => client.write(data));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const port = await listen(server);
  return {
    url: `redis://127.0.0.1:${port}`,
    hold: (options = { butPing: false }) => {
      holding = options.butPing ? 'all-but-ping' : 'all';
    },
    release: () => {
      holding = 'nothing';
      for (const { upstream, data } of held.splice(0)) if (!upstream.destroyed) upstream.write(data);
    },
    close: () => close(server, sockets),
  };
}
