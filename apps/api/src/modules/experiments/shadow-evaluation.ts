import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type CompiledScheme, compileScheme, DocumentInvalidError, type InputDeclaration, type SchemeDocument, type SchemeDocumentInput, type TeamMeans } from '@carescore/engine';
import { EvaluationLimitExceeded, SchemeEvaluator } from '../../common/evaluation-threads/scheme-evaluator';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { TransactionRunner, type Tx } from '../../database/transaction';
import type { EvaluationRunEntity } from '../evaluations/evaluation-run.entity';
import { type ChunkMember, EvaluationsRepository } from '../evaluations/evaluations.repository';
import { type FollowUpJob, type RunFollowUp, RunFollowUps } from '../evaluations/run-follow-ups';
import { type PlannedMember, type RunPlanContribution, RunPlanListeners } from '../evaluations/run-plan-listeners';
import { RunSucceededListeners } from '../evaluations/run-succeeded-listeners';
import type { FactInputs } from '../facts/fact.entity';
import type { ExperimentEntity } from './experiment.entity';
import { ExperimentsRepository, type ShadowScorecardWrite } from './experiments.repository';
import { ShadowRunsRepository } from './shadow-runs.repository';

function historyDepth(document: SchemeDocument): number {
  return Math.max(1, ...document.tiers.map((tier) => (tier.promotion ? tier.promotion.consecutivePeriods - 1 : 0)));
}

/** BullMQ job name; the job id is unique per experiment and run. */
export const SHADOW_JOB = 'shadow';
export const shadowJobId = (experimentId: string, runId: string) => `shadow-${experimentId}-${runId}`;

/** A challenger version that does not compile: retrying cannot help. */
class ChallengerInvalid extends Error {}

/**
 * Shadow mode: every running shadow experiment covering a run's period evaluates its challenger
 * over the staff the run scores with the champion version (within the experiment's population),
 * with team means over those staff and history from the current scorecards of earlier periods.
 * The results go to `experiment_scorecards`, never to `scorecards`.
 *
 * In three steps, so the run's final transaction (which holds the period's lock) stays short:
 * 1. When the run is planned (a RunPlanListener), the challenger's population is captured from the
 *    same read as the run's own: the stored facts and the derived inputs of one snapshot, so both
 *    arms see the same inputs however long the run takes. Stored in chunks, `planned`.
 * 2. When the run succeeds (a RunSucceededListener), one UPDATE makes the work `pending`.
 * 3. After the commit a `shadow` job (RunFollowUps: BullMQ with REDIS_URL, else in-process) evaluates
 *    it chunk by chunk, a transaction each; a chunk done is never done again and inserts ignore
 *    rows already there, so a repeated or resumed job writes nothing twice. Retried like chunks;
 *    a challenger that still fails (or does not compile) leaves the work `failed` with the reason,
 *    its partial results removed, and the official scorecards untouched. Work left pending by a
 *    crash is queued again at start.
 */
@Injectable()
export class ShadowEvaluation implements OnModuleInit, RunFollowUp {
  readonly name = SHADOW_JOB;
  private readonly logger = new Logger(ShadowEvaluation.name);
  private readonly compiled = new Map<string, CompiledScheme>();

