import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { badRequest, notFound } from '../../common/errors/domain-error';
import { msg } from '../../common/i18n/messages';
import { ApiZodBody, ApiZodResponse, zod } from '../../common/http/zod';
import { TransactionRunner } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { type InstitutionSettings, institutionSettingsSchema, type UpdateInstitutionSettings, updateInstitutionSettingsSchema } from './institution-settings.dto';
import { InstitutionsRepository } from './institutions.repository';

/** The signed-in user's institution: its time zone, appeal window and whether rule changes need approval (admins change them, audited). */
@ApiTags('institution')
@ApiBearerAuth()
@Controller('institution')
export class InstitutionSettingsController {
  constructor(
    @Inject(InstitutionsRepository) private readonly institutions: InstitutionsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles('admin', 'quality_officer', 'manager', 'staff')
  @ApiZodResponse(200, institutionSettingsSchema)
  async get(@CurrentUser() user: AuthUser): Promise<InstitutionSettings> {
    const institution = await this.institutions.findById(user.institutionId);
    if (!institution) throw notFound('institution', user.institutionId);
    return { id: institution.id, name: institution.name, timeZone: institution.timeZone, appealDays: institution.appealDays, approvals: institution.approvals };
  }

  @Put()
  @Roles('admin')
  @ApiZodBody(updateInstitutionSettingsSchema)
  @ApiZodResponse(200, institutionSettingsSchema)
  async update(@Ctx() ctx: RequestContext, @Body(zod(updateInstitutionSettingsSchema)) body: UpdateInstitutionSettings): Promise<InstitutionSettings> {
    if (body.id !== undefined && body.id !== ctx.user.institutionId) throw badRequest(msg('institution.not_yours'), [{ path: 'id', message: msg('institution.not_yours.detail'), code: 'id_mismatch' }]);
    return this.transactions.run(async (tx) => {
      const institution = await this.institutions.findById(ctx.user.institutionId, tx);
      if (!institution) throw notFound('institution', ctx.user.institutionId);
      const before = { timeZone: institution.timeZone, appealDays: institution.appealDays, approvals: institution.approvals };
      const after = { timeZone: body.timeZone ?? institution.timeZone, appealDays: body.appealDays ?? institution.appealDays, approvals: body.approvals ?? institution.approvals };
      if (after.timeZone !== before.timeZone || after.appealDays !== before.appealDays || after.approvals !== before.approvals) {
        await this.institutions.updateSettings(institution.id, after, tx);
        await this.audit.record(ctx, 'update', 'institution', institution.id, { before, after }, tx);
      }
      return { id: institution.id, name: institution.name, ...after };
    });
  }
}
