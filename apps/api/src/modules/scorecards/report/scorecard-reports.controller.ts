import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../../common/auth/decorators';
import { zod } from '../../../common/http/zod';
import { type TeamSummaryQuery, teamSummaryQuerySchema } from '../scorecards.dto';
import { PDF_CONTENT_TYPE, ScorecardReports } from './scorecard-reports';

const LANGUAGE = "labels in the request's language (Accept-Language: zh… → Chinese, else English)";

/** Printable reports: a staff member's scorecard and a team's period, as PDF. */
@ApiTags('scorecards')
@ApiBearerAuth()
@Controller()
export class ScorecardReportsController {
  constructor(@Inject(ScorecardReports) private readonly reports: ScorecardReports) {}

  @Get('scorecards/:id/report.pdf')
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiProduces(PDF_CONTENT_TYPE)
  @ApiResponse({
    status: 200,
    description: `the scorecard as a printable report: facts, radar of the top-level dimensions against the team mean, composite trend, indicator scores, indicators with their value, score, weight and scoring lines, hints and zones; ${LANGUAGE}. Visible to whom GET /scorecards/:id is (404 otherwise).`,
  })
  scorecard(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string, @Res() res: Response): Promise<void> {
    return this.reports.scorecard(user, id, res);
  }

  @Get('teams/:id/report.pdf')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiProduces(PDF_CONTENT_TYPE)
  @ApiResponse({
    status: 200,
    description: `the team's period as a printable report: summary, radar of the dimension means, band and zone distributions, each staff member's composite, band and zone; ${LANGUAGE}. Managers only for the teams they manage (404 otherwise).`,
  })
  team(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string, @Query(zod(teamSummaryQuerySchema)) query: TeamSummaryQuery, @Res() res: Response): Promise<void> {
    return this.reports.team(user, id, query.period, res);
  }
}
