import { Body, Controller, Delete, Get, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, UpdateBody, zod } from '../../common/http/zod';
import {
  BINDING_SORTABLE,
  bindingFilterSchema,
  type BindingResponse,
  bindingResponseSchema,
  type CreateBindingRequest,
  createBindingSchema,
  type ResolveBindingQuery,
  resolveBindingQuerySchema,
  toBindingResponse,
  type UpdateBindingRequest,
  updateBindingSchema,
} from './bindings.dto';
import { ChangeRequestGate } from '../change-requests/change-request-gate';
import { type ChangeRequestResponse, changeRequestResponseSchema } from '../change-requests/change-requests.dto';
import { BindingsService } from './bindings.service';

@ApiTags('bindings')
@ApiBearerAuth()
@Controller('bindings')
export class BindingsController {
  constructor(
    @Inject(BindingsService) private readonly bindings: BindingsService,
    @Inject(ChangeRequestGate) private readonly approvals: ChangeRequestGate,
  ) {}

  @Get()
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, z.array(bindingResponseSchema))
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<BindingResponse[]> {
    const listQuery = parseListQuery(query, { sortable: BINDING_SORTABLE, defaultSort: { field: 'period', order: 'DESC' }, filter: bindingFilterSchema });
    const page = await this.bindings.list(user.institutionId, listQuery);
    res.setHeader('Content-Range', contentRange('bindings', listQuery.offset, page.items.length, page.total));
    return page.items.map(toBindingResponse);
  }

  @Get('resolve')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiQuery({ name: 'period', required: true, example: '2026-Q1' })
  @ApiQuery({ name: 'teamId', required: false, description: 'the team whose override wins over the institution-wide binding' })
  @ApiZodResponse(200, bindingResponseSchema, 'the binding that scores the period for the team: its override, else the institution-wide one; 404 if none')
  async resolve(@CurrentUser() user: AuthUser, @Query(zod(resolveBindingQuerySchema)) query: ResolveBindingQuery): Promise<BindingResponse> {
    return toBindingResponse(await this.bindings.resolveView(user.institutionId, query.period, query.teamId ?? null));
  }

  @Get(':id')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, bindingResponseSchema)
  async get(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<BindingResponse> {
    return toBindingResponse(await this.bindings.get(user.institutionId, id));
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(createBindingSchema)
  @ApiZodResponse(201, bindingResponseSchema)
  @ApiZodResponse(202, changeRequestResponseSchema, 'the institution requires approval and the period has runs: a change request was made instead')
  async create(@Ctx() ctx: RequestContext, @Body(zod(createBindingSchema)) body: CreateBindingRequest, @Res({ passthrough: true }) res: Response): Promise<BindingResponse | ChangeRequestResponse> {
    const requested = await this.approvals.bindingCreate(ctx, body, (tx) => this.bindings.createIn(ctx, body, tx));
    if (requested) return accepted(res, requested);
    return toBindingResponse(await this.bindings.create(ctx, body));
  }

  @Put(':id')
  @Roles('admin')
  @ApiZodBody(updateBindingSchema, 'rebind the period to another published version')
  @ApiZodResponse(200, bindingResponseSchema)
  @ApiZodResponse(202, changeRequestResponseSchema, 'the institution requires approval and the period has runs: a change request was made instead')
  async update(
    @Ctx() ctx: RequestContext,
    @Param('id', zod(z.uuid(), 'id')) id: string,
    @UpdateBody(updateBindingSchema, bindingResponseSchema) body: UpdateBindingRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BindingResponse | ChangeRequestResponse> {
    const requested = await this.approvals.bindingUpdate(ctx, id, body, (tx) => this.bindings.updateIn(ctx, id, body, tx));
    if (requested) return accepted(res, requested);
    return toBindingResponse(await this.bindings.update(ctx, id, body));
  }

  @Delete(':id')
  @Roles('admin')
  @ApiZodResponse(200, bindingResponseSchema, 'the removed binding')
  @ApiZodResponse(202, changeRequestResponseSchema, 'the institution requires approval and the period has runs: a change request was made instead')
  async remove(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string, @Res({ passthrough: true }) res: Response): Promise<BindingResponse | ChangeRequestResponse> {
    const requested = await this.approvals.bindingDelete(ctx, id, (tx) => this.bindings.deleteIn(ctx, id, tx));
    if (requested) return accepted(res, requested);
    return toBindingResponse(await this.bindings.delete(ctx, id));
  }
}

/** 202 Accepted: the change waits for approval. */
function accepted(res: Response, request: ChangeRequestResponse): ChangeRequestResponse {
  res.status(202);
  return request;
}
