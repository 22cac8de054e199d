import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { canonicalJson, type CompiledScheme, DocumentInvalidError, type InputDeclaration, type SchemeDocument, type TeamMeans, type ValidationIssue } from '@carescore/engine';
import { SchemeEvaluator } from '../../common/evaluation-threads/scheme-evaluator';
import { apiIssue } from '../../common/i18n/messages';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { BindingsService } from '../bindings/bindings.service';
import { CompiledSchemes } from './compiled-schemes';
import type { FactInputs } from '../facts/fact.entity';
import { RunFollowUps } from './run-follow-ups';
import { RunInputProviders } from './run-input-providers';
import { type RunPlanContribution, RunPlanListeners } from './run-plan-listeners';
import { type RunPinOverride, RunPinOverrides } from './run-pin-overrides';
import { RunFailedListeners } from './run-failed-listeners';
import { RunSucceededListeners } from './run-succeeded-listeners';
import type { EvaluationRunEntity, RunPin, RunPinOverrideSummary } from './evaluation-run.entity';
import { type ChunkMember, EvaluationsRepository, type ScorecardWrite, type StaffInScope } from './evaluations.repository';

export type ChunkOutcome = 'skipped' | 'done' | 'succeeded';

/** How many earlier periods a scheme looks back: `previous`, and promotion over consecutive periods. */
function historyDepth(document: SchemeDocument): number {
  return Math.max(1, ...document.tiers.map((tier) => (tier.promotion ? tier.promotion.consecutivePeriods - 1 : 0)));
}

const teamKey = (teamId: string | null) => teamId ?? '';

/**
 * The processor of evaluation runs, shared by the BullMQ workers and the in-process queue.
 *
 * `plan` reads the run's staff and facts once, pins the bound scheme version per team, asks
 * RunPinOverrides which staff another version scores (a split experiment's challenger arm),
 * computes the team means conditions need over the whole population and splits the staff into
 * chunks, each member carrying its own version when it is not its team's.
 * `processChunk` evaluates one chunk and writes its scorecards in one transaction; the one that
 * completes the last chunk makes the run's scorecards current. Every step is idempotent: a chunk
 * given twice (a worker that died after committing, a duplicate delivery) is done once.
 */
