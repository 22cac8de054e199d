import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { UsersModule } from '../users/users.module';
import { HealthController } from './health.controller';

@Module({ imports: [EvaluationsModule, UsersModule], controllers: [HealthController] })
export class HealthModule {}
