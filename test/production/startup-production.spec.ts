import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { login, randomPort, root, startServer, stopAllServers, tsx, waitForHealth } from '../support/server-process';
import { scratchDatabase } from '../support/scratch-services';

/**
 * The two modes as a newcomer and an operator meet them: real processes started the way the
 * README says. This file: production mode against TEST_DATABASE_URL's server.
 */
const cleanups: Array<() => Promise<void>> = [];

/** Every migration's class name (`<timestamp>-<Name>.ts` declares `<Name><timestamp>`), oldest first. */
const MIGRATIONS = readdirSync(join(root, 'migrations'))
  .filter((file) => /^\d+-\w+\.ts$/.test(file))
  .sort()
  .map((file) => {
    const [, timestamp, name] = /^(\d+)-(\w+)\.ts$/.exec(file) as RegExpExecArray;
    return `${name}${timestamp}`;
  });

afterAll(async () => {
  stopAllServers();
  for (const cleanup of cleanups) await cleanup();
});

describe('production mode: DATABASE_URL', () => {
  it('refuses to start with pending migrations, then migrate and create-admin make it usable', async () => {
    const database = await scratchDatabase('start');
    cleanups.push(database.drop);
    const env = { ...process.env, TEST_DATABASE_URL: '', DATABASE_URL: database.url, JWT_SECRET: randomBytes(32).toString('hex') };

    const refused = spawnSync(tsx, ['apps/api/src/main.ts'], { cwd: root, env: { ...env, PORT: String(randomPort()) }, encoding: 'utf8', timeout: 60_000 });
    expect(refused.status).toBe(1);
    expect(MIGRATIONS.slice(0, 2)).toEqual(['Initial1764000000000', 'Facts1764100000000']);
    expect(refused.stderr).toContain(`the database has ${MIGRATIONS.length} pending migration(s): ${MIGRATIONS.join(', ')}. Run \`npm run migrate\` first.`);

    const migrate = spawnSync(tsx, ['apps/api/src/cli/migrate.ts'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(migrate.stdout).toContain(`applied: ${MIGRATIONS.join(', ')}`);
    const again = spawnSync(tsx, ['apps/api/src/cli/migrate.ts'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(again.stdout).toMatch(/up to date/);

    const created = spawnSync(tsx, ['apps/api/src/cli/create-admin.ts', '--institution', 'Prod Clinic', '--email', 'Boss@Prod.test'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(created.status).toBe(0);
    const password = /password \(shown once\): (\S+)/.exec(created.stdout)?.[1] as string;
    expect(password).toBeTruthy();
    const duplicate = spawnSync(tsx, ['apps/api/src/cli/create-admin.ts', '--institution', 'Prod Clinic', '--email', 'boss@prod.test'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toMatch(/already exists/);
    const usage = spawnSync(tsx, ['apps/api/src/cli/create-admin.ts', '--email', 'x'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/usage: npm run create-admin/);

    const server = startServer(env);
    await waitForHealth(server);
    const response = await login(server, 'boss@prod.test', password);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: { role: string } }).user.role).toBe('admin');
  }, 180_000);
});
