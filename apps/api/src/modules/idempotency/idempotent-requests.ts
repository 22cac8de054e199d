import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { canonicalJson } from '@carescore/engine';
import type { RequestContext } from '../../common/auth/auth-user';
import { DomainError, unprocessable } from '../../common/errors/domain-error';
import { zod } from '../../common/http/zod';
import { IdempotencyKeysRepository, KEY_LIFETIME, type KeyOwner } from './idempotency-keys.repository';
import { msg } from '../../common/i18n/messages';

/** The `Idempotency-Key` header: any printable ASCII (a UUID is usual), at most 255 characters. */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7E]+$/, 'printable ASCII without spaces')
  .optional();

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

const idempotencyKeyPipe = zod(idempotencyKeySchema, IDEMPOTENCY_KEY_HEADER);

/** The header's value (`@Headers('idempotency-key')`), checked: 400 naming the header when it is not a valid key. */
export const parseIdempotencyKey = (value: unknown): string | undefined => idempotencyKeyPipe.transform(value);

/** What the first request answered, given again to its repeats. */
export interface IdempotentResponse<T> {
  status: number;
  body: T;
  /** The `Location` header, if any. */
  location: string | null;
}

const PURGE_EVERY_MS = 60_000;

/**
 * Runs a request that creates work at most once per user, operation and `Idempotency-Key` within 24 hours, across
 * API processes (the key is claimed in PostgreSQL first). A repeat with the same body gets the first response
 * again, without doing the work; with another body, 422; while the first is still being answered, 409. A request
 * that fails frees its key (only successes are kept), so a client may retry it with the same key. Without a key the
 * work simply runs.
 */
@Injectable()
export class IdempotentRequests {
  private readonly logger = new Logger('IdempotentRequests');
  private purgedAt = 0;

  constructor(@Inject(IdempotencyKeysRepository) private readonly keys: IdempotencyKeysRepository) {}

  async run<T>(ctx: RequestContext, operation: string, key: string | undefined, request: unknown, work: () => Promise<IdempotentResponse<T>>): Promise<IdempotentResponse<T> & { replayed: boolean }> {
    if (key === undefined) return { ...(await work()), replayed: false };
    this.purgeNowAndThen();
    const owner: KeyOwner = { institutionId: ctx.user.institutionId, userId: ctx.user.id, operation, key };
    const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
    const claim = randomUUID();
    // A key freed between our failed claim and the read is claimed again on the next turn.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await this.keys.claim(owner, requestHash, claim)) return { ...(await this.perform(owner, claim, work)), replayed: false };
      const stored = await this.keys.find(owner);
      if (!stored) continue;
      if (stored.requestHash !== requestHash) {
        throw unprocessable(msg('idempotency.reused', { header: IDEMPOTENCY_KEY_HEADER, key }), [
          { path: IDEMPOTENCY_KEY_HEADER, message: msg('idempotency.reused.detail', { lifetime: KEY_LIFETIME }) },
        ]);
      }
      if (stored.status === 'pending') {
        throw new DomainError('Conflict', msg('idempotency.pending', { header: IDEMPOTENCY_KEY_HEADER, key }), [{ path: IDEMPOTENCY_KEY_HEADER, message: msg('idempotency.pending.detail') }], 1);
      }
      return { status: stored.responseStatus ?? 200, body: stored.responseBody as T, location: stored.responseLocation, replayed: true };
    }
    throw new DomainError('Conflict', msg('idempotency.contended', { header: IDEMPOTENCY_KEY_HEADER, key }), [{ path: IDEMPOTENCY_KEY_HEADER, message: msg('idempotency.contended.detail') }], 1);
  }

  private async perform<T>(owner: KeyOwner, claim: string, work: () => Promise<IdempotentResponse<T>>): Promise<IdempotentResponse<T>> {
    let response: IdempotentResponse<T>;
    try {
      response = await work();
    } catch (error) {
      await this.keys.release(owner, claim).catch((releaseError: unknown) => this.logger.warn(`could not free ${IDEMPOTENCY_KEY_HEADER} ${owner.key}: ${(releaseError as Error).message}`));
      throw error;
    }
    await this.keys.complete(owner, claim, response);
    return response;
  }

  private purgeNowAndThen(): void {
    const now = Date.now();
    if (now - this.purgedAt < PURGE_EVERY_MS) return;
    this.purgedAt = now;
    this.keys.deleteExpired().catch((error: unknown) => this.logger.warn(`could not delete expired idempotency keys: ${(error as Error).message}`));
  }
}
