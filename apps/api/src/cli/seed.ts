import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../bootstrap';
import { loadConfig } from '../config/app-config';
import { assertNoPendingMigrations, runMigrationsWith } from '../database/migrations';
import { ensureDemoData } from '../seed/demo-seed';
import { fail, openDatabaseTarget } from './database-target';

/** `npm run seed`: loads the demo institutions into the configured database (once). */
async function main(): Promise<void> {
  const config = loadConfig();
  const { target, close } = await openDatabaseTarget(config);
  try {
    if (!target.embedded) await assertNoPendingMigrations(target);
    const app = await createApp(config, target, { logger: false });
    try {
      if (target.embedded) await runMigrationsWith(app.get(DataSource));
      await app.init();
      await ensureDemoData(app, new Logger('seed'));
      console.log('demo data is loaded');
    } finally {
      await app.close();
    }
  } finally {
    await close();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
