import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chains the audit log so a rewrite of history shows: every entry gets a sequence number in its institution's
 * chain (entries without an institution, sign-in failures for unknown accounts, form a chain of their own), the
 * previous entry's hash and a SHA-256 hash over its own content and that previous hash.
 *
 * The hash is computed by a BEFORE INSERT trigger, inside the transaction of the write, whoever inserts. The trigger
 * takes a transaction-scoped advisory lock per chain before it reads the chain's head, so two concurrent writes
 * cannot both extend the same head (and the unique index on (institution_id, seq) refuses a fork anyway). The
 * canonical content is `audit_log_entry_hash`, used by the trigger and by `npm run audit:verify` alike; timestamps
 * are written in UTC so no session setting changes a hash.
 *
 * Existing entries are chained here in id order (the append-only trigger is disabled for that, in this transaction).
 */
export class AuditChain1765140000000 implements MigrationInterface {
  name = 'AuditChain1765140000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_log ADD COLUMN seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text`);
    await db.query(`
      CREATE FUNCTION audit_log_entry_hash(e audit_log) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to(jsonb_build_array(
          e.id, e.seq, e.institution_id, e.actor_id, e.actor_email, e.action, e.entity_type, e.entity_id, e.changes, e.ip,
          to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.prev_hash
        )::text, 'UTF8')), 'hex')
      $$`);
    await db.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await db.query(`
      DO $$
      DECLARE
        v_entry audit_log%ROWTYPE;
        v_chain uuid;
        v_first boolean := true;
        v_seq bigint := 0;
        v_prev text := NULL;
      BEGIN
        FOR v_entry IN SELECT * FROM audit_log ORDER BY institution_id NULLS FIRST, id LOOP
          IF v_first OR v_entry.institution_id IS DISTINCT FROM v_chain THEN
            v_chain := v_entry.institution_id;
            v_first := false;
            v_seq := 0;
            v_prev := NULL;
          END IF;
          v_seq := v_seq + 1;
          v_entry.seq := v_seq;
          v_entry.prev_hash := v_prev;
          v_entry.hash := audit_log_entry_hash(v_entry);
          UPDATE audit_log SET seq = v_entry.seq, prev_hash = v_entry.prev_hash, hash = v_entry.hash WHERE id = v_entry.id;
          v_prev := v_entry.hash;
        END LOOP;
      END $$`);
    await db.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    await db.query(`ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX audit_log_chain_idx ON audit_log (institution_id, seq) NULLS NOT DISTINCT`);
    await db.query(`
      CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_seq bigint;
        v_hash text;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('audit_log:' || coalesce(NEW.institution_id::text, 'none'), 0));
        IF NEW.institution_id IS NULL THEN
          SELECT seq, hash INTO v_seq, v_hash FROM audit_log WHERE institution_id IS NULL ORDER BY seq DESC LIMIT 1;
        ELSE
          SELECT seq, hash INTO v_seq, v_hash FROM audit_log WHERE institution_id = NEW.institution_id ORDER BY seq DESC LIMIT 1;
        END IF;
        NEW.seq := coalesce(v_seq, 0) + 1;
        NEW.prev_hash := v_hash;
        NEW.hash := audit_log_entry_hash(NEW);
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER audit_log_chain ON audit_log`);
    await db.query(`DROP FUNCTION audit_log_chain`);
    await db.query(`DROP INDEX audit_log_chain_idx`);
    await db.query(`DROP FUNCTION audit_log_entry_hash`);
    await db.query(`ALTER TABLE audit_log DROP COLUMN seq, DROP COLUMN prev_hash, DROP COLUMN hash`);
  }
}
