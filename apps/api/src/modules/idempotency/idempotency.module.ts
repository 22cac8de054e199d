import { Module } from '@nestjs/common';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { IdempotentRequests } from './idempotent-requests';

/** `Idempotency-Key` for requests that create work; see IdempotentRequests. */
@Module({ providers: [IdempotencyKeysRepository, IdempotentRequests], exports: [IdempotentRequests] })
export class IdempotencyModule {}