  constructor(
    @Inject(RunPlanListeners) private readonly planListeners: RunPlanListeners,
    @Inject(RunSucceededListeners) private readonly succeededListeners: RunSucceededListeners,
    @Inject(RunFollowUps) private readonly followUps: RunFollowUps,
    @Inject(EvaluationsRepository) private readonly runs: EvaluationsRepository,
    @Inject(ExperimentsRepository) private readonly experiments: ExperimentsRepository,
    @Inject(ShadowRunsRepository) private readonly shadowRuns: ShadowRunsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SchemeEvaluator) private readonly evaluator: SchemeEvaluator,
  ) {}

  onModuleInit(): void {
    this.planListeners.register((run, tx) => this.prepare(run, tx));
    this.succeededListeners.register((run, tx) => this.shadowRuns.markDue(run, tx));
    this.followUps.register(this);
  }

  // ---------------------------------------------------------------- 1. with the run's plan

  private async prepare(run: EvaluationRunEntity, tx: Tx): Promise<RunPlanContribution | null> {
    const experiments = await this.experiments.runningShadow(run.institutionId, run.period, tx);
    if (experiments.length === 0) return null;
    const declarations = new Map<string, Map<string, InputDeclaration>>();
    const declared = new Map<string, InputDeclaration>();
    for (const experiment of experiments) {
      // Read, not compiled: a challenger that does not compile fails its job, never the plan.
      const inputs = declaredInputs(await this.experiments.versionContent(experiment.challengerVersionId, tx));
      declarations.set(experiment.id, inputs);
      for (const [name, declaration] of inputs) if (!declared.has(name)) declared.set(name, declaration);
    }
    return { declared, planned: (members, planTx) => this.capture(run, experiments, declarations, members, planTx) };
  }

  private async capture(run: EvaluationRunEntity, experiments: ExperimentEntity[], declarations: Map<string, Map<string, InputDeclaration>>, members: readonly PlannedMember[], tx: Tx): Promise<void> {
    for (const [index, experiment] of experiments.entries()) {
      const work = { experimentId: experiment.id, runId: run.id, institutionId: run.institutionId, period: run.period };
      // A savepoint per experiment: one that cannot be recorded is marked failed and never fails the plan.
      const savepoint = `shadow_plan_${index}`;
      await tx.query(`SAVEPOINT ${savepoint}`);
      try {
        const population = challengerPopulation(experiment, declarations.get(experiment.id) as Map<string, InputDeclaration>, members);
        const size = this.config.evaluationChunkSize;
        const chunks: ChunkMember[][] = [];
        for (let i = 0; i < population.length; i += size) chunks.push(population.slice(i, i + size));
        await this.shadowRuns.insertPlanned(work, chunks, tx);
        await tx.query(`RELEASE SAVEPOINT ${savepoint}`);
      } catch (error) {
        await tx.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        this.logger.warn(`shadow work of experiment ${experiment.key} (${experiment.id}) for run ${run.id} could not be recorded: ${(error as Error).message}`);
        await this.shadowRuns.insertFailed(work, `could not be recorded with the run's plan: ${(error as Error).message}`, tx);
      }
    }
  }

  // ---------------------------------------------------------------- 3. the job (RunFollowUp)

  async due(runId: string): Promise<FollowUpJob[]> {
    return (await this.shadowRuns.open(runId)).map((work) => this.job(work.experimentId, work.runId));
  }

  async open(): Promise<FollowUpJob[]> {
    return (await this.shadowRuns.open()).map((work) => this.job(work.experimentId, work.runId));
  }

  /** Evaluates the challenger over the captured population, chunk by chunk; returns what it did. */
  async process(data: Record<string, string>): Promise<string> {
    const { experimentId, runId } = data;
    if (!(await this.shadowRuns.start(experimentId, runId))) return 'skipped';
    const run = await this.runs.findRunById(runId);
    const experiment = run ? await this.experiments.findById(run.institutionId, experimentId) : null;
    if (!run || !experiment) throw new ChallengerInvalid(`run ${runId} or experiment ${experimentId} no longer exists`);
    const started = performance.now();
    const scheme = await this.scheme(experiment.challengerVersionId);
    const teamMeans = scheme.usesTeamMeans ? scheme.teamMeans(await this.shadowRuns.population(experimentId, runId)) : {};
    for (const index of await this.shadowRuns.pendingChunks(experimentId, runId)) {
      await this.transactions.run(async (tx) => {
        const population = await this.shadowRuns.lockPendingChunk(experimentId, runId, index, tx);
        if (!population) return;
        await this.evaluateChunk(run, experiment, scheme, teamMeans, population, tx);
        await this.shadowRuns.completeChunk(experimentId, runId, index, tx);
      });
    }
    const stored = await this.shadowRuns.finish(experimentId, runId);
    this.logger.log(`shadow evaluation of experiment ${experiment.key} for run ${runId}: ${stored} scorecards in ${Math.round(performance.now() - started)} ms`);
    return `${stored} scorecards`;
  }

  isPermanent(error: unknown): boolean {
    return error instanceof ChallengerInvalid || error instanceof EvaluationLimitExceeded;
  }

  async fail(data: Record<string, string>, message: string): Promise<void> {
    this.logger.warn(`shadow evaluation of experiment ${data.experimentId} for run ${data.runId} failed: ${message}`);
    await this.transactions.run((tx) => this.shadowRuns.fail(data.experimentId, data.runId, message, tx));
  }

  noteRetry(data: Record<string, string>, message: string): Promise<void> {
    return this.shadowRuns.noteRetry(data.experimentId, data.runId, message);
  }

  private job(experimentId: string, runId: string): FollowUpJob {
    return { name: SHADOW_JOB, jobId: shadowJobId(experimentId, runId), data: { experimentId, runId } };
  }

  private async evaluateChunk(run: EvaluationRunEntity, experiment: ExperimentEntity, scheme: CompiledScheme, teamMeans: TeamMeans, population: ChunkMember[], tx: Tx): Promise<void> {
    const codes = new Map(population.map((member) => [member.id, member.staffId]));
    const storedHistory = (await this.runs.historyText(run.institutionId, [...codes.keys()], run.period, historyDepth(scheme.document), tx)).map(({ staffId, result }) => ({
      staffId: codes.get(staffId) as string,
      result,
    }));
    const [scorecards] = await this.evaluator.evaluateChunk([{ scheme, key: experiment.challengerVersionId, population, teamMeans }], { period: run.period, storedHistory }, `a chunk of the shadow evaluation (${population.length} staff)`);
    const rows: ShadowScorecardWrite[] = scorecards.map((result, i) => ({
      staffId: population[i].id,
      teamId: population[i].team ?? null,
      documentVersionId: experiment.challengerVersionId,
      schemeKey: scheme.document.key,
      schemeVersion: experiment.challengerVersion,
      result,
    }));
    await this.experiments.insertShadowScorecards(run.institutionId, experiment.id, run.id, run.period, rows, tx);
  }

  private async scheme(versionId: string): Promise<CompiledScheme> {
    let scheme = this.compiled.get(versionId);
    if (!scheme) {
      try {
        scheme = compileScheme((await this.experiments.versionContent(versionId)) as SchemeDocumentInput);
      } catch (error) {
        if (error instanceof DocumentInvalidError) throw new ChallengerInvalid(`challenger version ${versionId} could not be compiled: ${error.message}`);
        throw error;
      }
      if (this.compiled.size >= 32) this.compiled.delete(this.compiled.keys().next().value as string);
      this.compiled.set(versionId, scheme);
    }
    return scheme;
  }
}

