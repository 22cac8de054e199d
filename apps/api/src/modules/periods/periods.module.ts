import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { AcknowledgementsController, PeriodsController } from './periods.controller';
import { PeriodsRepository } from './periods.repository';
import { PeriodsService } from './periods.service';

/** The evaluation cycle of periods (open → published → closed) and staff acknowledgements. Exports the service for state checks. */
@Module({ imports: [NotificationsModule], controllers: [PeriodsController, AcknowledgementsController], providers: [PeriodsRepository, PeriodsService], exports: [PeriodsService, PeriodsRepository] })
export class PeriodsModule {}
