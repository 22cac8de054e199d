import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { assertNoPendingMigrations } from '../database/migrations';
import { describeBreak } from '../modules/audit/audit-chain';
import { AuditRepository } from '../modules/audit/audit.repository';
import { AuditService } from '../modules/audit/audit.service';
import { fail, openDatabaseTarget } from './database-target';

const USAGE = 'usage: npm run audit:verify [-- --json]';

/**
 * `npm run audit:verify`: walks every audit chain (one per institution, one for entries without an institution) and
 * prints each chain's state, the first broken link of a broken one. Exit code 0 when every chain is intact, 1 when one
 * is not (or the tool could not run). Reading is enough: the app role's DATABASE_URL will do.
 */
async function main(): Promise<void> {
  let json = false;
  try {
    json = parseArgs({ options: { json: { type: 'boolean' } } }).values.json ?? false;
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  const config = loadConfig();
  const { target, close } = await openDatabaseTarget(config);
  const dataSource = new DataSource(dataSourceOptions(target));
  let broken: number;
  try {
    await assertNoPendingMigrations(target);
    await dataSource.initialize();
    const reports = await new AuditService(new AuditRepository(dataSource)).verifyAll();
    broken = reports.filter((report) => report.broken !== null).length;
    if (json) {
      console.log(JSON.stringify(reports, null, 2));
    } else {
      for (const report of reports) {
        const chain = report.institutionId === null ? 'entries without an institution' : `institution ${report.institutionId}`;
        const head = report.head ? `head sequence ${report.head.sequence}, hash ${report.head.hash ?? 'none'}` : 'empty';
        console.log(report.broken === null ? `${chain}: intact, ${report.entries} entries, ${head}` : `${chain}: BROKEN at ${describeBreak(report.broken)}`);
      }
      console.log(broken === 0 ? `audit log intact (${reports.length} chain(s))` : `audit log tampered with: ${broken} of ${reports.length} chain(s) broken`);
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await close();
  }
  process.exitCode = broken === 0 ? 0 : 1;
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
