import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type CompiledScheme, compileScheme, type Scorecard, type SchemeDocument, type SchemeDocumentInput } from '@carescore/engine';
import type { Tx } from '../../database/transaction';
import type { EvaluationRunEntity } from '../evaluations/evaluation-run.entity';
import { type ChunkMember, EvaluationsRepository } from '../evaluations/evaluations.repository';
import { RunInputProviders } from '../evaluations/run-input-providers';
import { RunSucceededListeners } from '../evaluations/run-succeeded-listeners';
import type { FactInputs } from '../facts/fact.entity';
import type { ExperimentEntity } from './experiment.entity';
import { ExperimentsRepository, type ShadowScorecardWrite } from './experiments.repository';

function historyDepth(document: SchemeDocument): number {
  return Math.max(1, ...document.tiers.map((tier) => (tier.promotion ? tier.promotion.consecutivePeriods - 1 : 0)));
}

/**
 * Shadow mode: when a run succeeds, every running shadow experiment covering its period evaluates
 * its challenger over the staff the run scored with the champion version (within the experiment's
 * population), from the same facts and derived inputs the planner reads, team means over the same
 * staff and history from the current scorecards of earlier periods. The results go to
 * `experiment_scorecards`, never to `scorecards`.
 *
 * Runs inside the transaction that makes the run current (a RunSucceededListener), so the shadow
 * results land with the official ones or not at all; an experiment that fails is rolled back to
 * its savepoint and skipped, so it never fails the run. Cost: one staff+facts read, the engine over
 * the population once more, one batched INSERT per 1 000 staff. Measured on PostgreSQL with 3 000
 * staff (20 teams): 1.8–2.6 s added to the final transaction, of which ≈ 1.5–1.8 s is the INSERT
 * (the run's own scorecard write took 1.4–1.7 s) and ≈ 0.1–0.4 s reads and evaluation. Fine at
 * that size; for tens of thousands of staff a pending job processed after commit would keep the
 * period's lock short (not built).
 */
@Injectable()
export class ShadowEvaluation implements OnModuleInit {
  private readonly logger = new Logger(ShadowEvaluation.name);
  private readonly compiled = new Map<string, CompiledScheme>();

  constructor(
    @Inject(RunSucceededListeners) private readonly listeners: RunSucceededListeners,
    @Inject(RunInputProviders) private readonly inputProviders: RunInputProviders,
    @Inject(EvaluationsRepository) private readonly runs: EvaluationsRepository,
    @Inject(ExperimentsRepository) private readonly experiments: ExperimentsRepository,
  ) {}

  onModuleInit(): void {
    this.listeners.register(async (run, tx) => {
      await this.evaluate(run, tx);
    });
  }

  /** Evaluates every running shadow experiment of the run's period; returns the number of shadow scorecards stored. */
  async evaluate(run: EvaluationRunEntity, tx: Tx): Promise<number> {
    const experiments = await this.experiments.runningShadow(run.institutionId, run.period, tx);
    if (experiments.length === 0) return 0;
    const started = performance.now();
    const evaluated = await this.experiments.evaluatedStaff(run.id, tx);
    const facts = new Map((await this.runs.staffInScope(run.institutionId, run.period, run.teamId, tx)).map((member) => [member.id, member.inputs]));
    let stored = 0;
    for (const [index, experiment] of experiments.entries()) {
      // A savepoint per experiment: a challenger that fails (say, a version an engine upgrade no
      // longer compiles) is logged and skipped, and never fails the official run.
      const savepoint = `shadow_${index}`;
      await tx.query(`SAVEPOINT ${savepoint}`);
      try {
        stored += await this.evaluateOne(experiment, run, evaluated, facts, tx);
        await tx.query(`RELEASE SAVEPOINT ${savepoint}`);
      } catch (error) {
        await tx.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        this.logger.warn(`shadow evaluation of experiment ${experiment.key} (${experiment.id}) for run ${run.id} failed and was skipped: ${(error as Error).message}`);
      }
    }
    this.logger.log(`shadow evaluation of run ${run.id}: ${stored} scorecards for ${experiments.length} experiment(s) in ${Math.round(performance.now() - started)} ms`);
    return stored;
  }

  private async evaluateOne(
    experiment: ExperimentEntity,
    run: EvaluationRunEntity,
    evaluated: Awaited<ReturnType<ExperimentsRepository['evaluatedStaff']>>,
    facts: Map<string, FactInputs | null>,
    tx: Tx,
  ): Promise<number> {
    const teams = experiment.teamIds ? new Set(experiment.teamIds) : null;
    const members = evaluated.filter((member) => member.documentVersionId === experiment.championVersionId && (teams === null || (member.teamId !== null && teams.has(member.teamId))));
    if (members.length === 0) return 0;
    const scheme = await this.scheme(experiment.challengerVersionId, tx);
    const declared = new Map(Object.entries(scheme.document.inputs));
    const derived = await this.inputProviders.collect({ institutionId: run.institutionId, period: run.period, staffIds: members.map((member) => member.id), declared }, tx);
    const population: ChunkMember[] = members.map((member) => {
      const stored = facts.get(member.id) ?? null;
      const extra = derived.get(member.id);
      const accepted: FactInputs = {};
      for (const [name, value] of Object.entries(extra ?? {})) {
        const declaration = declared.get(name);
        if (declaration && (declaration.type === 'number[]') === Array.isArray(value)) accepted[name] = value;
      }
      return { id: member.id, staffId: member.code, team: member.teamId, tier: member.tier, inputs: { ...accepted, ...(stored ?? {}) } };
    });
    const codes = new Map(population.map((member) => [member.id, member.staffId]));
    const history: Scorecard[] = (await this.runs.history(run.institutionId, [...codes.keys()], run.period, historyDepth(scheme.document), tx)).map(({ staffId, result }) => ({
      ...result,
      staffId: codes.get(staffId) as string,
    }));
    const teamMeans = scheme.usesTeamMeans ? scheme.teamMeans(population) : {};
    const scorecards = scheme.evaluate(population, { period: run.period, history, teamMeans });
    const rows: ShadowScorecardWrite[] = scorecards.map((result, i) => ({
      staffId: population[i].id,
      teamId: population[i].team ?? null,
      documentVersionId: experiment.challengerVersionId,
      schemeKey: scheme.document.key,
      schemeVersion: experiment.challengerVersion,
      result,
    }));
    await this.experiments.insertShadowScorecards(run.institutionId, experiment.id, run.id, run.period, rows, tx);
    return rows.length;
  }

  private async scheme(versionId: string, tx: Tx): Promise<CompiledScheme> {
    let scheme = this.compiled.get(versionId);
    if (!scheme) {
      scheme = compileScheme((await this.experiments.versionContent(versionId, tx)) as SchemeDocumentInput);
      if (this.compiled.size >= 32) this.compiled.delete(this.compiled.keys().next().value as string);
      this.compiled.set(versionId, scheme);
    }
    return scheme;
  }
}
