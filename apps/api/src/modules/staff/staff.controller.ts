import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, UpdateBody, openApiSchema, zod } from '../../common/http/zod';
import { ImportStaff } from './import-staff.use-case';
import {
  type CreateStaffRequest,
  createStaffSchema,
  type ImportStaffResponse,
  importStaffResponseSchema,
  importStaffSchema,
  STAFF_IMPORT_MAX_ROWS,
  STAFF_SORTABLE,
  staffFilterSchema,
  type StaffResponse,
  staffResponseSchema,
  toStaffResponse,
  type UpdateStaffRequest,
  updateStaffSchema,
} from './staff.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(
    @Inject(StaffService) private readonly staff: StaffService,
    @Inject(ImportStaff) private readonly importStaff: ImportStaff,
  ) {}

  @Get()
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, z.array(staffResponseSchema), 'managers see only the staff of the teams they manage')
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<StaffResponse[]> {
    const listQuery = parseListQuery(query, { sortable: STAFF_SORTABLE, defaultSort: { field: 'code', order: 'ASC' }, filter: staffFilterSchema });
    const page = await this.staff.list(user, listQuery);
    res.setHeader('Content-Range', contentRange('staff', listQuery.offset, page.items.length, page.total));
    return page.items.map(toStaffResponse);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('admin')
  @ApiBody({
    description: `CSV with the header code,name,team,tier[,active] (team by name, empty for none; tier junior, mid or senior; active true/false, empty to keep), at most ${STAFF_IMPORT_MAX_ROWS} staff rows (more → 422, split the file). All or nothing: any bad row → 422 with every problem as rows[<spreadsheet row>].<column>, and nothing is stored.`,
    required: true,
    schema: { oneOf: [{ type: 'string', description: 'the CSV, sent as text/csv' }, openApiSchema(z.strictObject({ csv: z.string() }))] },
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiZodResponse(200, importStaffResponseSchema, 'staff upserted by code')
  import(@Ctx() ctx: RequestContext, @Body(zod(importStaffSchema)) csv: string): Promise<ImportStaffResponse> {
    return this.importStaff.execute(ctx, csv);
  }

  @Get(':id')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, staffResponseSchema)
  async get(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<StaffResponse> {
    return toStaffResponse(await this.staff.get(user, id));
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(createStaffSchema)
  @ApiZodResponse(201, staffResponseSchema)
  async create(@Ctx() ctx: RequestContext, @Body(zod(createStaffSchema)) body: CreateStaffRequest): Promise<StaffResponse> {
    return toStaffResponse(await this.staff.create(ctx, body));
  }

  @Put(':id')
  @Roles('admin')
  @ApiZodBody(updateStaffSchema, 'only the fields to change')
  @ApiZodResponse(200, staffResponseSchema)
  async update(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string, @UpdateBody(updateStaffSchema, staffResponseSchema) body: UpdateStaffRequest): Promise<StaffResponse> {
    return toStaffResponse(await this.staff.update(ctx, id, body));
  }

  @Delete(':id')
  @Roles('admin')
  @ApiZodResponse(200, staffResponseSchema, 'the staff member, now inactive')
  async remove(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<StaffResponse> {
    return toStaffResponse(await this.staff.deactivate(ctx, id));
  }
}
