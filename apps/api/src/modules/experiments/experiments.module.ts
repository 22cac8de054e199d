import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { ExperimentsController } from './experiments.controller';
import { ExperimentsRepository } from './experiments.repository';
import { ExperimentsService } from './experiments.service';
import { ShadowEvaluation } from './shadow-evaluation';
import { ShadowRunsRepository } from './shadow-runs.repository';
import { SplitAssignment } from './split-assignment';

/** Experiments (issue #7): champion vs challenger schemes, shadow evaluation beside runs, split assignment of official versions, reports, promotion. */
@Module({ imports: [EvaluationsModule], controllers: [ExperimentsController], providers: [ExperimentsRepository, ShadowRunsRepository, ExperimentsService, ShadowEvaluation, SplitAssignment], exports: [ExperimentsService] })
export class ExperimentsModule {}
