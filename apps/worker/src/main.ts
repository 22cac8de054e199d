import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../../api/src/app.module';
import { ConfigError, loadConfig } from '../../api/src/config/app-config';
import { checkDatabaseRole, DatabaseRoleError } from '../../api/src/database/database-roles';
import { assertNoPendingMigrations, PendingMigrationsError } from '../../api/src/database/migrations';
import { CASES_CONFIG, type CasesConfig } from '../../api/src/modules/cases/cases-config';
import { CaseEscalations } from '../../api/src/modules/cases/sla/case-escalations';
import { CaseWorker } from '../../api/src/modules/cases/sla/case-worker';
import { EvaluationWorker } from '../../api/src/modules/evaluations/evaluation-worker';
import { EvaluationsRepository } from '../../api/src/modules/evaluations/evaluations.repository';
import { RunEvaluation } from '../../api/src/modules/evaluations/run-evaluation.use-case';
import { ChannelDeliveries } from '../../api/src/modules/notifications/channels/channel-deliveries';
import { CHANNELS_CONFIG, type ChannelsConfig } from '../../api/src/modules/notifications/channels/channels-config';
import { NotificationTick } from '../../api/src/modules/notifications/channels/notification-tick';
import { NotificationWorker } from '../../api/src/modules/notifications/channels/notification-worker';
import { FireScheduledRuns } from '../../api/src/modules/scheduled-runs/fire-scheduled-runs.use-case';
import { SCHEDULED_RUNS_CONFIG, type ScheduledRunsConfig } from '../../api/src/modules/scheduled-runs/scheduled-runs-config';
import { ScheduledRunsWorker } from '../../api/src/modules/scheduled-runs/scheduled-runs-worker';

/**
 * `npm run worker`: a process that evaluates runs from the BullMQ queue. Start as many as you
 * like (on one machine or several); they share the chunks of every run, and the case jobs
 * (SLA checks at due times, the periodic sweep).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.mode !== 'production' || !config.redisUrl) {
    throw new ConfigError('the worker needs DATABASE_URL and REDIS_URL; without Redis the API evaluates runs in its own process');
  }
  const target = { url: config.databaseUrl as string, embedded: false };
  await assertNoPendingMigrations(target);
  const logger = new Logger('Worker');
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, target), { logger: ['error', 'warn', 'log'] });
  const dataSource = app.get(DataSource);
  await checkDatabaseRole({ check: config.databaseRoleCheck, embedded: false }, (sql) => dataSource.query(sql), (message) => logger.warn(message));
  const worker = new EvaluationWorker(app.get(RunEvaluation), app.get(EvaluationsRepository), config, process.env.WORKER_NAME || undefined);
  await worker.start();
  logger.log(`worker ${worker.id} is consuming evaluation jobs (concurrency ${config.workerConcurrency})`);
  // Case SLAs beside it: delayed checks at due times and the periodic sweep.
  const cases = new CaseWorker(app.get(CaseEscalations), config, app.get<CasesConfig>(CASES_CONFIG), process.env.WORKER_NAME || undefined);
  await cases.start();
  logger.log(`worker ${cases.id} is consuming case jobs (escalations, sweep)`);
  // Scheduled runs: a BullMQ job scheduler ticks them for the whole deployment.
  const scheduled = new ScheduledRunsWorker(app.get(FireScheduledRuns), config, app.get<ScheduledRunsConfig>(SCHEDULED_RUNS_CONFIG), process.env.WORKER_NAME || undefined);
  await scheduled.start();
  logger.log(`worker ${scheduled.id} is ticking scheduled runs`);
  // Notifications beyond the inbox: the tick plans new items' deliveries, and each delivery is a job with retries.
  const notifications = new NotificationWorker(app.get(NotificationTick), app.get(ChannelDeliveries), config, app.get<ChannelsConfig>(CHANNELS_CONFIG), process.env.WORKER_NAME || undefined);
  await notifications.start();
  logger.log(`worker ${notifications.id} is delivering notifications (e-mail, group robots)`);

  const stop = async () => {
    logger.log('finishing the jobs in hand, then stopping');
    await worker.close();
    await cases.close();
    await scheduled.close();
    await notifications.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof PendingMigrationsError || error instanceof DatabaseRoleError;
  console.error(`carescore worker: ${known ? (error as Error).message : `could not start: ${error instanceof Error ? error.message : String(error)}`}`);
  process.exit(1);
});
