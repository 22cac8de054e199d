import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { ChangeNotices } from '../../database/change-notices';
import { UsersRepository } from './users.repository';

export type SignedInAccount = AuthUser & { active: boolean };

/** Where the users table announces its changes (migration AccountChangeNotices; payload: the user's id). */
export const ACCOUNT_CHANGED_CHANNEL = 'carescore_account_changed';

/**
 * The accounts the auth guard reads on every request, as they are now. They are kept in memory only while this
 * process hears the users table's change notices (ChangeNotices): every update of a user row, from any process or
 * tool, drops that account at once, so a deactivation or a role change still applies to the very next request.
 * Without a live listener (embedded PGlite; a lost connection until it is back) every read goes to the database.
 */
@Injectable()
export class SignedInAccounts {
  private static readonly LIMIT = 10_000;
  private readonly cache = new Map<string, SignedInAccount>();
  /** Bumped by every change notice: an account read before a notice arrived is not kept after it. */
  private generation = 0;

  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(ChangeNotices) private readonly notices: ChangeNotices,
  ) {
    notices.subscribe(ACCOUNT_CHANGED_CHANNEL, { notice: (id) => this.forget(id), lost: () => this.forgetAll() });
  }

  async find(institutionId: string, id: string): Promise<SignedInAccount | null> {
    const listening = this.notices.listening;
    const cached = listening ? this.cache.get(id) : undefined;
    if (cached !== undefined) return cached.institutionId === institutionId ? cached : null;
    const generation = this.generation;
    const account = await this.users.findSignedIn(institutionId, id);
    // A loss of the notices while reading bumps the generation too (forgetAll).
    if (account !== null && listening && generation === this.generation) {
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

  private forgetAll(): void {
    this.generation += 1;
    this.cache.clear();
  }
}
