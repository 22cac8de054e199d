import { Client } from 'pg';
import { loadConfig } from '../config/app-config';
import { ensureAppRole, roleOf } from '../database/database-roles';
import { runMigrations } from '../database/migrations';
import { fail, openDatabaseTarget } from './database-target';

/**
 * `npm run migrate`: applies pending migrations as the owner role (MIGRATION_DATABASE_URL, else DATABASE_URL), then,
 * with two roles, creates or checks the app role of DATABASE_URL and grants it what the API needs. The app role's
 * password is the operator's (in DATABASE_URL) and is never printed.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const { target, close } = await openDatabaseTarget(config, { owner: true });
  try {
    const applied = await runMigrations(target);
    console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'the database is up to date');
    if (config.mode !== 'production') return;
    const appUrl = config.databaseUrl as string;
    if (!config.migrationDatabaseUrl || roleOf(config.migrationDatabaseUrl) === roleOf(appUrl)) {
      console.warn(
        `one database role (${roleOf(appUrl) || 'the default user'}) owns the tables and runs the API: it could disable the audit log's triggers and rewrite it. ` +
          'Set MIGRATION_DATABASE_URL to the owner role and DATABASE_URL to a role that owns nothing (README, "Production").',
      );
      return;
    }
    const owner = new Client({ connectionString: target.url });
    await owner.connect();
    try {
      const outcome = await ensureAppRole(owner, appUrl);
      console.log(`app role ${outcome.role}: ${outcome.created ? 'created' : 'checked'}; granted read and write on the tables, read and append only on audit_log`);
    } finally {
      await owner.end();
    }
  } finally {
    await close();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
