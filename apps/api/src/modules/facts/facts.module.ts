import { Module } from '@nestjs/common';
import { BindingsModule } from '../bindings/bindings.module';
import { DocumentsModule } from '../documents/documents.module';
import { StaffModule } from '../staff/staff.module';
import { TeamsModule } from '../teams/teams.module';
import { FactsController } from './facts.controller';
import { FactsRepository } from './facts.repository';
import { FactsService } from './facts.service';
import { IngestFacts } from './ingest-facts.use-case';

/** Exports FactsRepository: evaluation runs read a period with `forPeriod(institutionId, period, staffIds?)`. */
@Module({
  imports: [StaffModule, TeamsModule, BindingsModule, DocumentsModule],
  controllers: [FactsController],
  providers: [FactsRepository, FactsService, IngestFacts],
  exports: [FactsRepository],
})
export class FactsModule {}
