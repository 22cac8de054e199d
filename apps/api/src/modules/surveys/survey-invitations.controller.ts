import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { ApiZodBody, ApiZodResponse, zod } from '../../common/http/zod';
import {
  type CreateInvitationsResponse,
  createInvitationsResponseSchema,
  INVITATIONS_MAX,
  invitationItemSchema,
  invitationsBodySchema,
  type ResponseRatesQuery,
  responseRatesQuerySchema,
  type ResponseRatesResponse,
  responseRatesResponseSchema,
} from './surveys.dto';
import { SurveyInvitationsService } from './survey-invitations.service';

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('survey-invitations')
export class SurveyInvitationsController {
  constructor(@Inject(SurveyInvitationsService) private readonly service: SurveyInvitationsService) {}

  /**
   * Integrations (a CRM at a service milestone) call this with an admin's or quality officer's token: the product
   * has no separate service-account role.
   */
  @Post()
  @HttpCode(201)
  @Roles('admin', 'quality_officer')
  @ApiZodBody(
    z.union([invitationItemSchema, z.array(invitationItemSchema)]),
    `One invitation or a JSON array of them (at most ${INVITATIONS_MAX}), all or nothing: each names a published survey (its latest published version is the one answered) and an active staff member by code; problems are a 422 naming each ([<index>].<field> in a list). Each gets a signed, single-use link /s/<token> that expires after expiresInDays (default 14, at most 90) days; the client answers it without signing in, and the answer becomes feedback as POST /api/feedback would store it (response id survey:<invitation id>).`,
  )
  @ApiZodResponse(201, createInvitationsResponseSchema, 'the links, in the order asked')
  create(@Ctx() ctx: RequestContext, @Req() req: Request, @Body(zod(invitationsBodySchema)) body: z.infer<typeof invitationsBodySchema>): Promise<CreateInvitationsResponse> {
    const batch = Array.isArray(body);
    return this.service.create(ctx, batch ? body : [body], batch, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
  }

  @Get('response-rates')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, responseRatesResponseSchema, 'invitations sent in the period (a month, or a quarter’s three months), answered and expired unanswered, per staff member and team (managers: their teams)')
  responseRates(@CurrentUser() user: AuthUser, @Query(zod(responseRatesQuerySchema)) query: ResponseRatesQuery): Promise<ResponseRatesResponse> {
    return this.service.responseRates(user, query);
  }
}
