import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, zod } from '../../common/http/zod';
import { CaseActions } from './case-actions';
import {
  type AdvanceCaseRequest,
  advanceCaseSchema,
  type AssignCaseRequest,
  assignCaseSchema,
  CASE_SORTABLE,
  type CaseDetailResponse,
  caseDetailResponseSchema,
  caseFilterSchema,
  type CaseResponse,
  caseResponseSchema,
  type CommentCaseRequest,
  commentCaseSchema,
  type DashboardQuery,
  caseInboxCountsSchema,
  type CaseInboxQuery,
  caseInboxQuerySchema,
  dashboardQuerySchema,
  type DashboardResponse,
  dashboardResponseSchema,
  type ReopenCaseRequest,
  reopenCaseSchema,
} from './cases.dto';
import { CasesService } from './cases.service';

const ACTION_ERRORS =
  '403 when your role does not complete this stage; 404 when the case is not yours to see; 409 when the case is closed, is at another stage, or changed since the version you sent (another officer acted first: nothing of yours is stored); 422 naming each invalid field.';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    @Inject(CasesService) private readonly cases: CasesService,
    @Inject(CaseActions) private readonly actions: CaseActions,
  ) {}

  @Get()
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodResponse(200, z.array(caseResponseSchema), 'cases in your scope (admins and quality officers: all; managers: their teams; staff: their own); filter by status, stage, overdue, breached, assigneeId, staffId, teamId, kind, workflowKey, zone, period, q')
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<CaseResponse[]> {
    const listQuery = parseListQuery(query, { sortable: CASE_SORTABLE, defaultSort: { field: 'openedAt', order: 'DESC' }, filter: caseFilterSchema });
    const page = await this.cases.list(user, listQuery);
    res.setHeader('Content-Range', contentRange('cases', listQuery.offset, page.items.length, page.total));
    return page.items;
  }

  @Get('inbox')
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodResponse(
    200,
    z.array(caseResponseSchema),
    'open cases waiting for you (view=mine, the default), soonest due first: a quality officer’s own and unassigned ones at a quality-officer stage, an admin’s own, a manager’s or staff member’s whose current stage is theirs; view=others: a quality officer’s or admin’s cases waiting on another role',
  )
  inbox(@CurrentUser() user: AuthUser, @Query(zod(caseInboxQuerySchema)) query: CaseInboxQuery): Promise<CaseResponse[]> {
    return this.cases.inbox(user, query.view);
  }

  @Get('inbox/counts')
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodResponse(200, caseInboxCountsSchema, 'how many cases wait on you (and how many of those are overdue), and on others: the menu’s badge')
  inboxCounts(@CurrentUser() user: AuthUser): Promise<{ mine: number; others: number; overdue: number }> {
    return this.cases.inboxCounts(user);
  }

  @Get('dashboard')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, dashboardResponseSchema, 'open and overdue cases, cases per stage, and SLA compliance per team (managers: their teams)')
  dashboard(@CurrentUser() user: AuthUser, @Query(zod(dashboardQuerySchema)) query: DashboardQuery): Promise<DashboardResponse> {
    return this.cases.dashboard(user, query);
  }

  @Get(':id')
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodResponse(200, caseDetailResponseSchema, 'the case with its stages, the current stage’s field definitions, stage visits (time in stage, breaches), the timeline of events and what you may do')
  get(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<CaseDetailResponse> {
    return this.cases.get(user, id);
  }

  @Post(':id/advance')
  @HttpCode(200)
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodBody(advanceCaseSchema, `Completes the current stage with its fields and moves the case to the next stage (closing it after the last). ${ACTION_ERRORS}`)
  @ApiZodResponse(200, caseDetailResponseSchema)
  async advance(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string, @Body(zod(advanceCaseSchema)) body: AdvanceCaseRequest): Promise<CaseDetailResponse> {
    await this.actions.advance(ctx, id, body);
    return this.cases.get(ctx.user, id);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('admin', 'quality_officer')
  @ApiZodBody(reopenCaseSchema, `Sends an open case back to an earlier stage listed in the workflow's reopenTo, with a reason. ${ACTION_ERRORS}`)
  @ApiZodResponse(200, caseDetailResponseSchema)
  async reopen(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string, @Body(zod(reopenCaseSchema)) body: ReopenCaseRequest): Promise<CaseDetailResponse> {
    await this.actions.reopen(ctx, id, body);
    return this.cases.get(ctx.user, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('admin', 'quality_officer')
  @ApiZodBody(assignCaseSchema, `Reassigns an open case (assigneeId null: back to the unassigned pool). ${ACTION_ERRORS}`)
  @ApiZodResponse(200, caseDetailResponseSchema)
  async assign(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string, @Body(zod(assignCaseSchema)) body: AssignCaseRequest): Promise<CaseDetailResponse> {
    await this.actions.assign(ctx, id, body);
    return this.cases.get(ctx.user, id);
  }

  @Post(':id/comments')
  @HttpCode(201)
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodBody(commentCaseSchema, 'Adds a comment to the timeline; allowed at any time, also on a closed case.')
  @ApiZodResponse(201, caseDetailResponseSchema)
  async comment(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string, @Body(zod(commentCaseSchema)) body: CommentCaseRequest): Promise<CaseDetailResponse> {
    await this.actions.comment(ctx, id, body);
    return this.cases.get(ctx.user, id);
  }
}
