import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, zod } from '../../common/http/zod';
import {
  CHANGE_REQUEST_SORTABLE,
  type ChangeRequestDetailResponse,
  changeRequestDetailResponseSchema,
  changeRequestFilterSchema,
  type ChangeRequestResponse,
  changeRequestResponseSchema,
  type RejectChangeRequest,
  rejectChangeRequestSchema,
} from './change-requests.dto';
import { ChangeRequestsService } from './change-requests.service';

const idParam = zod(z.uuid(), 'id');

/** Change requests (issue 15): rule changes waiting for a second person. */
@ApiTags('change-requests')
@ApiBearerAuth()
@Controller('change-requests')
export class ChangeRequestsController {
  constructor(@Inject(ChangeRequestsService) private readonly requests: ChangeRequestsService) {}

  @Get()
  @Roles('admin', 'quality_officer')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {status, kind, targetType, targetId, actionable, id}' })
  @ApiZodResponse(200, z.array(changeRequestResponseSchema), 'newest first by default; `actionable: true` gives the pending requests you may decide')
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<ChangeRequestResponse[]> {
    const listQuery = parseListQuery(query, { sortable: CHANGE_REQUEST_SORTABLE, defaultSort: { field: 'requestedAt', order: 'DESC' }, filter: changeRequestFilterSchema });
    const page = await this.requests.list(user, listQuery);
    res.setHeader('Content-Range', contentRange('change-requests', listQuery.offset, page.items.length, page.total));
    return page.items;
  }

  @Get(':id')
  @Roles('admin', 'quality_officer')
  @ApiZodResponse(200, changeRequestDetailResponseSchema, 'what will happen, with the diff in words for a document publish')
  get(@CurrentUser() user: AuthUser, @Param('id', idParam) id: string): Promise<ChangeRequestDetailResponse> {
    return this.requests.get(user, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('admin', 'quality_officer')
  @ApiZodResponse(200, changeRequestDetailResponseSchema, 'applies the change now; 403 for the requester, 409 when its target moved since the request')
  approve(@Ctx() ctx: RequestContext, @Param('id', idParam) id: string): Promise<ChangeRequestDetailResponse> {
    return this.requests.approve(ctx, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('admin', 'quality_officer')
  @ApiZodBody(rejectChangeRequestSchema)
  @ApiZodResponse(200, changeRequestDetailResponseSchema, 'nothing changes; the requester is told why')
  reject(@Ctx() ctx: RequestContext, @Param('id', idParam) id: string, @Body(zod(rejectChangeRequestSchema)) body: RejectChangeRequest): Promise<ChangeRequestDetailResponse> {
    return this.requests.reject(ctx, id, body.reason);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('admin', 'quality_officer')
  @ApiZodResponse(200, changeRequestDetailResponseSchema, 'the requester takes it back')
  withdraw(@Ctx() ctx: RequestContext, @Param('id', idParam) id: string): Promise<ChangeRequestDetailResponse> {
    return this.requests.withdraw(ctx, id);
  }
}
