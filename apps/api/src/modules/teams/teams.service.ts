import { Inject, Injectable } from '@nestjs/common';
import { changedFields, hasChanges } from '../../common/audit/changes';
import type { RequestContext } from '../../common/auth/auth-user';
import { conflict, notFound, unprocessable } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import type { TeamEntity } from './team.entity';
import { auditedTeam, type CreateTeamRequest, type TeamFilter, type UpdateTeamRequest } from './teams.dto';
import { TeamsRepository } from './teams.repository';
import { msg } from '../../common/i18n/messages';

export interface TeamWithCount {
  team: TeamEntity;
  staffCount: number;
}

@Injectable()
export class TeamsService {
  constructor(
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(institutionId: string, query: ListQuery<TeamFilter>): Promise<Page<TeamWithCount>> {
    const page = await this.teams.list(institutionId, query);
    const counts = await this.teams.staffCounts(
      institutionId,
      page.items.map((team) => team.id),
    );
    return { items: page.items.map((team) => ({ team, staffCount: counts.get(team.id) ?? 0 })), total: page.total };
  }

  async get(institutionId: string, id: string): Promise<TeamWithCount> {
    const team = await this.teams.findById(institutionId, id);
    if (!team) throw notFound('team', id);
    return this.withCount(team);
  }

  async create(ctx: RequestContext, request: CreateTeamRequest): Promise<TeamWithCount> {
    const institutionId = ctx.user.institutionId;
    return this.transactions.run(async (tx) => {
      await this.checkNameFree(institutionId, request.name, null, tx);
      const managerId = request.managerId ?? null;
      if (managerId) await this.checkManager(institutionId, managerId, tx);
      const team = await this.teams.insert({ institutionId, name: request.name, nameEn: request.nameEn ?? null, managerId }, tx);
      await this.audit.record(ctx, 'create', 'team', team.id, { after: auditedTeam(team) }, tx);
      return { team, staffCount: 0 };
    });
  }

  async update(ctx: RequestContext, id: string, request: UpdateTeamRequest): Promise<TeamWithCount> {
    const institutionId = ctx.user.institutionId;
    return this.transactions.run(async (tx) => {
      const team = await this.teams.findById(institutionId, id, tx);
      if (!team) throw notFound('team', id);
      const before = auditedTeam(team);
      if (request.name !== undefined && request.name !== team.name) await this.checkNameFree(institutionId, request.name, team.id, tx);
      if (request.managerId && request.managerId !== team.managerId) await this.checkManager(institutionId, request.managerId, tx);
      team.name = request.name ?? team.name;
      if (request.nameEn !== undefined) team.nameEn = request.nameEn;
      if (request.managerId !== undefined) team.managerId = request.managerId;
      const changes = changedFields(before, auditedTeam(team));
      if (!hasChanges(changes)) return this.withCount(team, tx);
      const saved = await this.teams.update(team, tx);
      await this.audit.record(ctx, 'update', 'team', team.id, changes, tx);
      return this.withCount(saved, tx);
    });
  }

  /** A team that still has staff (active or not) or period bindings cannot be deleted. */
  async delete(ctx: RequestContext, id: string): Promise<TeamWithCount> {
    const institutionId = ctx.user.institutionId;
    return this.transactions.run(async (tx) => {
      const team = await this.teams.findById(institutionId, id, tx);
      if (!team) throw notFound('team', id);
      const staffCount = (await this.teams.staffCounts(institutionId, [team.id], tx)).get(team.id) ?? 0;
      if (staffCount > 0) throw conflict(msg('teams.has_staff', { name: team.name, count: staffCount }));
      const bindings = await this.teams.countBindings(institutionId, team.id, tx);
      if (bindings > 0) throw conflict(msg('teams.has_bindings', { name: team.name, count: bindings }));
      await this.teams.delete(team, tx);
      await this.audit.record(ctx, 'delete', 'team', team.id, { before: auditedTeam(team) }, tx);
      return { team, staffCount: 0 };
    });
  }

  private async withCount(team: TeamEntity, tx?: Tx): Promise<TeamWithCount> {
    const counts = await this.teams.staffCounts(team.institutionId, [team.id], tx);
    return { team, staffCount: counts.get(team.id) ?? 0 };
  }

  private async checkNameFree(institutionId: string, name: string, exceptId: string | null, tx: Tx): Promise<void> {
    const existing = await this.teams.findByName(institutionId, name, tx);
    if (existing && existing.id !== exceptId) throw conflict(msg('teams.name_taken', { name }), [{ path: 'name', message: msg('taken') }]);
  }

  private async checkManager(institutionId: string, managerId: string, tx: Tx): Promise<void> {
    const user = await this.teams.findUser(institutionId, managerId, tx);
    if (!user) throw unprocessable(msg('users.not_found', { id: managerId }), [{ path: 'managerId', message: msg('users.not_in_institution') }]);
    if (user.role !== 'manager') throw unprocessable(msg('teams.not_manager', { email: user.email }), [{ path: 'managerId', message: msg('teams.not_manager.detail', { role: user.role }) }]);
    if (!user.active) throw unprocessable(msg('users.inactive', { email: user.email }), [{ path: 'managerId', message: msg('users.must_be_active') }]);
  }
}
