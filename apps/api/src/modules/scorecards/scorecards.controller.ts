import { Controller, Get, Headers, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodResponse, zod } from '../../common/http/zod';
import { ExportScorecards, XLSX_CONTENT_TYPE } from './export-scorecards.use-case';
import { requestLocale } from './scorecard-export';
import {
  type ExportQuery,
  exportQuerySchema,
  SCORECARD_SORTABLE,
  scorecardDetailResponseSchema,
  scorecardFilterSchema,
  type ScorecardPeriodResponse,
  scorecardPeriodResponseSchema,
  type ScorecardResponse,
  scorecardResponseSchema,
  type TeamSummaryQuery,
  teamSummaryQuerySchema,
  type TeamSummaryResponse,
  teamSummaryResponseSchema,
  toScorecardResponse,
  type TrendResponse,
  trendResponseSchema,
} from './scorecards.dto';
import { ScorecardsService } from './scorecards.service';

const VISIBILITY = 'staff users see only their own scorecards, managers those of the staff of the teams they manage';

@ApiTags('scorecards')
@ApiBearerAuth()
@Controller('scorecards')
export class ScorecardsController {
  constructor(
    @Inject(ScorecardsService) private readonly scorecards: ScorecardsService,
    @Inject(ExportScorecards) private readonly exportScorecards: ExportScorecards,
  ) {}

  @Get()
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodResponse(200, z.array(scorecardResponseSchema), `current scorecards unless filtered by id or runId (or current: false); ${VISIBILITY}`)
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<ScorecardResponse[]> {
    const listQuery = parseListQuery(query, { sortable: SCORECARD_SORTABLE, defaultSort: { field: 'composite', order: 'DESC' }, filter: scorecardFilterSchema });
    const page = await this.scorecards.list(user, listQuery);
    res.setHeader('Content-Range', contentRange('scorecards', listQuery.offset, page.items.length, page.total));
    return page.items.map(toScorecardResponse);
  }

  /** Before `:id`, so "periods" is never read as an id. For the period filters of readers who may not read bindings. */
  @Get('periods')
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodResponse(200, z.array(scorecardPeriodResponseSchema), `the periods with current scorecards the reader may see, newest first (${VISIBILITY}); all of them in one page`)
  async periods(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<ScorecardPeriodResponse[]> {
    const periods = await this.scorecards.periods(user);
    res.setHeader('Content-Range', contentRange('periods', 0, periods.length, periods.length));
    return periods.map(({ period, scorecards }) => ({ id: period, period, scorecards }));
  }

  /** Before `:id`, so "export" is never read as an id. */
  @Get('export')
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiProduces('text/csv', XLSX_CONTENT_TYPE)
  @ApiResponse({
    status: 200,
    description: `the period's current scorecards, one row per staff member (${VISIBILITY}): staff code, name, team, tier, scheme, composite, band, zone, promotion eligible, each top-level dimension's score and each indicator's score. Headers in Chinese for ?locale=zh or Accept-Language: zh…, else English. CSV is UTF-8 with a BOM.`,
  })
  async export(
    @CurrentUser() user: AuthUser,
    @Query(zod(exportQuerySchema)) query: ExportQuery,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<StreamableFile> {
    const file = await this.exportScorecards.execute(user, query, requestLocale(query.locale, acceptLanguage));
    return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename=${file.fileName}`, length: file.body.length });
  }

  @Get(':id')
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodResponse(200, scorecardDetailResponseSchema, `the scorecard, its full result, the scheme's names and lines behind every number, and the team means of the same run; ${VISIBILITY}. With an ETag header.`)
  @ApiResponse({ status: 304, description: 'If-None-Match named the ETag of the scorecard as it is now: not sent again' })
  async get(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string, @Res() res: Response): Promise<void> {
    const detail = await this.scorecards.getDetail(user, id);
    // Sent as the bytes kept; Express answers 304 to an If-None-Match with this tag.
    res.setHeader('ETag', detail.etag);
    res.type('application/json; charset=utf-8').send(detail.body);
  }
}

/** Scorecard views of other resources: a staff member's trend and a team's summary. */
@ApiTags('scorecards')
@ApiBearerAuth()
@Controller()
export class ScorecardViewsController {
  constructor(@Inject(ScorecardsService) private readonly scorecards: ScorecardsService) {}

  @Get('staff/:id/trend')
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodResponse(200, trendResponseSchema, `the staff member's current scorecard per period, oldest first; ${VISIBILITY}`)
  trend(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<TrendResponse> {
    return this.scorecards.trend(user, id);
  }

  @Get('teams/:id/summary')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, teamSummaryResponseSchema, 'means per top-level dimension, band and zone distributions and the ranking over the current scorecards of the team for the period; managers only for the teams they manage')
  teamSummary(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string, @Query(zod(teamSummaryQuerySchema)) query: TeamSummaryQuery): Promise<TeamSummaryResponse> {
    return this.scorecards.teamSummary(user, id, query.period);
  }
}
