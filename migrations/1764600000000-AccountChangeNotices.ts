import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a user row is announced on the channel `carescore_account_changed` (payload: the user's id), so
 * that each API process can keep the accounts it authenticates in memory and drop one the moment it changes
 * (deactivated, role or staff link changed), whichever process or tool changed it.
 */
export class AccountChangeNotices1764600000000 implements MigrationInterface {
  name = 'AccountChangeNotices1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION announce_account_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('carescore_account_changed', OLD.id::text);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER users_announce_change AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION announce_account_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER users_announce_change ON users`);
    await db.query(`DROP FUNCTION announce_account_change()`);
  }
}