/** The inputs a stored version declares, read without compiling it (malformed entries are skipped; compiling will say why). */
function declaredInputs(content: Record<string, unknown>): Map<string, InputDeclaration> {
  const inputs = content.inputs;
  const declared = new Map<string, InputDeclaration>();
  if (typeof inputs !== 'object' || inputs === null) return declared;
  for (const [name, declaration] of Object.entries(inputs)) {
    if (typeof declaration === 'object' && declaration !== null && typeof (declaration as { type?: unknown }).type === 'string') declared.set(name, declaration as InputDeclaration);
  }
  return declared;
}

/**
 * The staff the run scores with the champion version, within the experiment's teams, with the
 * inputs the challenger reads: the derived inputs it declares, of the declared type, under the
 * stored facts (a stored input wins), exactly as the planner gives a version its inputs.
 */
function challengerPopulation(experiment: ExperimentEntity, declared: Map<string, InputDeclaration>, members: readonly PlannedMember[]): ChunkMember[] {
  const teams = experiment.teamIds ? new Set(experiment.teamIds) : null;
  return members
    .filter((member) => member.documentVersionId === experiment.championVersionId && (teams === null || (member.teamId !== null && teams.has(member.teamId))))
    .map((member) => {
      const accepted: FactInputs = {};
      for (const [name, value] of Object.entries(member.derived)) {
        const declaration = declared.get(name);
        if (declaration && (declaration.type === 'number[]') === Array.isArray(value)) accepted[name] = value;
      }
      return { id: member.id, staffId: member.code, team: member.teamId, tier: member.tier, inputs: { ...accepted, ...(member.facts ?? {}) } };
    });
}
