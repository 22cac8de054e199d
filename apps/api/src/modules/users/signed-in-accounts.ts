import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import type { AuthUser } from '../../common/auth/auth-user';
import { DATABASE_TARGET, type DatabaseTarget } from '../../database/data-source-options';
import { UsersRepository } from './users.repository';

export type SignedInAccount = AuthUser & { active: boolean };

/** Where the users table announces its changes (migration AccountChangeNotices). */
export const ACCOUNT_CHANGED_CHANNEL = 'carescore_account_changed';
const RECONNECT_MS = 1000;

/**
 * The accounts the auth guard reads on every request, as they are now. They are kept in memory only while this
 * process LISTENs to the users table's change notices: every update of a user row, from any process or tool,
 * drops that account at once, so a deactivation or a role change still applies to the very next request. Without
 * a live listener (embedded PGlite has one connection only; a lost connection until it is back) every read goes to
 * the database, as before.
 */
@Injectable()
export class SignedInAccounts implements OnApplicationShutdown {
  private static readonly LIMIT = 10_000;
  private readonly logger = new Logger(SignedInAccounts.name);
  private readonly cache = new Map<string, SignedInAccount>();
  /** The LISTEN connection, connecting or live; null when there is none. */
  private listener: Client | null = null;
  private connecting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private listening = false;
  private closed = false;
  /** Bumped by every change notice: an account read before a notice arrived is not kept after it. */
  private generation = 0;

  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(DATABASE_TARGET) private readonly target: DatabaseTarget,
  ) {}

  async find(institutionId: string, id: string): Promise<SignedInAccount | null> {
    // Started by the first request, so worker processes (which authenticate nobody) never open the connection.
    if (this.listener === null && this.retry === null) this.listen();
    const cached = this.listening ? this.cache.get(id) : undefined;
    if (cached !== undefined) return cached.institutionId === institutionId ? cached : null;
    const generation = this.generation;
    const account = await this.users.findSignedIn(institutionId, id);
    if (account !== null && this.listening && generation === this.generation) {
      this.cache.set(id, account);
      if (this.cache.size > SignedInAccounts.LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    }
    return account;
  }

  /** Drops an account (this process changed it; the notice will follow but the next request may come first). */
  forget(id: string): void {
    this.generation += 1;
    this.cache.delete(id);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.retry !== null) clearTimeout(this.retry);
    await this.connecting;
    const listener = this.listener;
    this.stopListening();
    await listener?.end().catch(() => undefined);
  }

  private listen(): void {
    this.retry = null;
    if (this.target.embedded || this.closed) return;
    const client = new Client({ connectionString: this.target.url });
    this.listener = client;
    client.on('notification', (notice) => {
      if (notice.channel === ACCOUNT_CHANGED_CHANNEL && notice.payload) this.forget(notice.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    this.connecting = (async () => {
      await client.connect();
      await client.query(`LISTEN ${ACCOUNT_CHANGED_CHANNEL}`);
      // Only now: an account read earlier may have changed before the first notice could arrive.
      if (this.listener === client) this.listening = true;
    })()
      .catch((error: unknown) => this.lost(client, error))
      .finally(() => (this.connecting = null));
  }

  private lost(client: Client, error?: unknown): void {
    if (this.listener !== client) return;
    if (this.listening) this.logger.warn(`account change notices lost${error instanceof Error ? ` (${error.message})` : ''}; reading accounts from the database until they are back`);
    this.stopListening();
    client.end().catch(() => undefined);
    if (!this.closed) this.retry = setTimeout(() => this.listen(), RECONNECT_MS).unref();
  }

  private stopListening(): void {
    this.listening = false;
    this.listener = null;
    this.generation += 1;
    this.cache.clear();
  }
}
