import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { assertNoPendingMigrations } from '../database/migrations';
import { hashPassword } from '../modules/auth/password';
import { InstitutionsRepository } from '../modules/institutions/institutions.repository';
import { UsersRepository } from '../modules/users/users.repository';
import { fail, openDatabaseTarget } from './database-target';

const USAGE = 'usage: npm run create-admin -- --institution NAME --email EMAIL [--name NAME] [--password PASSWORD]';

const argsSchema = z.object({
  institution: z.string().trim().min(1, 'is required'),
  email: z.email(),
  name: z.string().trim().min(1).optional(),
  password: z.string().min(8, 'must be at least 8 characters').optional(),
});

async function main(): Promise<void> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ options: { institution: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) fail(`${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n${USAGE}`);
  const args = parsed.data;

  const config = loadConfig();
  const { target, close } = await openDatabaseTarget(config);
  const dataSource = new DataSource(dataSourceOptions(target));
  try {
    await assertNoPendingMigrations(target);
    await dataSource.initialize();
    const users = new UsersRepository(dataSource);
    const institutions = new InstitutionsRepository(dataSource);
    const email = args.email.toLowerCase();
    const password = args.password ?? randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    const institution = await dataSource.transaction(async (tx) => {
      const found = (await institutions.findByName(args.institution, tx)) ?? (await institutions.insert(args.institution, tx));
      if (await users.findByEmail(found.id, email, tx)) throw new Error(`a user with email ${email} already exists in "${found.name}"`);
      await users.insert({ institutionId: found.id, email, name: args.name ?? email, passwordHash, role: 'admin', staffId: null, locale: 'zh', active: true }, tx);
      return found;
    });
    console.log(`created admin ${email} for institution "${institution.name}"`);
    if (!args.password) console.log(`password (shown once): ${password}`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await close();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
