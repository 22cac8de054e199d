import { Inject, Injectable } from '@nestjs/common';
import { readerScopeOf } from '../../common/access/reader-scope';
import { periodKindSchema, type ValidationIssue } from '@carescore/engine';
import { type Arm, assignArm, outcomeVerdict, sampleRatioMismatch, welch } from '@carescore/stats';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { conflict, notFound, unprocessable } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { compare, type PairedResult, ranks } from './experiment-report';
import type { ExperimentEntity } from './experiment.entity';
import { type AssignmentResponse, type CreateExperimentRequest, type ExperimentFilter, type ExperimentView, type OutcomesResponse, type ReportResponse, toExperimentResponse, type UpdateExperimentRequest } from './experiments.dto';
import { type ArmResult, type ArmVersion, ExperimentsRepository } from './experiments.repository';
import { ShadowRunsRepository } from './shadow-runs.repository';
import { type OutcomeValue, outcomeSamples } from './split-outcomes';
import { msg, periodProblem } from '../../common/i18n/messages';

/** The period after `period`: 2026-12 → 2027-01, 2026-Q4 → 2027-Q1. */
export function nextPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  if (period[5] === 'Q') {
    const quarter = Number(period.slice(6));
    return quarter === 4 ? `${year + 1}-Q1` : `${year}-Q${quarter + 1}`;
  }
  const month = Number(period.slice(5));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** The settings a checked request gives an experiment, on creation or on a draft's update. */
function settingsOf(arms: CheckedArms, request: UpdateExperimentRequest) {
  return {
    periodKind: arms.periodKind,
    championDocumentId: arms.champion.documentId,
    championVersionId: arms.champion.versionId,
    championVersion: arms.champion.version,
    challengerDocumentId: arms.challenger.documentId,
    challengerVersionId: arms.challenger.versionId,
    challengerVersion: arms.challenger.version,
    teamIds: request.teamIds ?? null,
    periods: [...request.periods].sort(),
    mode: request.mode,
    unit: request.unit ?? null,
    challengerPercent: request.challengerPercent ?? null,
  };
}

interface CheckedArms {
  champion: ArmVersion;
  challenger: ArmVersion;
  periodKind: 'month' | 'quarter';
}

/** Minimum units per arm before an outcome verdict is given. */
const MIN_UNITS_PER_ARM = 5;

