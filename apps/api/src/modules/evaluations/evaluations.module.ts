import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { BindingsModule } from '../bindings/bindings.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { PeriodsModule } from '../periods/periods.module';
import { TeamsModule } from '../teams/teams.module';
import { BullEvaluationQueue } from './bullmq-evaluation-queue';
import { CompiledSchemes } from './compiled-schemes';
import { EVALUATION_QUEUE } from './evaluation-queue';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsRepository } from './evaluations.repository';
import { EvaluationsService } from './evaluations.service';
import { InProcessEvaluationQueue } from './in-process-evaluation-queue';
import { RunEvaluation } from './run-evaluation.use-case';
import { RunInputProviders } from './run-input-providers';
import { RunPinOverrides } from './run-pin-overrides';
import { RunFailedListeners } from './run-failed-listeners';
import { RunSucceededListeners } from './run-succeeded-listeners';
import { RunFollowUps } from './run-follow-ups';
import { RunPlanListeners } from './run-plan-listeners';

/**
 * Evaluation runs. The queue is BullMQ when REDIS_URL is set (the API only produces; `npm run
 * worker` consumes), otherwise in-process. Exports the processor for the worker process.
 */
@Module({
  imports: [BindingsModule, TeamsModule, IdempotencyModule, PeriodsModule],
  controllers: [EvaluationsController],
  providers: [
    EvaluationsRepository,
    CompiledSchemes,
    RunEvaluation,
    RunSucceededListeners,
    RunFailedListeners,
    RunInputProviders,
    RunPinOverrides,
    RunPlanListeners,
    RunFollowUps,
    EvaluationsService,
    InProcessEvaluationQueue,
    {
      provide: EVALUATION_QUEUE,
      inject: [APP_CONFIG, InProcessEvaluationQueue],
      useFactory: (config: AppConfig, inProcess: InProcessEvaluationQueue) => (config.redisUrl ? new BullEvaluationQueue(config) : inProcess),
    },
  ],
  exports: [EvaluationsRepository, CompiledSchemes, RunEvaluation, RunSucceededListeners, RunFailedListeners, RunInputProviders, RunPinOverrides, RunPlanListeners, RunFollowUps, EVALUATION_QUEUE, InProcessEvaluationQueue],
})
export class EvaluationsModule {}
