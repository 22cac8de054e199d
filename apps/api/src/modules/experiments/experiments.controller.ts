import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, UpdateBody, zod } from '../../common/http/zod';
import {
  type AssignmentResponse,
  assignmentResponseSchema,
  type CreateExperimentRequest,
  createExperimentSchema,
  EXPERIMENT_SORTABLE,
  experimentFilterSchema,
  type ExperimentResponse,
  experimentResponseSchema,
  type OutcomesQuery,
  outcomesQuerySchema,
  type OutcomesResponse,
  outcomesResponseSchema,
  type ReportQuery,
  reportQuerySchema,
  type ReportResponse,
  reportResponseSchema,
  toExperimentResponse,
  type UpdateExperimentRequest,
  updateExperimentSchema,
} from './experiments.dto';
import { ChangeRequestGate } from '../change-requests/change-request-gate';
import { type ChangeRequestResponse, changeRequestResponseSchema } from '../change-requests/change-requests.dto';
import { ExperimentsService } from './experiments.service';

const idParam = zod(z.uuid(), 'id');

@ApiTags('experiments')
@ApiBearerAuth()
@Controller('experiments')
export class ExperimentsController {
  constructor(
    @Inject(ExperimentsService) private readonly experiments: ExperimentsService,
    @Inject(ChangeRequestGate) private readonly approvals: ChangeRequestGate,
  ) {}

  @Get()
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, z.array(experimentResponseSchema))
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<ExperimentResponse[]> {
    const listQuery = parseListQuery(query, { sortable: EXPERIMENT_SORTABLE, defaultSort: { field: 'createdAt', order: 'DESC' }, filter: experimentFilterSchema });
    const page = await this.experiments.list(user.institutionId, listQuery);
    res.setHeader('Content-Range', contentRange('experiments', listQuery.offset, page.items.length, page.total));
    return page.items.map(toExperimentResponse);
  }

  @Get(':id')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, experimentResponseSchema)
  async get(@CurrentUser() user: AuthUser, @Param('id', idParam) id: string): Promise<ExperimentResponse> {
    return toExperimentResponse(await this.experiments.get(user.institutionId, id));
  }

  @Get(':id/report')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, reportResponseSchema, 'shadow mode: champion (official) vs challenger (shadow) per staff member, overall, by team and by tier, over the staff you may see (managers: their teams)')
  report(@CurrentUser() user: AuthUser, @Param('id', idParam) id: string, @Query(zod(reportQuerySchema)) query: ReportQuery): Promise<ReportResponse> {
    return this.experiments.report(user, id, query.period);
  }

  @Get(':id/assignment')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, assignmentResponseSchema, 'split mode: each unit and its arm (staff units: those you may see), with the counts and the sample-ratio-mismatch check over every unit')
  assignment(@CurrentUser() user: AuthUser, @Param('id', idParam) id: string): Promise<AssignmentResponse> {
    return this.experiments.assignment(user, id);
  }

  @Get(':id/outcomes')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, outcomesResponseSchema, 'split mode: an indicator per arm on the period’s current scorecards (arms as recorded on the official scorecards the experiment chose the version of), Welch’s difference (challenger − champion) and the verdict')
  outcomes(@CurrentUser() user: AuthUser, @Param('id', idParam) id: string, @Query(zod(outcomesQuerySchema)) query: OutcomesQuery): Promise<OutcomesResponse> {
    return this.experiments.outcomes(user.institutionId, id, query.period, query.indicator);
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(createExperimentSchema)
  @ApiZodResponse(201, experimentResponseSchema)
  async create(@Ctx() ctx: RequestContext, @Body(zod(createExperimentSchema)) body: CreateExperimentRequest): Promise<ExperimentResponse> {
    return toExperimentResponse(await this.experiments.create(ctx, body));
  }

  @Put(':id')
  @Roles('admin')
  @ApiZodBody(updateExperimentSchema)
  @ApiZodResponse(200, experimentResponseSchema)
  async update(@Ctx() ctx: RequestContext, @Param('id', idParam) id: string, @UpdateBody(updateExperimentSchema, experimentResponseSchema) body: UpdateExperimentRequest): Promise<ExperimentResponse> {
    return toExperimentResponse(await this.experiments.update(ctx, id, body));
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('admin')
  @ApiZodResponse(200, experimentResponseSchema, 'draft → running')
  async start(@Ctx() ctx: RequestContext, @Param('id', idParam) id: string): Promise<ExperimentResponse> {
    return toExperimentResponse(await this.experiments.start(ctx, id));
  }

  @Post(':id/stop')
  @HttpCode(200)
  @Roles('admin')
  @ApiZodResponse(200, experimentResponseSchema, 'draft or running → stopped')
  async stop(@Ctx() ctx: RequestContext, @Param('id', idParam) id: string): Promise<ExperimentResponse> {
    return toExperimentResponse(await this.experiments.stop(ctx, id));
  }

  @Post(':id/promote')
  @HttpCode(200)
  @Roles('admin')
  @ApiZodResponse(200, experimentResponseSchema, 'binds the challenger for the period after the last one; 409 if that period is already bound')
  @ApiZodResponse(202, changeRequestResponseSchema, 'the institution requires approval: a change request was made instead')
  async promote(@Ctx() ctx: RequestContext, @Param('id', idParam) id: string, @Res({ passthrough: true }) res: Response): Promise<ExperimentResponse | ChangeRequestResponse> {
    const requested = await this.approvals.experimentPromote(ctx, id, (tx) => this.experiments.promoteIn(ctx, id, tx));
    if (requested) {
      res.status(202);
      return requested;
    }
    return toExperimentResponse(await this.experiments.promote(ctx, id));
  }
}
