import { Module } from '@nestjs/common';
import { BindingsModule } from '../bindings/bindings.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PeriodsModule } from '../periods/periods.module';
import { FireScheduledRuns } from './fire-scheduled-runs.use-case';
import { loadScheduledRunsConfig, SCHEDULED_RUNS_CONFIG } from './scheduled-runs-config';
import { ScheduledRunsTimer } from './scheduled-runs-timer';
import { ScheduledRunsController } from './scheduled-runs.controller';
import { ScheduledRunsRepository } from './scheduled-runs.repository';
import { ScheduledRunsService } from './scheduled-runs.service';

/**
 * Scheduled runs of bindings: set and read on a binding, fired by a tick — the in-process timer
 * without Redis, a BullMQ job scheduler in the workers with it. Exports the tick for the worker.
 */
@Module({
  imports: [BindingsModule, EvaluationsModule, NotificationsModule, PeriodsModule],
  controllers: [ScheduledRunsController],
  providers: [ScheduledRunsRepository, ScheduledRunsService, FireScheduledRuns, ScheduledRunsTimer, { provide: SCHEDULED_RUNS_CONFIG, useFactory: loadScheduledRunsConfig }],
  exports: [FireScheduledRuns, SCHEDULED_RUNS_CONFIG],
})
export class ScheduledRunsModule {}
