import { Body, Controller, Delete, Get, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, UpdateBody, zod } from '../../common/http/zod';
import {
  type CreateTeamRequest,
  createTeamSchema,
  TEAM_SORTABLE,
  teamFilterSchema,
  type TeamResponse,
  teamResponseSchema,
  toTeamResponse,
  type UpdateTeamRequest,
  updateTeamSchema,
} from './teams.dto';
import { TeamsService, type TeamWithCount } from './teams.service';

const respond = ({ team, staffCount }: TeamWithCount): TeamResponse => toTeamResponse(team, staffCount);

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(@Inject(TeamsService) private readonly teams: TeamsService) {}

  @Get()
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, z.array(teamResponseSchema))
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<TeamResponse[]> {
    const listQuery = parseListQuery(query, { sortable: TEAM_SORTABLE, defaultSort: { field: 'name', order: 'ASC' }, filter: teamFilterSchema });
    const page = await this.teams.list(user.institutionId, listQuery);
    res.setHeader('Content-Range', contentRange('teams', listQuery.offset, page.items.length, page.total));
    return page.items.map(respond);
  }

  @Get(':id')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, teamResponseSchema)
  async get(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<TeamResponse> {
    return respond(await this.teams.get(user.institutionId, id));
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(createTeamSchema)
  @ApiZodResponse(201, teamResponseSchema)
  async create(@Ctx() ctx: RequestContext, @Body(zod(createTeamSchema)) body: CreateTeamRequest): Promise<TeamResponse> {
    return respond(await this.teams.create(ctx, body));
  }

  @Put(':id')
  @Roles('admin')
  @ApiZodBody(updateTeamSchema, 'only the fields to change')
  @ApiZodResponse(200, teamResponseSchema)
  async update(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string, @UpdateBody(updateTeamSchema, teamResponseSchema) body: UpdateTeamRequest): Promise<TeamResponse> {
    return respond(await this.teams.update(ctx, id, body));
  }

  @Delete(':id')
  @Roles('admin')
  @ApiZodResponse(200, teamResponseSchema, 'the deleted team')
  async remove(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<TeamResponse> {
    return respond(await this.teams.delete(ctx, id));
  }
}
