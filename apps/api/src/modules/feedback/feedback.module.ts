import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { FeedbackController } from './feedback.controller';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackFactsProvider } from './feedback-facts.provider';
import { IngestFeedback } from './ingest-feedback.use-case';

/** Survey feedback: ingestion (JSON, CSV/XLSX) that opens cases on matching workflow triggers, and likert/nps inputs for runs. */
@Module({
  imports: [CasesModule, EvaluationsModule],
  controllers: [FeedbackController],
  providers: [FeedbackRepository, IngestFeedback, FeedbackFactsProvider],
  exports: [IngestFeedback],
})
export class FeedbackModule {}
