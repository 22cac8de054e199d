import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, zod } from '../../common/http/zod';
import { IDEMPOTENCY_KEY_HEADER, IdempotentRequests, parseIdempotencyKey } from '../idempotency/idempotent-requests';
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
  constructor(
    @Inject(EvaluationsService) private readonly evaluations: EvaluationsService,
    @Inject(IdempotentRequests) private readonly idempotent: IdempotentRequests,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('admin', 'quality_officer')
  @ApiZodBody(startRunSchema, 'evaluate a period (or one team of it) with the bound scheme versions')
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description: 'repeating the request with the same key and body within 24 h answers the first response again (the same run) instead of starting another; another body with the key is 422, a repeat while the first is still being answered 409',
  })
  @ApiZodResponse(202, runResponseSchema, 'the queued run; follow it at Location')
  @ApiResponse({ status: 503, description: 'the job queue (Redis) is not reachable: no run was started; Retry-After says when to try again' })
  async start(
    @Ctx() ctx: RequestContext,
    @Body(zod(startRunSchema)) body: StartRunRequest,
    @Headers('idempotency-key') idempotencyKey: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RunResponse> {
    const request = { period: body.period, teamId: body.teamId ?? null, reason: body.reason ?? null, staffIds: body.staffIds ?? null };
    const answer = await this.idempotent.run(ctx, 'POST /api/evaluations', parseIdempotencyKey(idempotencyKey), request, async () => {
      const run = await this.evaluations.start(ctx, body);
      return { status: 202, body: toRunResponse(run), location: `/api/evaluations/${run.id}` };
    });
    res.status(answer.status);
    if (answer.location) res.setHeader('Location', answer.location);
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return answer.body;
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
