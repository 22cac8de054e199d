import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `Idempotency-Key` of requests that create work (POST /api/evaluations): one row per user, operation and key for
 * 24 hours. `pending` while the first request is being answered, then `done` with the response it got, which a
 * repeat of the same request is given again. The primary key makes concurrent requests with one key claim it once,
 * in whichever API process they land; `claim` names the request that holds it, so only that one completes or frees it.
 */
export class IdempotencyKeys1765000000000 implements MigrationInterface {
  name = 'IdempotencyKeys1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        operation text NOT NULL,
        key text NOT NULL,
        institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
        request_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'done')),
        claim uuid NOT NULL,
        response_status int,
        response_body jsonb,
        response_location text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, operation, key)
      )`);
    await db.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
  }
}