@Injectable()
export class ExperimentsService {
  constructor(
    @Inject(ExperimentsRepository) private readonly experiments: ExperimentsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ShadowRunsRepository) private readonly shadowRuns: ShadowRunsRepository,
  ) {}

  async list(institutionId: string, query: ListQuery<ExperimentFilter>): Promise<Page<ExperimentView>> {
    const page = await this.experiments.list(institutionId, query);
    const documentKeys = await this.experiments.documentKeys(institutionId, page.items.flatMap((e) => [e.championDocumentId, e.challengerDocumentId]));
    return { items: page.items.map((experiment) => ({ experiment, documentKeys })), total: page.total };
  }

  async get(institutionId: string, id: string): Promise<ExperimentView> {
    return this.view(await this.find(institutionId, id));
  }

  async create(ctx: RequestContext, request: CreateExperimentRequest): Promise<ExperimentView> {
    const institutionId = ctx.user.institutionId;
    return this.transactions.run(async (tx) => {
      const arms = await this.check(institutionId, request, tx);
      if (await this.experiments.findByKey(institutionId, request.key, tx)) throw conflict(msg('experiments.key_exists', { key: request.key }), [{ path: 'key', message: msg('experiments.key_exists.detail') }]);
      const experiment = await this.experiments.insert(
        {
          institutionId,
          key: request.key,
          name: request.name,
          ...settingsOf(arms, request),
          status: 'draft',
          promotedBindingId: null,
          createdBy: ctx.user.id,
        },
        tx,
      );
      await this.audit.record(ctx, 'create', 'experiment', experiment.id, { after: this.auditable(experiment) }, tx);
      return this.view(experiment, tx);
    });
  }

  /** A draft takes any settings; a running split experiment only a new name and percentage; otherwise only the name. */
  async update(ctx: RequestContext, id: string, request: UpdateExperimentRequest): Promise<ExperimentView> {
    const institutionId = ctx.user.institutionId;
    return this.transactions.run(async (tx) => {
      const experiment = await this.experiments.lock(institutionId, id, tx);
      if (!experiment) throw notFound('experiment', id);
      const before = this.auditable(experiment);
      if (experiment.status === 'draft') {
        const arms = await this.check(institutionId, request, tx);
        Object.assign(experiment, settingsOf(arms, request));
      } else {
        const wanted = this.auditable({ ...experiment, ...this.requestFields(request) } as ExperimentEntity);
        const changed = (Object.keys(wanted) as Array<keyof typeof wanted>).filter((field) => field !== 'name' && JSON.stringify(wanted[field]) !== JSON.stringify(before[field]));
        const allowed = experiment.status === 'running' && experiment.mode === 'split' ? ['challengerPercent'] : [];
        const refused = changed.filter((field) => !allowed.includes(field));
        if (refused.length > 0) {
          throw conflict(
            msg(allowed.length ? 'experiments.only_name_percent' : 'experiments.only_name', { status: experiment.status }),
            refused.map((field) => ({ path: field, message: msg('experiments.frozen.detail', { status: experiment.status }) })),
          );
        }
        if (experiment.mode === 'split' && request.challengerPercent !== undefined) experiment.challengerPercent = request.challengerPercent;
      }
      experiment.name = request.name;
      const saved = await this.experiments.save(experiment, tx);
      await this.audit.record(ctx, 'update', 'experiment', saved.id, { before, after: this.auditable(saved) }, tx);
      return this.view(saved, tx);
    });
  }

  /**
   * A split experiment may not start while another running split experiment shares one of its
   * periods and teams: both would choose the version of the same staff's official scorecards.
   */
  async start(ctx: RequestContext, id: string): Promise<ExperimentView> {
    return this.transition(ctx, id, ['draft'], 'running', async (experiment, tx) => {
      if (experiment.mode !== 'split') return;
      // Serialises starts within the institution, so two overlapping drafts cannot both start.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`experiments:split:${experiment.institutionId}`]);
      const overlapping = await this.experiments.overlappingSplit(experiment, tx);
      if (overlapping.length > 0) {
        throw conflict(
          msg('experiments.overlap', { key: overlapping[0].key }),
          overlapping.map((other) => ({ path: 'periods', message: msg('experiments.overlap.detail', { key: other.key, id: other.id }) })),
        );
      }
    });
  }

  async stop(ctx: RequestContext, id: string): Promise<ExperimentView> {
    return this.transition(ctx, id, ['draft', 'running'], 'stopped');
  }

  /**
   * Binds the challenger version institution-wide for the period after the experiment's last one;
   * 409 if that period is already bound for the whole institution. Audited as `bind` (binding)
   * and `update` (experiment → promoted) in one transaction.
   */
  promote(ctx: RequestContext, id: string): Promise<ExperimentView> {
    return this.transactions.run((tx) => this.promoteIn(ctx, id, tx));
  }

  /** promote() inside a transaction of the caller's (an approved change request applies it this way). */
  async promoteIn(ctx: RequestContext, id: string, tx: Tx): Promise<ExperimentView> {
    const institutionId = ctx.user.institutionId;
    const experiment = await this.experiments.lock(institutionId, id, tx);
    if (!experiment) throw notFound('experiment', id);
    if (experiment.status !== 'running' && experiment.status !== 'stopped') throw conflict(msg('experiments.not_promotable', { status: experiment.status }), [{ path: 'status', message: msg('experiments.not_promotable.detail') }]);
    const period = nextPeriod(experiment.periods[experiment.periods.length - 1]);
    const existing = await this.experiments.institutionBinding(institutionId, period, tx);
    if (existing) throw conflict(msg('experiments.period_bound', { period }), [{ path: 'period', message: msg('bindings.already_bound.detail', { id: existing.id }) }]);
    const bindingId = await this.experiments.insertBinding(
      { institutionId, period, documentId: experiment.challengerDocumentId, documentVersionId: experiment.challengerVersionId, version: experiment.challengerVersion, createdBy: ctx.user.id },
      tx,
    );
    const keys = await this.experiments.documentKeys(institutionId, [experiment.challengerDocumentId], tx);
    await this.audit.record(
      ctx,
      'bind',
      'binding',
      bindingId,
      { after: { period, teamId: null, documentId: experiment.challengerDocumentId, documentKey: keys.get(experiment.challengerDocumentId), version: experiment.challengerVersion, documentVersionId: experiment.challengerVersionId }, experimentId: experiment.id },
      tx,
    );
    const before = experiment.status;
    experiment.status = 'promoted';
    experiment.promotedBindingId = bindingId;
    const saved = await this.experiments.save(experiment, tx);
    await this.audit.record(ctx, 'update', 'experiment', saved.id, { before: { status: before }, after: { status: 'promoted', promotedBindingId: bindingId, period } }, tx);
    return this.view(saved, tx);
  }

  /** Champion (current scorecards) vs challenger (shadow scorecards) per staff member for a period. */
  async report(user: AuthUser, id: string, period: string): Promise<ReportResponse> {
    const institutionId = user.institutionId;
    const experiment = await this.find(institutionId, id);
    if (!experiment.periods.includes(period)) throw unprocessable(msg('experiments.not_its_period', { period }), [{ path: 'period', message: msg('one_of', { values: experiment.periods.join(', ') }) }]);
    // Only the staff the reader may see are compared: a manager's report is over their teams.
    const challenger = await this.experiments.challengerResults(readerScopeOf(user), experiment.id, period);
    const champion = new Map((await this.experiments.currentResults(institutionId, period, challenger.map((row) => row.staffId), experiment.championVersionId)).map((row) => [row.staffId, row]));
    const rows = challenger.filter((row) => champion.has(row.staffId)).sort((a, b) => a.code.localeCompare(b.code));
    const arm = (row: ArmResult) => ({ composite: row.composite, band: row.band, zone: row.zone, promotionEligible: row.promotionEligible });
    const pairs: Array<PairedResult & { row: ArmResult }> = rows.map((row) => ({ staffId: row.staffId, champion: arm(champion.get(row.staffId) as ArmResult), challenger: arm(row), row }));
    const bandOrder = await this.experiments.bandOrder([experiment.championVersionId, experiment.challengerVersionId]);
    const championRanks = ranks(pairs, 'champion');
    const challengerRanks = ranks(pairs, 'challenger');
    const teamNames = await this.experiments.teamNames(institutionId);
    const groupBy = <K>(key: (pair: (typeof pairs)[number]) => K) => {
      const groups = new Map<K, PairedResult[]>();
      for (const pair of pairs) groups.set(key(pair), [...(groups.get(key(pair)) ?? []), pair]);
      return [...groups.entries()];
    };
    const view = await this.view(experiment);
    const response = toExperimentResponse(view);
    return {
      experimentId: experiment.id,
      period,
      runIds: [...new Set(rows.map((row) => row.runId))],
      champion: response.champion,
      challenger: response.challenger,
      overall: compare(pairs, bandOrder),
      byTeam: groupBy((pair) => pair.row.teamId)
        .map(([teamId, group]) => ({ teamId, teamName: teamId === null ? null : (teamNames.get(teamId) ?? null), ...compare(group, bandOrder) }))
        .sort((a, b) => String(a.teamName).localeCompare(String(b.teamName))),
      byTier: groupBy((pair) => pair.row.tier)
        .map(([tier, group]) => ({ tier, ...compare(group, bandOrder) }))
        .sort((a, b) => String(a.tier).localeCompare(String(b.tier))),
      shadowRuns: (await this.shadowRuns.ofPeriod(experiment.id, period)).map((work) => ({
        runId: work.runId,
        status: work.status,
        staff: work.staff,
        stored: work.stored,
        attempts: work.attempts,
        error: work.error,
        createdAt: new Date(work.createdAt).toISOString(),
        finishedAt: work.finishedAt === null ? null : new Date(work.finishedAt).toISOString(),
      })),
      staff: pairs.map((pair) => ({
        staffId: pair.staffId,
        code: pair.row.code,
        teamId: pair.row.teamId,
        tier: pair.row.tier,
        champion: { ...pair.champion, rank: championRanks.get(pair.staffId) ?? null },
        challenger: { ...pair.challenger, rank: challengerRanks.get(pair.staffId) ?? null },
        delta: pair.champion.composite === null || pair.challenger.composite === null ? null : pair.challenger.composite - pair.champion.composite,
      })),
    };
  }

  /** Split mode: each unit's arm by assignArm(key, unit id, percent), with the sample-ratio-mismatch check. */
  async assignment(user: AuthUser, id: string): Promise<AssignmentResponse> {
    const experiment = await this.find(user.institutionId, id);
    if (experiment.mode !== 'split' || experiment.unit === null || experiment.challengerPercent === null) throw unprocessable(msg('experiments.split_only_units'), [{ path: 'mode', message: msg('experiments.must_be_split.detail') }]);
    const units = await this.assign(experiment);
    const counts = { champion: units.filter((u) => u.arm === 'champion').length, challenger: units.filter((u) => u.arm === 'challenger').length };
    const srm = sampleRatioMismatch(counts, experiment.challengerPercent / 100);
    return {
      experimentId: experiment.id,
      unit: experiment.unit,
      challengerPercent: experiment.challengerPercent,
      counts,
      srm: srm ? { chiSquare: srm.chiSquare, pValue: srm.pValue, mismatch: srm.mismatch } : null,
      // The counts and the check are over the whole population; the staff listed, only those the reader may see.
      units: (await this.visibleUnits(user, experiment.unit, units)).map(({ id: unitId, label, arm }) => ({ id: unitId, label, arm })),
    };
  }

  /**
   * Split mode: an indicator's values on the period's current (official) scorecards per arm,
   * Welch's difference challenger − champion with its 95 % interval and the plain-language verdict.
   *
   * A staff member's arm is the one recorded on their latest official scorecard the experiment
   * chose the version of, up to this period: the arm they were actually scored in, so a later
   * period (the outcome of the pilot) and a raised percentage are read right. Before any such
   * scorecard exists (a baseline period, a draft) the arms come from the assignment at the current
   * percentage instead; `basis` says which. Team units are compared by team means.
   */
  async outcomes(institutionId: string, id: string, period: string, indicator: string): Promise<OutcomesResponse> {
    const experiment = await this.find(institutionId, id);
    if (experiment.mode !== 'split' || experiment.unit === null || experiment.challengerPercent === null) throw unprocessable(msg('experiments.split_only_outcomes'), [{ path: 'mode', message: msg('experiments.must_be_split.detail') }]);
    const unit = experiment.unit;
    const recorded = await this.experiments.recordedArms(institutionId, experiment.id, period);
    const basis = recorded.size > 0 ? 'scorecards' : 'assignment';
    let armOf: (row: OutcomeValue) => Arm | undefined = (row) => recorded.get(row.staffId);
    if (basis === 'assignment') {
      const assigned = new Map((await this.assign(experiment)).map((entry) => [entry.id, entry.arm]));
      armOf = (row) => (unit === 'team' ? (row.teamId === null ? undefined : assigned.get(row.teamId)) : assigned.get(row.staffId));
    }
    const samples = outcomeSamples(await this.experiments.indicatorValues(institutionId, period, indicator), armOf, unit);
    const result = welch(samples.champion, samples.challenger);
    return {
      experimentId: experiment.id,
      period,
      indicator,
      unit,
      basis,
      staff: samples.staff,
      welch: { ...result, a: { ...result.a }, b: { ...result.b } },
      verdict: outcomeVerdict(result, { minPerArm: MIN_UNITS_PER_ARM }),
    };
  }

  private async visibleUnits<U extends { id: string }>(user: AuthUser, unit: string, units: U[]): Promise<U[]> {
    if (unit !== 'staff') return units;
    const visible = await this.experiments.staffInScope(readerScopeOf(user), units.map((u) => u.id));
    return units.filter((u) => visible.has(u.id));
  }

  private async assign(experiment: ExperimentEntity) {
    const units = await this.experiments.units(experiment.institutionId, experiment.unit as 'staff' | 'team', experiment.teamIds);
    return units.map((unit) => ({ ...unit, arm: assignArm(experiment.key, unit.id, experiment.challengerPercent as number) }));
  }

  private async transition(
    ctx: RequestContext,
    id: string,
    from: ExperimentEntity['status'][],
    to: ExperimentEntity['status'],
    check?: (experiment: ExperimentEntity, tx: Tx) => Promise<void>,
  ): Promise<ExperimentView> {
    return this.transactions.run(async (tx) => {
      const experiment = await this.experiments.lock(ctx.user.institutionId, id, tx);
      if (!experiment) throw notFound('experiment', id);
      if (!from.includes(experiment.status)) throw conflict(msg('experiments.transition', { status: experiment.status, to }), [{ path: 'status', message: msg('experiments.transition.detail', { states: from.join(' or ') }) }]);
      await check?.(experiment, tx);
      const before = experiment.status;
      experiment.status = to;
      const saved = await this.experiments.save(experiment, tx);
      await this.audit.record(ctx, 'update', 'experiment', saved.id, { before: { status: before }, after: { status: to } }, tx);
      return this.view(saved, tx);
    });
  }

  /** Domain checks: both arms published scheme versions of one period kind, distinct; periods of that kind; teams of the institution. */
  private async check(institutionId: string, request: UpdateExperimentRequest, tx: Tx): Promise<CheckedArms> {
    const issues: ValidationIssue[] = [];
    const arm = async (path: 'champion' | 'challenger'): Promise<ArmVersion | null> => {
      const ref = request[path];
      const found = await this.experiments.armVersion(institutionId, ref.documentId, ref.version, tx);
      if (found === 'no_document') issues.push({ path: `${path}.documentId`, message: msg('documents.not_in_institution') });
      else if (found === null) issues.push({ path: `${path}.version`, message: msg('experiments.no_version', { version: ref.version }) });
      else if (found.kind !== 'scheme') issues.push({ path: `${path}.documentId`, message: msg('bindings.must_be_scheme') });
      else if (found.status !== 'published') issues.push({ path: `${path}.version`, message: msg('bindings.not_published.detail', { status: found.status }) });
      else return found;
      return null;
    };
    const champion = await arm('champion');
    const challenger = await arm('challenger');
    let periodKind: 'month' | 'quarter' | null = null;
    if (champion && challenger) {
      const championKind = periodKindSchema.safeParse(champion.period);
      const challengerKind = periodKindSchema.safeParse(challenger.period);
      if (champion.versionId === challenger.versionId) issues.push({ path: 'challenger.version', message: msg('experiments.same_version') });
      else if (!championKind.success) issues.push({ path: 'champion.version', message: msg('experiments.no_period') });
      else if (!challengerKind.success || challengerKind.data !== championKind.data) issues.push({ path: 'challenger.version', message: msg('experiments.period_kind', { kind: championKind.data }) });
      else periodKind = championKind.data;
    }
    if (periodKind) {
      request.periods.forEach((period, i) => {
        const problem = periodProblem(period, periodKind);
        if (problem) issues.push({ path: `periods.${i}`, message: msg('experiments.period_shape', { kind: periodKind, problem }) });
      });
    }
    if (request.teamIds) {
      const existing = await this.experiments.existingTeams(institutionId, request.teamIds, tx);
      request.teamIds.forEach((teamId, i) => {
        if (!existing.has(teamId)) issues.push({ path: `teamIds.${i}`, message: msg('teams.not_in_institution') });
      });
    }
    if (issues.length > 0 || !champion || !challenger || !periodKind) throw unprocessable(msg('experiments.invalid'), issues);
    return { champion, challenger, periodKind };
  }

  private requestFields(request: UpdateExperimentRequest): Partial<ExperimentEntity> {
    return {
      teamIds: request.teamIds ?? null,
      periods: [...request.periods].sort(),
      mode: request.mode,
      unit: request.unit ?? null,
      challengerPercent: request.challengerPercent ?? null,
      championDocumentId: request.champion.documentId,
      championVersion: request.champion.version,
      challengerDocumentId: request.challenger.documentId,
      challengerVersion: request.challenger.version,
    };
  }

  private auditable(e: ExperimentEntity) {
    return {
      key: e.key,
      name: e.name,
      champion: { documentId: e.championDocumentId, version: e.championVersion },
      challenger: { documentId: e.challengerDocumentId, version: e.challengerVersion },
      teamIds: e.teamIds,
      periods: e.periods,
      mode: e.mode,
      unit: e.unit,
      challengerPercent: e.challengerPercent,
      status: e.status,
    };
  }

  private async find(institutionId: string, id: string): Promise<ExperimentEntity> {
    const experiment = await this.experiments.findById(institutionId, id);
    if (!experiment) throw notFound('experiment', id);
    return experiment;
  }

  private async view(experiment: ExperimentEntity, tx?: Tx): Promise<ExperimentView> {
    return { experiment, documentKeys: await this.experiments.documentKeys(experiment.institutionId, [experiment.championDocumentId, experiment.challengerDocumentId], tx) };
  }
}
