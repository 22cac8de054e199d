import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An email is unique within an institution, no longer across all of them: an admin creating a user
 * must not learn whether another institution already has that email (a global UNIQUE answered 409
 * for it). Sign-in finds the account by email and password among the institutions that have it
 * (see AuthService). Down fails while two institutions share an email.
 */
export class UserEmailPerInstitution1765070000000 implements MigrationInterface {
  name = 'UserEmailPerInstitution1765070000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_email_key`);
    await db.query(`CREATE UNIQUE INDEX users_institution_email_key ON users (institution_id, email)`);
    await db.query(`CREATE INDEX users_email_idx ON users (email)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX users_email_idx`);
    await db.query(`DROP INDEX users_institution_email_key`);
    await db.query(`ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)`);
  }
}
