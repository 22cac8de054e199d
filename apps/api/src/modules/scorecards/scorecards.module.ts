import { Module } from '@nestjs/common';
import { ExportScorecards } from './export-scorecards.use-case';
import { ScorecardReports } from './report/scorecard-reports';
import { ScorecardReportsController } from './report/scorecard-reports.controller';
import { SchemeOutlines } from './scheme-outlines';
import { ScorecardDetailCache } from './scorecard-detail-cache';
import { ScorecardsController, ScorecardViewsController } from './scorecards.controller';
import { ScorecardsRepository } from './scorecards.repository';
import { ScorecardsService } from './scorecards.service';

/** Reading scorecards: lists, explanations, trends, team summaries and exports. Runs write them (evaluations module). */
@Module({
  controllers: [ScorecardsController, ScorecardViewsController, ScorecardReportsController],
  providers: [ScorecardsRepository, SchemeOutlines, ScorecardDetailCache, ScorecardsService, ExportScorecards, ScorecardReports],
})
export class ScorecardsModule {}
