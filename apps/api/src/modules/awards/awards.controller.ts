import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { ApiZodResponse, zod } from '../../common/http/zod';
import { type HonourRollQuery, honourRollQuerySchema, type HonourRollResponse, honourRollResponseSchema } from './awards.dto';
import { AwardsService } from './awards.service';

@ApiTags('awards')
@ApiBearerAuth()
@Controller()
export class AwardsController {
  constructor(@Inject(AwardsService) private readonly awards: AwardsService) {}

  @Get('teams/:id/honour-roll')
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodResponse(
    200,
    honourRollResponseSchema,
    "the team's honour roll (光荣榜) for the period: the staff whose current scorecard earned a scheme award, and each award with how many earned it; managers only for the teams they manage, staff for their own team and published periods only",
  )
  honourRoll(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string, @Query(zod(honourRollQuerySchema)) query: HonourRollQuery): Promise<HonourRollResponse> {
    return this.awards.honourRoll(user, id, query.period);
  }
}
