import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { HealthController } from './health.controller';

@Module({ imports: [EvaluationsModule], controllers: [HealthController] })
export class HealthModule {}
