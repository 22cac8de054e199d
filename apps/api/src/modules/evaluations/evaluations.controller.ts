import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, zod } from '../../common/http/zod';
import {
  RUN_SORTABLE,
  type RunDetailResponse,
  runDetailResponseSchema,
  runFilterSchema,
  type RunResponse,
  runResponseSchema,
  type StartRunRequest,
  startRunSchema,
  toRunDetailResponse,
  toRunResponse,
} from './evaluations.dto';
import { EvaluationsService } from './evaluations.service';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class EvaluationsController {
  constructor(@Inject(EvaluationsService) private readonly evaluations: EvaluationsService) {}

  @Post()
  @HttpCode(202)
  @Roles('admin', 'quality_officer')
  @ApiZodBody(startRunSchema, 'evaluate a period (or one team of it) with the bound scheme versions')
  @ApiZodResponse(202, runResponseSchema, 'the queued run; follow it at Location')
  async start(@Ctx() ctx: RequestContext, @Body(zod(startRunSchema)) body: StartRunRequest, @Res({ passthrough: true }) res: Response): Promise<RunResponse> {
    const run = await this.evaluations.start(ctx, body);
    res.setHeader('Location', `/api/evaluations/${run.id}`);
    return toRunResponse(run);
  }

  @Get()
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, z.array(runResponseSchema))
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<RunResponse[]> {
    const listQuery = parseListQuery(query, { sortable: RUN_SORTABLE, defaultSort: { field: 'createdAt', order: 'DESC' }, filter: runFilterSchema });
    const page = await this.evaluations.list(user.institutionId, listQuery);
    res.setHeader('Content-Range', contentRange('evaluations', listQuery.offset, page.items.length, page.total));
    return page.items.map(toRunResponse);
  }

  @Get(':id')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, runDetailResponseSchema, 'status, progress, pinned scheme versions, inputs digest, timings, errors and chunks')
  async get(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<RunDetailResponse> {
    const { run, current, chunks } = await this.evaluations.get(user.institutionId, id);
    return toRunDetailResponse(run, current, chunks);
  }
}
