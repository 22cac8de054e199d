import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Institutions, users, teams, staff, rule documents with versions, period bindings, audit log. */
export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE institutions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'quality_officer', 'manager', 'staff')),
        staff_id uuid,
        locale text NOT NULL DEFAULT 'zh',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX users_institution_idx ON users (institution_id)`);
    await db.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        name text NOT NULL,
        name_en text,
        manager_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (institution_id, name)
      )`);
    await db.query(`
      CREATE TABLE staff (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        code text NOT NULL,
        name text NOT NULL,
        team_id uuid REFERENCES teams(id),
        tier text NOT NULL CHECK (tier IN ('junior', 'mid', 'senior')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (institution_id, code)
      )`);
    await db.query(`CREATE INDEX staff_team_idx ON staff (institution_id, team_id)`);
    await db.query(`ALTER TABLE users ADD CONSTRAINT users_staff_fk FOREIGN KEY (staff_id) REFERENCES staff(id) ON DELETE SET NULL`);
    await db.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        kind text NOT NULL CHECK (kind IN ('scheme', 'workflow')),
        key text NOT NULL,
        name jsonb NOT NULL DEFAULT '{}',
        revision int NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (institution_id, kind, key)
      )`);
    await db.query(`
      CREATE TABLE document_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        version int NOT NULL CHECK (version > 0),
        status text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
        content jsonb NOT NULL,
        content_hash text,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        published_by uuid REFERENCES users(id) ON DELETE SET NULL,
        published_at timestamptz,
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (document_id, version),
        CHECK (status = 'draft' OR content_hash IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX document_versions_one_draft ON document_versions (document_id) WHERE status = 'draft'`);
    // A published version is immutable: only its status may move on (published → retired).
    await db.query(`
      CREATE FUNCTION document_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'draft' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.content_hash IS DISTINCT FROM OLD.content_hash OR NEW.version <> OLD.version) THEN
          RAISE EXCEPTION 'published document versions are immutable' USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.status = 'retired' AND NEW.status <> 'retired' THEN
          RAISE EXCEPTION 'a retired document version cannot be republished' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER document_versions_immutable BEFORE UPDATE ON document_versions FOR EACH ROW EXECUTE FUNCTION document_versions_immutable()`);
    await db.query(`
      CREATE TABLE bindings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
        team_id uuid REFERENCES teams(id),
        document_id uuid NOT NULL REFERENCES documents(id),
        document_version_id uuid NOT NULL REFERENCES document_versions(id),
        version int NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bindings_one_per_scope UNIQUE NULLS NOT DISTINCT (institution_id, period, team_id)
      )`);
    await db.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        institution_id uuid REFERENCES institutions(id),
        actor_id uuid,
        actor_email text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        changes jsonb NOT NULL DEFAULT '{}',
        ip text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX audit_log_institution_idx ON audit_log (institution_id, created_at DESC)`);
    await db.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await db.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_log`);
    await db.query(`DROP FUNCTION audit_log_append_only`);
    await db.query(`DROP TABLE bindings`);
    await db.query(`DROP TABLE document_versions`);
    await db.query(`DROP FUNCTION document_versions_immutable`);
    await db.query(`DROP TABLE documents`);
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_staff_fk`);
    await db.query(`DROP TABLE staff`);
    await db.query(`DROP TABLE teams`);
    await db.query(`DROP TABLE users`);
    await db.query(`DROP TABLE institutions`);
  }
}
