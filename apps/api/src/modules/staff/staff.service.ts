import { Inject, Injectable } from '@nestjs/common';
import { changedFields, hasChanges } from '../../common/audit/changes';
import { readerScopeOf } from '../../common/access/reader-scope';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { conflict, notFound, unprocessable } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { TeamsRepository } from '../teams/teams.repository';
import { auditedStaff, type CreateStaffRequest, type StaffFilter, type UpdateStaffRequest } from './staff.dto';
import type { StaffEntity } from './staff.entity';
import { StaffRepository } from './staff.repository';
import { msg } from '../../common/i18n/messages';

@Injectable()
export class StaffService {
  constructor(
    @Inject(StaffRepository) private readonly staff: StaffRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  list(user: AuthUser, query: ListQuery<StaffFilter>): Promise<Page<StaffEntity>> {
    return this.staff.list(readerScopeOf(user), query);
  }

  async get(user: AuthUser, id: string): Promise<StaffEntity> {
    const staff = await this.staff.findVisible(readerScopeOf(user), id);
    if (!staff) throw notFound('staff', id);
    return staff;
  }

  async create(ctx: RequestContext, request: CreateStaffRequest): Promise<StaffEntity> {
    const institutionId = ctx.user.institutionId;
    return this.transactions.run(async (tx) => {
      await this.checkCodeFree(institutionId, request.code, null, tx);
      const teamId = request.teamId ?? null;
      if (teamId) await this.checkTeam(institutionId, teamId, tx);
      const staff = await this.staff.insert({ institutionId, code: request.code, name: request.name, teamId, tier: request.tier, active: request.active ?? true }, tx);
      await this.audit.record(ctx, 'create', 'staff', staff.id, { after: auditedStaff(staff) }, tx);
      return staff;
    });
  }

  async update(ctx: RequestContext, id: string, request: UpdateStaffRequest): Promise<StaffEntity> {
    const institutionId = ctx.user.institutionId;
    return this.transactions.run(async (tx) => {
      const staff = await this.staff.findById(institutionId, id, tx);
      if (!staff) throw notFound('staff', id);
      const before = auditedStaff(staff);
      if (request.code !== undefined && request.code !== staff.code) await this.checkCodeFree(institutionId, request.code, staff.id, tx);
      if (request.teamId && request.teamId !== staff.teamId) await this.checkTeam(institutionId, request.teamId, tx);
      staff.code = request.code ?? staff.code;
      staff.name = request.name ?? staff.name;
      if (request.teamId !== undefined) staff.teamId = request.teamId;
      staff.tier = request.tier ?? staff.tier;
      staff.active = request.active ?? staff.active;
      const changes = changedFields(before, auditedStaff(staff));
      if (!hasChanges(changes)) return staff;
      const saved = await this.staff.update(staff, tx);
      await this.audit.record(ctx, 'update', 'staff', staff.id, changes, tx);
      return saved;
    });
  }

  /** DELETE deactivates: facts, scorecards and logins refer to staff, so the row stays. */
  async deactivate(ctx: RequestContext, id: string): Promise<StaffEntity> {
    const institutionId = ctx.user.institutionId;
    return this.transactions.run(async (tx) => {
      const staff = await this.staff.findById(institutionId, id, tx);
      if (!staff) throw notFound('staff', id);
      if (!staff.active) return staff;
      staff.active = false;
      const saved = await this.staff.update(staff, tx);
      await this.audit.record(ctx, 'delete', 'staff', staff.id, { before: { active: true }, after: { active: false } }, tx);
      return saved;
    });
  }

  private async checkCodeFree(institutionId: string, code: string, exceptId: string | null, tx: Tx): Promise<void> {
    const existing = await this.staff.findByCode(institutionId, code, tx);
    if (existing && existing.id !== exceptId) throw conflict(msg('staff.code_taken', { code }), [{ path: 'code', message: msg('taken') }]);
  }

  private async checkTeam(institutionId: string, teamId: string, tx: Tx): Promise<void> {
    if (!(await this.teams.findById(institutionId, teamId, tx))) throw unprocessable(msg('teams.not_found', { id: teamId }), [{ path: 'teamId', message: msg('teams.not_in_institution') }]);
  }
}
