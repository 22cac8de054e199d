import { Inject, Injectable } from '@nestjs/common';
import { periodKindSchema } from '@carescore/engine';
import type { RequestContext } from '../../common/auth/auth-user';
import { conflict, DomainError, notFound, unprocessable } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import type { DocumentVersionEntity } from '../documents/document.entity';
import { TeamsRepository } from '../teams/teams.repository';
import type { BindingEntity } from './binding.entity';
import type { BindingFilter, BindingView, CreateBindingRequest, UpdateBindingRequest } from './bindings.dto';
import { BindingsRepository } from './bindings.repository';
import { msg, periodProblem } from '../../common/i18n/messages';

/** The version a binding names, checked: a published scheme whose period kind fits the period. */
interface BindableVersion {
  documentKey: string;
  version: DocumentVersionEntity;
}

/**
 * Period bindings: which published scheme version scores a period, for the whole institution or,
 * as an override, for one team. At most one per (institution, period, team-or-all).
 */
@Injectable()
export class BindingsService {
  constructor(
    @Inject(BindingsRepository) private readonly bindings: BindingsRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(institutionId: string, query: ListQuery<BindingFilter>): Promise<Page<BindingView>> {
    const page = await this.bindings.list(institutionId, query);
    return { items: await this.describe(institutionId, page.items), total: page.total };
  }

  async get(institutionId: string, id: string): Promise<BindingView> {
    const binding = await this.bindings.findById(institutionId, id);
    if (!binding) throw notFound('binding', id);
    return (await this.describe(institutionId, [binding]))[0];
  }

  /**
   * The binding that scores `period` for a team: the team's override if there is one, else the
   * institution-wide binding; null when neither exists. With teamId null, the institution-wide one.
   */
  async resolve(institutionId: string, period: string, teamId: string | null, tx?: Tx): Promise<BindingEntity | null> {
    if (teamId !== null) {
      const override = await this.bindings.findForScope(institutionId, period, teamId, tx);
      if (override) return override;
    }
    return this.bindings.findForScope(institutionId, period, null, tx);
  }

  /** Whether anything scores `period`: a binding for the whole institution or for some team. */
  anyForPeriod(institutionId: string, period: string, tx?: Tx): Promise<BindingEntity | null> {
    return this.bindings.anyForPeriod(institutionId, period, tx);
  }

  /** resolve() for the HTTP API: an unknown team or a period with no binding is 404. */
  async resolveView(institutionId: string, period: string, teamId: string | null): Promise<BindingView> {
    if (teamId !== null && !(await this.teams.findById(institutionId, teamId))) throw notFound('team', teamId);
    const binding = await this.resolve(institutionId, period, teamId);
    if (!binding) throw new DomainError('NotFound', msg(teamId ? 'bindings.none_for_period_team' : 'bindings.none_for_period', { period }));
    return (await this.describe(institutionId, [binding]))[0];
  }

  create(ctx: RequestContext, request: CreateBindingRequest): Promise<BindingView> {
    return this.transactions.run((tx) => this.createIn(ctx, request, tx));
  }

  /** create() inside a transaction of the caller's (an approved change request applies it this way). */
  async createIn(ctx: RequestContext, request: CreateBindingRequest, tx: Tx): Promise<BindingView> {
    const institutionId = ctx.user.institutionId;
    const teamId = request.teamId ?? null;
    const team = teamId === null ? null : await this.teams.findById(institutionId, teamId, tx);
    if (teamId !== null && !team) throw unprocessable(msg('teams.not_found', { id: teamId }), [{ path: 'teamId', message: msg('teams.not_in_institution') }]);
    const target = await this.bindableVersion(institutionId, request.documentId, request.version, request.period, tx);
    const existing = await this.bindings.findForScope(institutionId, request.period, teamId, tx);
    if (existing) {
      const scope = team ? msg('bindings.scope.team', { name: team.name }) : msg('bindings.scope.institution');
      throw conflict(msg('bindings.already_bound', { period: request.period, scope }), [{ path: teamId ? 'teamId' : 'period', message: msg('bindings.already_bound.detail', { id: existing.id }) }]);
    }
    const binding = await this.bindings.insert(
      { institutionId, period: request.period, teamId, documentId: request.documentId, documentVersionId: target.version.id, version: target.version.version, createdBy: ctx.user.id },
      tx,
    );
    await this.audit.record(ctx, 'bind', 'binding', binding.id, { after: { period: binding.period, teamId, documentId: binding.documentId, documentKey: target.documentKey, version: binding.version, documentVersionId: binding.documentVersionId } }, tx);
    return { binding, documentKey: target.documentKey, teamName: team?.name ?? null, versionStatus: target.version.status };
  }

  /** Rebinds the period to another published version; audited as `rebind` with before and after. */
  update(ctx: RequestContext, id: string, request: UpdateBindingRequest): Promise<BindingView> {
    return this.transactions.run((tx) => this.updateIn(ctx, id, request, tx));
  }

  /** update() inside a transaction of the caller's. */
  async updateIn(ctx: RequestContext, id: string, request: UpdateBindingRequest, tx: Tx): Promise<BindingView> {
    const institutionId = ctx.user.institutionId;
    const binding = await this.bindings.findById(institutionId, id, tx);
    if (!binding) throw notFound('binding', id);
    const target = await this.bindableVersion(institutionId, request.documentId ?? binding.documentId, request.version, binding.period, tx);
    if (target.version.id === binding.documentVersionId) return (await this.describe(institutionId, [binding], tx))[0];
    const [current] = await this.describe(institutionId, [binding], tx);
    const before = { documentId: binding.documentId, documentKey: current.documentKey, version: binding.version, documentVersionId: binding.documentVersionId };
    binding.documentId = target.version.documentId;
    binding.documentVersionId = target.version.id;
    binding.version = target.version.version;
    const saved = await this.bindings.update(binding, tx);
    const after = { documentId: saved.documentId, documentKey: target.documentKey, version: saved.version, documentVersionId: saved.documentVersionId };
    await this.audit.record(ctx, 'rebind', 'binding', saved.id, { period: saved.period, teamId: saved.teamId, before, after }, tx);
    return { binding: saved, documentKey: target.documentKey, teamName: current.teamName, versionStatus: target.version.status };
  }

  delete(ctx: RequestContext, id: string): Promise<BindingView> {
    return this.transactions.run((tx) => this.deleteIn(ctx, id, tx));
  }

  /** delete() inside a transaction of the caller's. */
  async deleteIn(ctx: RequestContext, id: string, tx: Tx): Promise<BindingView> {
    const institutionId = ctx.user.institutionId;
    const binding = await this.bindings.findById(institutionId, id, tx);
    if (!binding) throw notFound('binding', id);
    const [view] = await this.describe(institutionId, [binding], tx);
    await this.bindings.delete(binding, tx);
    await this.audit.record(
      ctx,
      'unbind',
      'binding',
      binding.id,
      { before: { period: binding.period, teamId: binding.teamId, documentId: binding.documentId, documentKey: view.documentKey, version: binding.version, documentVersionId: binding.documentVersionId } },
      tx,
    );
    return view;
  }

  private async bindableVersion(institutionId: string, documentId: string, versionNumber: number, period: string, tx: Tx): Promise<BindableVersion> {
    const document = await this.bindings.findDocument(institutionId, documentId, tx);
    if (!document) throw unprocessable(msg('documents.not_found', { id: documentId }), [{ path: 'documentId', message: msg('documents.not_in_institution') }]);
    if (document.kind !== 'scheme') throw unprocessable(msg('bindings.not_scheme', { key: document.key, kind: document.kind }), [{ path: 'documentId', message: msg('bindings.must_be_scheme') }]);
    const version = await this.bindings.findVersionForBinding(institutionId, document.id, versionNumber, tx);
    if (!version) throw unprocessable(msg('bindings.no_version', { key: document.key, version: versionNumber }), [{ path: 'version', message: msg('bindings.no_version.detail', { key: document.key, version: versionNumber }) }]);
    if (version.status !== 'published') {
      throw unprocessable(msg('bindings.not_published', { key: document.key, version: versionNumber, status: version.status }), [{ path: 'version', message: msg('bindings.not_published.detail', { status: version.status }) }]);
    }
    const kind = periodKindSchema.safeParse(version.content.period);
    if (!kind.success) throw unprocessable(msg('bindings.no_period_kind', { version: versionNumber, key: document.key }), [{ path: 'version', message: msg('experiments.no_period') }]);
    const problem = periodProblem(period, kind.data);
    if (problem) throw unprocessable(problem, [{ path: 'period', message: msg('bindings.period_kind.detail', { kind: kind.data, key: document.key, example: kind.data === 'month' ? '2026-03' : '2026-Q1' }) }]);
    return { documentKey: document.key, version };
  }

  private async describe(institutionId: string, bindings: BindingEntity[], tx?: Tx): Promise<BindingView[]> {
    const labels = await this.bindings.labels(institutionId, bindings, tx);
    return bindings.map((binding) => ({
      binding,
      documentKey: labels.documentKeys.get(binding.documentId) ?? '',
      teamName: binding.teamId === null ? null : (labels.teamNames.get(binding.teamId) ?? null),
      versionStatus: labels.versionStatuses.get(binding.documentVersionId) ?? 'published',
    }));
  }
}
