import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { ExperimentsController } from './experiments.controller';
import { ExperimentsRepository } from './experiments.repository';
import { ExperimentsService } from './experiments.service';
import { ShadowEvaluation } from './shadow-evaluation';

/** Experiments (issue #7): champion vs challenger schemes, shadow evaluation beside runs, reports, promotion. */
@Module({ imports: [EvaluationsModule], controllers: [ExperimentsController], providers: [ExperimentsRepository, ExperimentsService, ShadowEvaluation] })
export class ExperimentsModule {}
