import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PeriodsModule } from '../periods/periods.module';
import { AppealsController } from './appeals.controller';
import { AppealsRepository } from './appeals.repository';
import { AppealsService } from './appeals.service';

/** Appeals of published scorecards, worked as cases; a decision to correct re-scores that staff member alone. */
@Module({ imports: [CasesModule, EvaluationsModule, NotificationsModule, PeriodsModule], controllers: [AppealsController], providers: [AppealsRepository, AppealsService], exports: [AppealsRepository] })
export class AppealsModule {}
