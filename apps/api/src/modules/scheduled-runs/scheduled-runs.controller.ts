import { Body, Controller, Delete, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { ApiZodBody, ApiZodResponse, zod } from '../../common/http/zod';
import { type BindingScheduleResponse, bindingScheduleResponseSchema, type SetScheduleRequest, setScheduleSchema } from './scheduled-runs.dto';
import { ScheduledRunsService } from './scheduled-runs.service';

/** A binding's scheduled run: `/api/bindings/:id/schedule`. */
@ApiTags('bindings')
@ApiBearerAuth()
@Controller('bindings')
export class ScheduledRunsController {
  constructor(@Inject(ScheduledRunsService) private readonly schedules: ScheduledRunsService) {}

  @Get(':id/schedule')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, bindingScheduleResponseSchema, 'the schedule (null without one), its due time on the institution clock, and the run it started')
  get(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<BindingScheduleResponse> {
    return this.schedules.get(user.institutionId, id);
  }

  @Put(':id/schedule')
  @Roles('admin')
  @ApiZodBody(setScheduleSchema, 'evaluate the period daysAfterEnd days after its last day at time (HH:MM) in the institution time zone; setting it again arms it again')
  @ApiZodResponse(200, bindingScheduleResponseSchema)
  set(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string, @Body(zod(setScheduleSchema)) body: SetScheduleRequest): Promise<BindingScheduleResponse> {
    return this.schedules.set(ctx, id, body);
  }

  @Delete(':id/schedule')
  @Roles('admin')
  @ApiZodResponse(200, bindingScheduleResponseSchema, 'the binding without a schedule')
  remove(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<BindingScheduleResponse> {
    return this.schedules.remove(ctx, id);
  }
}
