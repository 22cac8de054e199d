import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CaseActions } from './case-actions';
import { CaseClosedListeners } from './case-closed-listeners';
import { CaseFactsProvider } from './case-facts.provider';
import { CaseWorkflows } from './case-workflows';
import { CASES_CONFIG, loadCasesConfig } from './cases-config';
import { CasesController } from './cases.controller';
import { CaseReportsRepository } from './case-reports.repository';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { AdjustableClock, CLOCK, type Clock } from './clock';
import { OpenCases } from './open-cases';
import { BullCaseTimers } from './sla/bullmq-case-timers';
import { CaseEscalations } from './sla/case-escalations';
import { CaseSlaRepository } from './sla/case-sla.repository';
import { CaseSweeper } from './sla/case-sweeper';
import { CASE_TIMERS } from './sla/case-timers';
import { InProcessCaseTimers } from './sla/in-process-case-timers';
import { ZoneCases } from './zone-cases.listener';

/**
 * Closed-loop cases (SPEC §1.3): the workflow engine over pinned workflow versions, SLAs and
 * escalation (BullMQ delayed jobs with REDIS_URL, in-process timers otherwise, plus the periodic
 * sweep), zone actions after a run, and case facts for scoring. Exports what feedback ingestion
 * needs to open cases, and the escalations and clock for the worker and tests.
 */
@Module({
  imports: [EvaluationsModule, NotificationsModule],
  controllers: [CasesController],
  providers: [
    CasesRepository,
    CaseSlaRepository,
    CaseReportsRepository,
    CaseWorkflows,
    OpenCases,
    CaseActions,
    CaseClosedListeners,
    CasesService,
    CaseEscalations,
    InProcessCaseTimers,
    CaseSweeper,
    ZoneCases,
    CaseFactsProvider,
    { provide: CLOCK, useFactory: (): Clock => new AdjustableClock() },
    { provide: CASES_CONFIG, useFactory: () => loadCasesConfig() },
    {
      provide: CASE_TIMERS,
      inject: [APP_CONFIG, InProcessCaseTimers, CLOCK],
      useFactory: (config: AppConfig, inProcess: InProcessCaseTimers, clock: Clock) => (config.redisUrl ? new BullCaseTimers(config, clock) : inProcess),
    },
  ],
  exports: [CasesRepository, CaseWorkflows, OpenCases, CaseClosedListeners, CaseEscalations, CLOCK, CASE_TIMERS, CASES_CONFIG, InProcessCaseTimers],
})
export class CasesModule {}
