import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, zod } from '../../common/http/zod';
import { periodSchema } from '../bindings/bindings.dto';
import {
  type AcknowledgementResponse,
  acknowledgementResponseSchema,
  PERIOD_SORTABLE,
  type PeriodDetailResponse,
  periodDetailResponseSchema,
  periodFilterSchema,
  type PeriodResponse,
  periodResponseSchema,
  type ReopenPeriodRequest,
  reopenPeriodSchema,
  type ScorecardCycleResponse,
  scorecardCycleResponseSchema,
} from './periods.dto';
import { ChangeRequestGate } from '../change-requests/change-request-gate';
import { type ChangeRequestResponse, changeRequestResponseSchema } from '../change-requests/change-requests.dto';
import { PeriodsService } from './periods.service';

@ApiTags('periods')
@ApiBearerAuth()
@Controller('periods')
export class PeriodsController {
  constructor(
    @Inject(PeriodsService) private readonly periods: PeriodsService,
    @Inject(ChangeRequestGate) private readonly approvals: ChangeRequestGate,
  ) {}

  @Get()
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, z.array(periodResponseSchema), 'periods with facts, bindings, runs or a state, newest first')
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<PeriodResponse[]> {
    const listQuery = parseListQuery(query, { sortable: PERIOD_SORTABLE, defaultSort: { field: 'period', order: 'DESC' }, filter: periodFilterSchema });
    const page = await this.periods.list(user.institutionId, listQuery);
    res.setHeader('Content-Range', contentRange('periods', listQuery.offset, page.items.length, page.total));
    return page.items;
  }

  @Get(':period')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, periodDetailResponseSchema)
  get(@CurrentUser() user: AuthUser, @Param('period', zod(periodSchema, 'period')) period: string): Promise<PeriodDetailResponse> {
    return this.periods.get(user.institutionId, period);
  }

  @Post(':period/publish')
  @HttpCode(200)
  @Roles('admin')
  @ApiZodResponse(200, periodDetailResponseSchema, 'staff now see their scorecards of the period; the appeal window opens')
  publish(@Ctx() ctx: RequestContext, @Param('period', zod(periodSchema, 'period')) period: string): Promise<PeriodDetailResponse> {
    return this.periods.publish(ctx, period);
  }

  @Post(':period/close')
  @HttpCode(200)
  @Roles('admin')
  @ApiZodResponse(200, periodDetailResponseSchema, 'runs, facts, bindings and acknowledgements of the period are refused from now on (409)')
  @ApiZodResponse(202, changeRequestResponseSchema, 'the institution requires approval: a change request was made instead')
  async close(@Ctx() ctx: RequestContext, @Param('period', zod(periodSchema, 'period')) period: string, @Res({ passthrough: true }) res: Response): Promise<PeriodDetailResponse | ChangeRequestResponse> {
    const requested = await this.approvals.periodClose(ctx, period, (tx) => this.periods.closeIn(ctx, period, tx));
    if (requested) return accepted(res, requested);
    return this.periods.close(ctx, period);
  }

  @Post(':period/reopen')
  @HttpCode(200)
  @Roles('admin')
  @ApiZodBody(reopenPeriodSchema)
  @ApiZodResponse(200, periodDetailResponseSchema, 'back to published')
  @ApiZodResponse(202, changeRequestResponseSchema, 'the institution requires approval: a change request was made instead')
  async reopen(
    @Ctx() ctx: RequestContext,
    @Param('period', zod(periodSchema, 'period')) period: string,
    @Body(zod(reopenPeriodSchema)) body: ReopenPeriodRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PeriodDetailResponse | ChangeRequestResponse> {
    const requested = await this.approvals.periodReopen(ctx, period, body, (tx) => this.periods.reopenIn(ctx, period, body, tx));
    if (requested) return accepted(res, requested);
    return this.periods.reopen(ctx, period, body);
  }
}

/** 202 Accepted: the change waits for approval. */
function accepted(res: Response, request: ChangeRequestResponse): ChangeRequestResponse {
  res.status(202);
  return request;
}

@ApiTags('periods')
@ApiBearerAuth()
@Controller('scorecards')
export class AcknowledgementsController {
  constructor(@Inject(PeriodsService) private readonly periods: PeriodsService) {}

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('staff')
  @ApiZodResponse(200, acknowledgementResponseSchema, 'the staff member confirms their current scorecard of a published period, inside the appeal window; idempotent')
  acknowledge(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<AcknowledgementResponse> {
    return this.periods.acknowledge(ctx, id);
  }

  @Get(':id/cycle')
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodResponse(200, scorecardCycleResponseSchema, "the scorecard's period state, appeal window, acknowledgement and latest appeal (staff: their own scorecards only; managers: their teams')")
  cycle(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<ScorecardCycleResponse> {
    return this.periods.cycle(ctx, id);
  }
}
