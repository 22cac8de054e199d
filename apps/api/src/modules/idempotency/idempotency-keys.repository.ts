import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How long a key holds its response, and after how long a `pending` key (its process died) may be claimed again. */
export const KEY_LIFETIME = '24 hours';
export const PENDING_TAKEOVER = '60 seconds';

export interface KeyOwner {
  institutionId: string;
  userId: string;
  operation: string;
  key: string;
}

export interface StoredKey {
  requestHash: string;
  status: 'pending' | 'done';
  responseStatus: number | null;
  responseBody: unknown;
  responseLocation: string | null;
}

interface KeyRow {
  request_hash: string;
  status: 'pending' | 'done';
  response_status: number | null;
  response_body: unknown;
  response_location: string | null;
}

/** Times are the database's (`now()`), so every API process agrees on a key's age. */
@Injectable()
export class IdempotencyKeysRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Claims the key as `pending` for this request: true when it was free, had expired, or was left pending by a
   * process that died; false when another request holds it (then `find` says how).
   */
  async claim(owner: KeyOwner, requestHash: string, claim: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, operation, key, institution_id, request_hash, status, claim, created_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, now())
       ON CONFLICT (user_id, operation, key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, status = 'pending', claim = EXCLUDED.claim, response_status = NULL,
              response_body = NULL, response_location = NULL, created_at = EXCLUDED.created_at
        WHERE idempotency_keys.created_at <= now() - interval '${KEY_LIFETIME}'
           OR (idempotency_keys.status = 'pending' AND idempotency_keys.created_at <= now() - interval '${PENDING_TAKEOVER}')
       RETURNING key`,
      [owner.userId, owner.operation, owner.key, owner.institutionId, requestHash, claim],
    )) as unknown[];
    return rows.length === 1;
  }

  async find(owner: KeyOwner): Promise<StoredKey | null> {
    const rows = (await this.dataSource.query(
      `SELECT request_hash, status, response_status, response_body, response_location
         FROM idempotency_keys WHERE user_id = $1 AND operation = $2 AND key = $3`,
      [owner.userId, owner.operation, owner.key],
    )) as KeyRow[];
    const row = rows[0];
    if (!row) return null;
    return { requestHash: row.request_hash, status: row.status, responseStatus: row.response_status, responseBody: row.response_body, responseLocation: row.response_location };
  }

  async complete(owner: KeyOwner, claim: string, response: { status: number; body: unknown; location: string | null }): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status = 'done', response_status = $5, response_body = $6::jsonb, response_location = $7
        WHERE user_id = $1 AND operation = $2 AND key = $3 AND claim = $4 AND status = 'pending'`,
      [owner.userId, owner.operation, owner.key, claim, response.status, JSON.stringify(response.body), response.location],
    );
  }

  /** Frees a key whose request failed, so that the same request may be tried again. */
  async release(owner: KeyOwner, claim: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND operation = $2 AND key = $3 AND claim = $4 AND status = 'pending'`, [
      owner.userId,
      owner.operation,
      owner.key,
      claim,
    ]);
  }

  async deleteExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE created_at <= now() - interval '${KEY_LIFETIME}'`);
  }
}
