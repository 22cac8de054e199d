import { Body, Controller, Delete, Get, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, UpdateBody, zod } from '../../common/http/zod';
import {
  type CreateUserRequest,
  createUserSchema,
  toUserResponse,
  type UpdateUserRequest,
  updateUserSchema,
  USER_SORTABLE,
  userFilterSchema,
  type UserResponse,
  userResponseSchema,
} from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @ApiZodResponse(200, z.array(userResponseSchema))
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<UserResponse[]> {
    const listQuery = parseListQuery(query, { sortable: USER_SORTABLE, defaultSort: { field: 'email', order: 'ASC' }, filter: userFilterSchema });
    const page = await this.users.list(user.institutionId, listQuery);
    res.setHeader('Content-Range', contentRange('users', listQuery.offset, page.items.length, page.total));
    return page.items.map(toUserResponse);
  }

  @Get(':id')
  @ApiZodResponse(200, userResponseSchema)
  async get(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<UserResponse> {
    return toUserResponse(await this.users.get(user.institutionId, id));
  }

  @Post()
  @ApiZodBody(createUserSchema)
  @ApiZodResponse(201, userResponseSchema)
  async create(@Ctx() ctx: RequestContext, @Body(zod(createUserSchema)) body: CreateUserRequest): Promise<UserResponse> {
    return toUserResponse(await this.users.create(ctx, body));
  }

  @Put(':id')
  @ApiZodBody(updateUserSchema, 'only the fields to change')
  @ApiZodResponse(200, userResponseSchema)
  async update(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string, @UpdateBody(updateUserSchema, userResponseSchema) body: UpdateUserRequest): Promise<UserResponse> {
    return toUserResponse(await this.users.update(ctx, id, body));
  }

  @Delete(':id')
  @ApiZodResponse(200, userResponseSchema, 'the user, now inactive')
  async remove(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<UserResponse> {
    return toUserResponse(await this.users.deactivate(ctx, id));
  }
}
