import { Global, Module } from '@nestjs/common';
import { BindingsModule } from '../bindings/bindings.module';
import { DocumentsModule } from '../documents/documents.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PeriodsModule } from '../periods/periods.module';
import { ChangeRequestGate } from './change-request-gate';
import { ChangeRequestsController } from './change-requests.controller';
import { ChangeRequestsRepository } from './change-requests.repository';
import { ChangeRequestsService } from './change-requests.service';

/**
 * The gate the rule-changing controllers ask before acting (documents, bindings, experiments, periods). Global, so
 * those modules need not import it, and it imports none of them: it only records requests.
 */
@Global()
@Module({ imports: [NotificationsModule], providers: [ChangeRequestsRepository, ChangeRequestGate], exports: [ChangeRequestGate, ChangeRequestsRepository] })
export class ChangeRequestGateModule {}

/** Change requests (issue 15): reading and deciding them; approving applies the change through the owning module's service. */
@Module({
  imports: [NotificationsModule, DocumentsModule, BindingsModule, ExperimentsModule, PeriodsModule],
  controllers: [ChangeRequestsController],
  providers: [ChangeRequestsService],
})
export class ChangeRequestsModule {}