@Injectable()
export class RunEvaluation {
  constructor(
    @Inject(EvaluationsRepository) private readonly runs: EvaluationsRepository,
    @Inject(BindingsService) private readonly bindings: BindingsService,
    @Inject(CompiledSchemes) private readonly schemes: CompiledSchemes,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RunSucceededListeners) private readonly succeeded: RunSucceededListeners,
    @Inject(RunFailedListeners) private readonly failed: RunFailedListeners,
    @Inject(RunInputProviders) private readonly inputProviders: RunInputProviders,
    @Inject(RunPinOverrides) private readonly pinOverrides: RunPinOverrides,
    @Inject(RunPlanListeners) private readonly planListeners: RunPlanListeners,
    @Inject(SchemeEvaluator) private readonly evaluator: SchemeEvaluator,
    /** Public for the queues, which run what other modules do after a run succeeds. */
    @Inject(RunFollowUps) readonly followUps: RunFollowUps,
  ) {}

  /** Plans a queued run; returns the indexes of its chunks still to do (none when the run has ended). */
  async plan(runId: string): Promise<number[]> {
    const started = performance.now();
    return this.transactions.run(async (tx) => {
      const run = await this.runs.lockRun(runId, tx);
      if (!run) return [];
      if (run.status === 'running') return this.runs.pendingChunks(runId, tx);
      if (run.status !== 'queued') return [];
      if (run.basisRunId !== null && run.staffIds !== null) return this.planCorrection(run, run.basisRunId, run.staffIds, started, tx);

      const staff = await this.runs.staffInScope(run.institutionId, run.period, run.teamId, tx);
      const { pins, errors } = await this.pin(run, staff, tx);
      const pinned = staff.filter((member) => pins.has(teamKey(member.teamId)));
      if (pinned.length === 0) {
        const reason = staff.length === 0 ? 'there are no active staff to evaluate' : 'no staff member has a scheme bound to this period';
        await this.runs.fail(runId, [...errors, { path: 'run', message: reason }], tx);
        await this.failed.notify(runId, tx);
        return [];
      }

      const teamVersion = (member: StaffInScope) => (pins.get(teamKey(member.teamId)) as RunPin).documentVersionId;
      const compiled = await this.schemes.get([...pins.values()].map((pin) => pin.documentVersionId), tx);
      const overrides = await this.overrides(run, pinned, teamVersion, compiled, errors, tx);
      const versionOf = (member: StaffInScope) => overrides.get(member.id)?.documentVersionId ?? teamVersion(member);
      for (const pin of pins.values()) pin.key = (compiled.get(pin.documentVersionId) as CompiledScheme).document.key;
      const contributions = await this.planListeners.prepare(run, tx);
      const { inputsOf, derived } = await this.derivedInputs(run, pinned, compiled, contributions, tx);
      const population: ChunkMember[] = pinned.map((member) => {
        const chunkMember: ChunkMember = { id: member.id, staffId: member.code, team: member.teamId, tier: member.tier, inputs: inputsOf(member, versionOf(member)) };
        const override = overrides.get(member.id);
        if (override) {
          if (override.documentVersionId !== teamVersion(member)) chunkMember.versionId = override.documentVersionId;
          chunkMember.experiment = override.experiment;
        }
        return chunkMember;
      });
      const teamMeans = this.teamMeans(pinned, population, versionOf, inputsOf, compiled);
      if (contributions.length > 0) {
        const planned = pinned.map((member) => ({ id: member.id, code: member.code, teamId: member.teamId, tier: member.tier, facts: member.inputs, derived: derived.get(member.id) ?? {}, documentVersionId: versionOf(member) }));
        for (const contribution of contributions) await contribution.planned(planned, tx);
      }
      const size = this.config.evaluationChunkSize;
      const chunks: ChunkMember[][] = [];
      for (let i = 0; i < population.length; i += size) chunks.push(population.slice(i, i + size));

      await this.runs.savePlan(
        runId,
        {
          total: population.length,
          pins: [...pins.values()],
          overrides: this.overrideSummary(population, pins, compiled),
          teamMeans,
          inputsDigest: this.digest(run.period, pins, population),
          errors,
          summary: { withoutFacts: pinned.filter((member) => member.inputs === null).length },
          planMs: Math.round(performance.now() - started),
          chunks,
        },
        tx,
      );
      return chunks.map((_, index) => index);
    });
  }

  /**
   * A correction run: only the named staff, each by the version that scored them in the basis run,
   * with the basis run's team means, so that a corrected fact moves nobody else (zones and hints that
   * compare with the team keep comparing with the team as it was evaluated). One chunk.
   */
  private async planCorrection(run: EvaluationRunEntity, basisRunId: string, staffIds: string[], started: number, tx: Tx): Promise<number[]> {
    const basis = await this.runs.findRunById(basisRunId, tx);
    if (!basis || basis.status !== 'succeeded') {
      await this.runs.fail(run.id, [apiIssue('run', 'runs.correction_basis_failed', { basis: basisRunId })], tx);
      await this.failed.notify(run.id, tx);
      return [];
    }
    const wanted = new Set(staffIds);
    const versions = await this.runs.versionsInRun(basisRunId, staffIds, tx);
    const staff = (await this.runs.staffInScope(run.institutionId, run.period, null, tx, staffIds)).filter((member) => wanted.has(member.id) && versions.has(member.id));
    if (staff.length === 0) {
      await this.runs.fail(run.id, [apiIssue('run', 'runs.correction_no_scorecards', { basis: basisRunId })], tx);
      await this.failed.notify(run.id, tx);
      return [];
    }
    const versionOf = (member: StaffInScope) => versions.get(member.id) as string;
    const compiled = await this.schemes.get(new Set(staff.map(versionOf)), tx);
    const { inputsOf } = await this.derivedInputs(run, staff, compiled, [], tx);
    const population: ChunkMember[] = staff.map((member) => ({ id: member.id, staffId: member.code, team: member.teamId, tier: member.tier, inputs: inputsOf(member, versionOf(member)), versionId: versionOf(member) }));
    const pins = new Map(basis.pins.map((pin) => [teamKey(pin.teamId), pin]));
    await this.runs.savePlan(
      run.id,
      {
        total: population.length,
        pins: basis.pins,
        overrides: basis.overrides ?? [],
        teamMeans: basis.teamMeans,
        inputsDigest: this.digest(run.period, pins, population),
        errors: [],
        summary: { withoutFacts: staff.filter((member) => member.inputs === null).length },
        planMs: Math.round(performance.now() - started),
        chunks: [population],
      },
      tx,
    );
    return [0];
  }

  /** Evaluates one chunk and stores its scorecards; finishing the last chunk finishes the run. */
  async processChunk(runId: string, index: number, worker: string): Promise<ChunkOutcome> {
    return this.transactions.run(async (tx) => {
      const chunk = await this.runs.lockChunk(runId, index, tx);
      if (!chunk || chunk.status === 'done' || chunk.population === null) return 'skipped';
      const run = await this.runs.findRunById(runId, tx);
      if (!run || run.status !== 'running') return 'skipped';

      const started = performance.now();
      const population = chunk.population;
      const pinByTeam = new Map(run.pins.map((pin) => [teamKey(pin.teamId), pin]));
      const versionOf = (member: ChunkMember) => member.versionId ?? (pinByTeam.get(teamKey(member.team ?? null)) as RunPin).documentVersionId;
      const groups = new Map<string, ChunkMember[]>();
      for (const member of population) {
        const group = groups.get(versionOf(member));
        if (group) group.push(member);
        else groups.set(versionOf(member), [member]);
      }
      const compiled = await this.schemes.get(groups.keys(), tx);
      const depth = Math.max(...[...compiled.values()].map((scheme) => historyDepth(scheme.document)));
      const codes = new Map(population.map((member) => [member.id, member.staffId]));
      const storedHistory = (await this.runs.historyText(run.institutionId, [...codes.keys()], run.period, depth, tx)).map(({ staffId, result }) => ({
        // Staff are found by their row id; a code changed since then must not hide their history.
        staffId: codes.get(staffId) as string,
        result,
      }));

      // Key and version number per version id: from the team pins and from the overrides the plan recorded.
      const versions = new Map<string, { key: string; version: number }>([...(run.overrides ?? []), ...run.pins].map((pin) => [pin.documentVersionId, { key: pin.key, version: pin.version }]));
      const rows: ScorecardWrite[] = [];
      // The whole chunk in one thread call, under one budget (see SchemeEvaluator).
      const evaluatedGroups = await this.evaluator.evaluateChunk(
        [...groups].map(([versionId, members]) => ({ scheme: compiled.get(versionId) as CompiledScheme, key: versionId, population: members, teamMeans: run.teamMeans[versionId] ?? {} })),
        { period: run.period, storedHistory },
        `chunk ${index + 1} of the run (${population.length} staff)`,
      );
      for (const [g, [versionId, members]] of [...groups].entries()) {
        const { key, version } = versions.get(versionId) as { key: string; version: number };
        const scorecards = evaluatedGroups[g];
        scorecards.forEach((result, i) =>
          rows.push({
            staffId: members[i].id,
            teamId: members[i].team ?? null,
            documentVersionId: versionId,
            schemeKey: key,
            schemeVersion: version,
            result,
            experiment: members[i].experiment ?? null,
          }),
        );
      }
      const evaluated = performance.now();
      await this.runs.insertScorecards(run.institutionId, run.id, run.period, rows, tx);
      const progress = await this.runs.completeChunk(runId, index, worker, rows.length, evaluated - started, performance.now() - evaluated, tx);
      if (progress.chunksDone < progress.chunkCount) return 'done';
      await this.runs.succeed(run, tx);
      await this.succeeded.notify(run, tx);
      return 'succeeded';
    });
  }

  /** Gives up on a run: it ends failed with the reason, and none of its scorecards remain. */
  async fail(runId: string, message: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.runs.fail(runId, [{ path: 'run', message }], tx);
      await this.failed.notify(runId, tx);
    });
  }

  noteRetry(runId: string, message: string): Promise<void> {
    return this.runs.noteRetry(runId, message);
  }

  /**
   * Inputs other modules derive for the run's staff (feedback → likert/nps, cases → cases_opened, …;
   * see RunInputProviders): a member gets those the scheme version scoring them declares, of the
   * declared type, under its stored facts (a stored input wins). Asked once for every version and
   * for the inputs plan listeners declare (shadow challengers), so all of them read one snapshot.
   */
  private async derivedInputs(
    run: EvaluationRunEntity,
    staff: StaffInScope[],
    compiled: Map<string, CompiledScheme>,
    contributions: readonly RunPlanContribution[],
    tx: Tx,
  ): Promise<{ inputsOf: (member: StaffInScope, versionId: string) => FactInputs; derived: Map<string, FactInputs> }> {
    const declared = new Map<string, InputDeclaration>();
    for (const contribution of contributions) for (const [name, declaration] of contribution.declared) declared.set(name, declaration);
    // The pinned versions' declarations win a name declared twice.
    for (const scheme of compiled.values()) for (const [name, declaration] of Object.entries(scheme.document.inputs)) declared.set(name, declaration);
    const derived = await this.inputProviders.collect({ institutionId: run.institutionId, period: run.period, staffIds: staff.map((member) => member.id), declared }, tx);
    const inputsOf = (member: StaffInScope, versionId: string): FactInputs => {
      const extra = derived.get(member.id);
      if (!extra) return member.inputs ?? {};
      const inputs = (compiled.get(versionId) as CompiledScheme).document.inputs;
      const accepted: FactInputs = {};
      for (const [name, value] of Object.entries(extra)) {
        if (inputs[name] && (inputs[name].type === 'number[]') === Array.isArray(value)) accepted[name] = value;
      }
      return { ...accepted, ...(member.inputs ?? {}) };
    };
    return { inputsOf, derived };
  }

  /**
   * Per-staff versions other modules choose (see RunPinOverrides), with their versions compiled into
   * `compiled`. A version that no longer compiles (an engine upgrade can leave one) must not fail
   * the official run: the staff of the experiment that chose it keep their team's pin, untagged,
   * and the run's errors say so.
   */
  private async overrides(
    run: EvaluationRunEntity,
    staff: StaffInScope[],
    teamVersion: (member: StaffInScope) => string,
    compiled: Map<string, CompiledScheme>,
    errors: ValidationIssue[],
    tx: Tx,
  ): Promise<Map<string, RunPinOverride>> {
    const overrides = await this.pinOverrides.collect({ institutionId: run.institutionId, period: run.period, staff: staff.map((member) => ({ id: member.id, teamId: member.teamId, documentVersionId: teamVersion(member) })) }, tx);
    const failed = new Set<string>();
    for (const versionId of new Set([...overrides.values()].map((override) => override.documentVersionId))) {
      if (compiled.has(versionId)) continue;
      try {
        compiled.set(versionId, (await this.schemes.get([versionId], tx)).get(versionId) as CompiledScheme);
      } catch (error) {
        if (!(error instanceof DocumentInvalidError)) throw error;
        for (const experimentId of new Set([...overrides.values()].filter((override) => override.documentVersionId === versionId).map((override) => override.experiment.id))) {
          failed.add(experimentId);
          errors.push({ path: `experiments.${experimentId}`, message: `version ${versionId} chosen by experiment ${experimentId} could not be compiled (${(error as Error).message}); its staff were scored by their binding` });
        }
      }
    }
    // Both arms of such an experiment go untagged, so neither is counted as its outcome.
    return failed.size === 0 ? overrides : new Map([...overrides].filter(([, override]) => !failed.has(override.experiment.id)));
  }

  /** The bound version per team present among the staff; teams without one are reported, not evaluated. */
  private async pin(run: EvaluationRunEntity, staff: StaffInScope[], tx: Tx): Promise<{ pins: Map<string, RunPin>; errors: ValidationIssue[] }> {
    const names = await this.runs.teamNames(run.institutionId, tx);
    const counts = new Map<string | null, number>();
    for (const member of staff) counts.set(member.teamId, (counts.get(member.teamId) ?? 0) + 1);
    const pins = new Map<string, RunPin>();
    const errors: ValidationIssue[] = [];
    for (const [teamId, count] of counts) {
      const teamName = teamId === null ? null : (names.get(teamId) ?? null);
      const binding = await this.bindings.resolve(run.institutionId, run.period, teamId, tx);
      if (!binding) {
        const path = teamId === null ? 'teams.none' : `teams.${teamId}`;
        errors.push(teamName === null ? apiIssue(path, 'runs.unbound_no_team', { period: run.period, count }) : apiIssue(path, 'runs.unbound_team', { period: run.period, team: teamName, count }));
        continue;
      }
      pins.set(teamKey(teamId), { teamId, teamName, documentId: binding.documentId, documentVersionId: binding.documentVersionId, key: '', version: binding.version, staff: count });
    }
    return { pins, errors };
  }

  /**
   * Team means over the whole run, per version, so that every chunk compares staff with their whole
   * team: a version's means cover every member of each team where it scores someone, with the
   * inputs that version reads. So a split experiment's challenger arm sees the same team means as
   * shadow mode would give it, and its champion arm the same as without the experiment.
   */
  private teamMeans(
    staff: StaffInScope[],
    population: ChunkMember[],
    versionOf: (member: StaffInScope) => string,
    inputsOf: (member: StaffInScope, versionId: string) => FactInputs,
    compiled: Map<string, CompiledScheme>,
  ): Record<string, TeamMeans> {
    const teamsByVersion = new Map<string, Set<string>>();
    for (const member of staff) {
      const teams = teamsByVersion.get(versionOf(member));
      if (teams) teams.add(teamKey(member.teamId));
      else teamsByVersion.set(versionOf(member), new Set([teamKey(member.teamId)]));
    }
    const means: Record<string, TeamMeans> = {};
    for (const [versionId, teams] of teamsByVersion) {
      const scheme = compiled.get(versionId) as CompiledScheme;
      if (!scheme.usesTeamMeans) continue;
      const members = staff.flatMap((member, i) => {
        if (!teams.has(teamKey(member.teamId))) return [];
        return versionOf(member) === versionId ? [population[i]] : [{ ...population[i], inputs: inputsOf(member, versionId) }];
      });
      means[versionId] = scheme.teamMeans(members);
    }
    return means;
  }

  /** Staff per experiment, arm and version among the population, for the run's record. */
  private overrideSummary(population: ChunkMember[], pins: Map<string, RunPin>, compiled: Map<string, CompiledScheme>): RunPinOverrideSummary[] {
    const summaries = new Map<string, RunPinOverrideSummary>();
    for (const member of population) {
      if (!member.experiment) continue;
      const documentVersionId = member.versionId ?? (pins.get(teamKey(member.team ?? null)) as RunPin).documentVersionId;
      const id = `${member.experiment.id}:${member.experiment.arm}:${documentVersionId}`;
      const summary = summaries.get(id);
      if (summary) summary.staff += 1;
      else {
        const document = (compiled.get(documentVersionId) as CompiledScheme).document;
        summaries.set(id, { experimentId: member.experiment.id, arm: member.experiment.arm, documentVersionId, key: document.key, version: document.version as number, staff: 1 });
      }
    }
    return [...summaries.values()];
  }

  private digest(period: string, pins: Map<string, RunPin>, population: ChunkMember[]): string {
    const pinned = [...pins.values()].map((pin) => [pin.teamId, pin.documentVersionId]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    // A member's own version and arm only when an override set them, so runs without one keep their digest.
    const staff = population.map((member) => {
      const facts = [member.staffId, member.team ?? null, member.tier ?? null, member.inputs ?? {}];
      return member.experiment ? [...facts, member.versionId ?? null, member.experiment.id, member.experiment.arm] : facts;
    });
    return createHash('sha256').update(canonicalJson({ period, pins: pinned, staff })).digest('hex');
  }
}
