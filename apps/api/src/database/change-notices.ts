import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DATABASE_TARGET, type DatabaseTarget } from './data-source-options';

/** The LISTEN connection's application_name, so operators (and tests) can find it in pg_stat_activity. */
export const CHANGE_NOTICES_APPLICATION_NAME = 'carescore-change-notices';
const RECONNECT_MS = 1000;

/** What a process-local cache does with the notices of its channel. */
export interface ChangeNoticeHandler {
  /** A change was announced (payload as the trigger sent it). */
  notice(payload: string): void;
  /** Notices may have been missed (not listening yet, connection lost, shutting down): forget everything. */
  lost(): void;
}

/**
 * One LISTEN connection per process for the tables that announce their changes (triggers calling pg_notify), shared
 * by the in-memory caches that must never outlive a change made by another process or by psql. A cache may keep
 * what it read only while `listening` is true; when the connection is lost every handler is told to forget, and the
 * connection is retried every second. Embedded PGlite has a single connection, so it never listens and caches
 * keep nothing. Listening starts with the first `listening` check, so processes that never serve reads (workers)
 * never open the connection.
 */
@Injectable()
export class ChangeNotices implements OnApplicationShutdown {
  private readonly logger = new Logger(ChangeNotices.name);
  private readonly handlers = new Map<string, ChangeNoticeHandler[]>();
  /** The LISTEN connection, connecting or live; null when there is none. */
  private listener: Client | null = null;
  private connecting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private live = false;
  private closed = false;

  constructor(@Inject(DATABASE_TARGET) private readonly target: DatabaseTarget) {}

  /** Registers a handler for a channel (at construction of the cache, before the first read). */
  subscribe(channel: string, handler: ChangeNoticeHandler): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
    // A channel added to a live connection has not been heard so far: start over on every channel.
    if (this.listener !== null) this.lost(this.listener);
  }

  /** True while every subscribed channel's notices arrive; starts listening when there is no connection yet. */
  get listening(): boolean {
    if (this.listener === null && this.retry === null) this.listen();
    return this.live;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.retry !== null) clearTimeout(this.retry);
    await this.connecting;
    const listener = this.listener;
    this.stop();
    await listener?.end().catch(() => undefined);
  }

  private listen(): void {
    this.retry = null;
    if (this.target.embedded || this.closed || this.handlers.size === 0) return;
    const client = new Client({ connectionString: this.target.url, application_name: CHANGE_NOTICES_APPLICATION_NAME });
    this.listener = client;
    client.on('notification', (notice) => {
      for (const handler of this.handlers.get(notice.channel) ?? []) handler.notice(notice.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    const channels = [...this.handlers.keys()];
    this.connecting = (async () => {
      await client.connect();
      await client.query(channels.map((channel) => `LISTEN ${channel}`).join('; '));
      // Only now: whatever was read before may have changed before the first notice could arrive.
      if (this.listener === client) this.live = true;
    })()
      .catch((error: unknown) => this.lost(client, error))
      .finally(() => (this.connecting = null));
  }

  private lost(client: Client, error?: unknown): void {
    if (this.listener !== client) return;
    if (this.live) this.logger.warn(`change notices lost${error instanceof Error ? ` (${error.message})` : ''}; reading from the database until they are back`);
    this.stop();
    client.end().catch(() => undefined);
    if (!this.closed) this.retry = setTimeout(() => this.listen(), RECONNECT_MS).unref();
  }

  private stop(): void {
    this.live = false;
    this.listener = null;
    for (const handlers of this.handlers.values()) for (const handler of handlers) handler.lost();
  }
}
