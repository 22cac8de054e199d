import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, zod } from '../../common/http/zod';
import { APPEAL_SORTABLE, appealFilterSchema, type AppealResponse, appealResponseSchema, type FileAppealRequest, fileAppealSchema } from './appeals.dto';
import { AppealsService } from './appeals.service';

@ApiTags('appeals')
@ApiBearerAuth()
@Controller('appeals')
export class AppealsController {
  constructor(@Inject(AppealsService) private readonly appeals: AppealsService) {}

  @Post()
  @Roles('staff', 'manager')
  @ApiZodBody(fileAppealSchema, 'contest a current scorecard of a published period inside the appeal window; opens a case on the appeal workflow')
  @ApiZodResponse(201, appealResponseSchema)
  file(@Ctx() ctx: RequestContext, @Body(zod(fileAppealSchema)) body: FileAppealRequest): Promise<AppealResponse> {
    return this.appeals.file(ctx, body);
  }

  @Get()
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodResponse(200, z.array(appealResponseSchema), 'staff see their own, managers their teams’')
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<AppealResponse[]> {
    const listQuery = parseListQuery(query, { sortable: APPEAL_SORTABLE, defaultSort: { field: 'filedAt', order: 'DESC' }, filter: appealFilterSchema });
    const page = await this.appeals.list(user, listQuery);
    res.setHeader('Content-Range', contentRange('appeals', listQuery.offset, page.items.length, page.total));
    return page.items;
  }

  @Get(':id')
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodResponse(200, appealResponseSchema)
  get(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<AppealResponse> {
    return this.appeals.get(user, id);
  }
}
