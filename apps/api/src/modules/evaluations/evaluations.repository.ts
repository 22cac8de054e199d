import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Scorecard, StaffFacts, TeamMeans, ValidationIssue } from '@carescore/engine';
import type { ListQuery, Page } from '../../common/http/list-query';
import { pageOf } from '../../database/list-query-builder';
import type { Tx } from '../../database/transaction';
import type { FactInputs } from '../facts/fact.entity';
import type { StaffTier } from '../staff/staff.entity';
import { EvaluationRunEntity, type RunPin, type RunPinOverrideSummary, type RunSummary, type RunTimings } from './evaluation-run.entity';
import type { RunFilter } from './evaluations.dto';
import type { ExperimentArm } from './run-pin-overrides';
import { scorecardBatches } from './scorecard-batches';

const SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'r.id',
  period: 'r.period',
  status: 'r.status',
  createdAt: 'r.created_at',
  finishedAt: 'r.finished_at',
};

/** An active staff member in a run's scope, as the planner reads it. */
export interface StaffInScope {
  id: string;
  code: string;
  teamId: string | null;
  tier: StaffTier;
  inputs: FactInputs | null;
}

/**
 * A chunk's population: the engine's StaffFacts plus the staff member's row id and, when a
 * RunPinOverride chose it, the version that scores them (absent: their team's pin) and the
 * experiment arm to record on the scorecard.
 */
export interface ChunkMember extends StaffFacts {
  id: string;
  versionId?: string;
  experiment?: { id: string; arm: ExperimentArm };
}

export interface ChunkRow {
  index: number;
  status: 'pending' | 'done';
  population: ChunkMember[] | null;
  worker: string | null;
}

export interface ChunkState {
  index: number;
  staff: number;
  status: 'pending' | 'done';
  worker: string | null;
  finishedAt: Date | null;
}

export interface ScorecardWrite {
  staffId: string;
  teamId: string | null;
  documentVersionId: string;
  schemeKey: string;
  schemeVersion: number;
  result: Scorecard;
  /** The split experiment arm that chose the version, if any. */
  experiment?: { id: string; arm: ExperimentArm } | null;
}

export interface RunPlan {
  total: number;
  pins: RunPin[];
  overrides: RunPinOverrideSummary[];
  teamMeans: Record<string, TeamMeans>;
  inputsDigest: string;
  errors: ValidationIssue[];
  summary: RunSummary;
  planMs: number;
  chunks: ChunkMember[][];
}

@Injectable()
export class EvaluationsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private manager(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  async insertRun(run: Pick<EvaluationRunEntity, 'institutionId' | 'period' | 'teamId' | 'createdBy'> & Partial<Pick<EvaluationRunEntity, 'reason' | 'staffIds' | 'basisRunId'>>, tx: Tx): Promise<EvaluationRunEntity> {
    const repository = tx.getRepository(EvaluationRunEntity);
    const { id } = await repository.save(repository.create({ ...run, status: 'queued' }));
    // Read back for the columns the database fills in (counters, jsonb defaults, created_at).
    return repository.findOneByOrFail({ id });
  }

  findRun(institutionId: string, id: string, tx?: Tx): Promise<EvaluationRunEntity | null> {
    return this.manager(tx).getRepository(EvaluationRunEntity).findOneBy({ institutionId, id });
  }

  /** For workers, which act on a run id from the queue; the run carries its institution. */
  findRunById(id: string, tx?: Tx): Promise<EvaluationRunEntity | null> {
    return this.manager(tx).getRepository(EvaluationRunEntity).findOneBy({ id });
  }

  lockRun(id: string, tx: Tx): Promise<EvaluationRunEntity | null> {
    return tx.getRepository(EvaluationRunEntity).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :id', { id }).getOne();
  }

  /** A queued or running run of the same period and scope (null team = the whole institution). */
  findOpenRun(institutionId: string, period: string, teamId: string | null, tx: Tx): Promise<EvaluationRunEntity | null> {
    const qb = tx
      .getRepository(EvaluationRunEntity)
      .createQueryBuilder('r')
      .where('r.institution_id = :institutionId AND r.period = :period', { institutionId, period })
      .andWhere(`r.status IN ('queued', 'running')`);
    if (teamId === null) qb.andWhere('r.team_id IS NULL');
    else qb.andWhere('r.team_id = :teamId', { teamId });
    return qb.getOne();
  }

  /** Runs not yet finished, oldest first: what a restarted process picks up again. */
  async openRunIds(): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM evaluation_runs WHERE status IN ('queued', 'running') ORDER BY created_at`)) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  list(institutionId: string, query: ListQuery<RunFilter>): Promise<Page<EvaluationRunEntity>> {
    const qb = this.dataSource.getRepository(EvaluationRunEntity).createQueryBuilder('r').where('r.institution_id = :institutionId', { institutionId });
    const f = query.filter;
    if (f.id) qb.andWhere('r.id IN (:...ids)', { ids: f.id.length > 0 ? f.id : ['00000000-0000-0000-0000-000000000000'] });
    if (f.period) qb.andWhere('r.period = :period', { period: f.period });
    if (f.status) qb.andWhere('r.status = :status', { status: f.status });
    if (f.teamId === null) qb.andWhere('r.team_id IS NULL');
    else if (f.teamId) qb.andWhere('r.team_id = :teamId', { teamId: f.teamId });
    return pageOf(qb, query, SORT_COLUMNS);
  }

  /** The newest succeeded run of each period among `runs`' periods: which runs hold current results. */
  async newestSucceeded(institutionId: string, periods: readonly string[]): Promise<Map<string, string>> {
    if (periods.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (period) period, id FROM evaluation_runs
        WHERE institution_id = $1 AND period = ANY($2::text[]) AND status = 'succeeded' AND team_id IS NULL
        ORDER BY period, created_at DESC`,
      [institutionId, [...periods]],
    )) as Array<{ period: string; id: string }>;
    return new Map(rows.map((row) => [row.period, row.id]));
  }

  /**
   * Active staff of the institution (or of one team) with their facts for the period, if any.
   * Two plain queries joined here: right after a bulk upload the planner's statistics are stale,
   * and a LEFT JOIN then risks a nested loop over every staff × fact pair.
   */
  /** The active staff of the institution (or one team) with their facts of the period; only `staffIds` when given (a correction). */
  async staffInScope(institutionId: string, period: string, teamId: string | null, tx: Tx, staffIds?: readonly string[]): Promise<StaffInScope[]> {
    const params: unknown[] = [institutionId];
    const only = (column: string) => {
      if (!staffIds) return '';
      params.push([...staffIds]);
      return `AND ${column} = ANY($${params.length}::uuid[])`;
    };
    let where = only('id');
    if (teamId !== null) {
      params.push(teamId);
      where += ` AND team_id = $${params.length}`;
    }
    const staff = (await tx.query(`SELECT id, code, team_id AS "teamId", tier FROM staff WHERE institution_id = $1 AND active ${where} ORDER BY code`, params)) as Array<Omit<StaffInScope, 'inputs'>>;
    params.length = 1;
    params.push(period);
    const facts = (await tx.query(`SELECT staff_id AS "staffId", inputs FROM facts WHERE institution_id = $1 AND period = $2 ${only('staff_id')}`, params)) as Array<{
      staffId: string;
      inputs: FactInputs;
    }>;
    const inputs = new Map(facts.map((fact) => [fact.staffId, fact.inputs]));
    return staff.map((member) => ({ ...member, inputs: inputs.get(member.id) ?? null }));
  }

  /** The runs the staff's current scorecards of the period come from, with the version that scored each. */
  async currentScorecardsOf(institutionId: string, period: string, staffIds: readonly string[], tx: Tx): Promise<Array<{ staffId: string; runId: string; documentVersionId: string }>> {
    return (await tx.query(
      `SELECT staff_id AS "staffId", run_id AS "runId", document_version_id AS "documentVersionId" FROM scorecards WHERE institution_id = $1 AND period = $2 AND current AND staff_id = ANY($3::uuid[])`,
      [institutionId, period, [...staffIds]],
    )) as Array<{ staffId: string; runId: string; documentVersionId: string }>;
  }

  /** The version that scored each of the staff in a run. */
  async versionsInRun(runId: string, staffIds: readonly string[], tx: Tx): Promise<Map<string, string>> {
    const rows = (await tx.query(`SELECT staff_id AS "staffId", document_version_id AS "documentVersionId" FROM scorecards WHERE run_id = $1 AND staff_id = ANY($2::uuid[])`, [runId, [...staffIds]])) as Array<{ staffId: string; documentVersionId: string }>;
    return new Map(rows.map((row) => [row.staffId, row.documentVersionId]));
  }

  async teamNames(institutionId: string, tx: Tx): Promise<Map<string, string>> {
    const rows = (await tx.query(`SELECT id, name FROM teams WHERE institution_id = $1`, [institutionId])) as Array<{ id: string; name: string }>;
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Stored version contents with their version number and status put back (they are columns, not content). */
  async versionContents(ids: readonly string[], tx?: Tx): Promise<Map<string, Record<string, unknown>>> {
    const rows = (await this.manager(tx).query(`SELECT id, version, status, content FROM document_versions WHERE id = ANY($1::uuid[])`, [[...ids]])) as Array<{
      id: string;
      version: number;
      status: string;
      content: Record<string, unknown>;
    }>;
    return new Map(rows.map((row) => [row.id, { ...row.content, version: row.version, status: row.status }]));
  }

  /** Stores the plan and its chunks and marks the run running, in the caller's transaction. */
  async savePlan(runId: string, plan: RunPlan, tx: Tx): Promise<void> {
    if (plan.chunks.length > 0) {
      await tx.query(
        `INSERT INTO evaluation_chunks (run_id, index, staff_count, population)
         SELECT $1::uuid, (c->>'index')::int, (c->>'staff_count')::int, (c->'population')::jsonb FROM json_array_elements($2::json) AS c`,
        [runId, JSON.stringify(plan.chunks.map((population, index) => ({ index, staff_count: population.length, population })))],
      );
    }
    await tx.query(
      `UPDATE evaluation_runs
          SET status = 'running', total = $2, chunk_count = $3, pins = $4, team_means = $5, inputs_digest = $6, errors = $7, summary = $8, overrides = $10,
              started_at = now(), attempts = attempts + 1, updated_at = now(),
              timings = jsonb_build_object('queuedMs', round(extract(epoch FROM now() - created_at) * 1000), 'planMs', $9::numeric)
        WHERE id = $1`,
      [runId, plan.total, plan.chunks.length, JSON.stringify(plan.pins), JSON.stringify(plan.teamMeans), plan.inputsDigest, JSON.stringify(plan.errors), JSON.stringify(plan.summary), plan.planMs, JSON.stringify(plan.overrides)],
    );
  }

  async pendingChunks(runId: string, tx?: Tx): Promise<number[]> {
    const rows = (await this.manager(tx).query(`SELECT index FROM evaluation_chunks WHERE run_id = $1 AND status = 'pending' ORDER BY index`, [runId])) as Array<{ index: number }>;
    return rows.map((row) => row.index);
  }

  async chunkStates(runId: string): Promise<ChunkState[]> {
    return (await this.dataSource.query(
      `SELECT index, staff_count AS staff, status, worker, finished_at AS "finishedAt" FROM evaluation_chunks WHERE run_id = $1 ORDER BY index`,
      [runId],
    )) as ChunkState[];
  }

  /** Locks one chunk for the caller's transaction: a second worker given the same chunk waits, then finds it done. */
  async lockChunk(runId: string, index: number, tx: Tx): Promise<ChunkRow | null> {
    const rows = (await tx.query(`SELECT index, status, population, worker FROM evaluation_chunks WHERE run_id = $1 AND index = $2 FOR UPDATE`, [runId, index])) as ChunkRow[];
    return rows[0] ?? null;
  }

  /**
   * The current scorecards of the `depth` most recent earlier periods (of the same kind) of each
   * staff member, for `previous` and promotion over consecutive periods. Each result as its stored
   * JSON text: an evaluation thread parses it, so a run's chunk neither parses nor copies (structured
   * clone) every earlier scorecard on the main thread.
   */
  async historyText(institutionId: string, staffIds: readonly string[], period: string, depth: number, tx: Tx): Promise<Array<{ staffId: string; result: string }>> {
    if (staffIds.length === 0 || depth <= 0) return [];
    return (await tx.query(
      `SELECT "staffId", result::text AS result FROM (
         SELECT staff_id AS "staffId", result, row_number() OVER (PARTITION BY staff_id ORDER BY period DESC) AS rank
           FROM scorecards
          WHERE current AND institution_id = $1 AND staff_id = ANY($2::uuid[]) AND period < $3 AND length(period) = length($3)
       ) earlier WHERE rank <= $4`,
      [institutionId, [...staffIds], period, depth],
    )) as Array<{ staffId: string; result: string }>;
  }

  /** One INSERT per batch (see scorecardBatches). */
  async insertScorecards(institutionId: string, runId: string, period: string, rows: readonly ScorecardWrite[], tx: Tx): Promise<void> {
    for (const batch of scorecardBatches(rows)) {
      await tx.query(
        `INSERT INTO scorecards (institution_id, run_id, period, staff_id, team_id, document_version_id, scheme_key, scheme_version, tier, composite, band, zone, promotion_eligible, error_count, result,
                                 experiment_id, experiment_arm)
         SELECT $1::uuid, $2::uuid, $3, (e->>'s')::uuid, (e->>'t')::uuid, (e->>'v')::uuid, e->>'k', (e->>'n')::int, e->'r'->>'tier', (e->>'c')::float8,
                e->'r'->>'band', e->'r'->>'zone', (e->>'p')::boolean, json_array_length(e->'r'->'errors'), (e->'r')::jsonb, (e->>'x')::uuid, e->>'a'
           FROM json_array_elements($4::json) AS e`,
        [institutionId, runId, period, batch],
      );
    }
  }

  /**
   * Marks a chunk done and counts it into the run. Updating the run row first serialises the
   * chunks of one run, so the transaction that finishes the last chunk knows it is the last.
   */
  async completeChunk(runId: string, index: number, worker: string, staff: number, evaluateMs: number, writeMs: number, tx: Tx): Promise<{ chunksDone: number; chunkCount: number }> {
    await tx.query(`UPDATE evaluation_chunks SET status = 'done', worker = $3, finished_at = now(), population = NULL WHERE run_id = $1 AND index = $2`, [runId, index, worker]);
    const [row] = (await tx.query(
      `UPDATE evaluation_runs
          SET done = done + $2, chunks_done = chunks_done + 1, updated_at = now(),
              timings = timings || jsonb_build_object(
                'evaluateMs', coalesce((timings->>'evaluateMs')::numeric, 0) + $3::numeric,
                'writeMs', coalesce((timings->>'writeMs')::numeric, 0) + $4::numeric)
        WHERE id = $1
        RETURNING chunks_done AS "chunksDone", chunk_count AS "chunkCount"`,
      [runId, staff, Math.round(evaluateMs), Math.round(writeMs)],
    )) as [Array<{ chunksDone: number; chunkCount: number }>, number];
    return row[0];
  }

  /**
   * Makes the run's scorecards current, unless a newer succeeded run already holds a staff
   * member's result for the period, and marks the run succeeded. Runs of one period finish one
   * at a time (advisory lock), so two finishing together cannot both claim a staff member.
   */
  async succeed(run: EvaluationRunEntity, tx: Tx): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`evaluation:${run.institutionId}:${run.period}`]);
    await tx.query(
      `UPDATE scorecards s SET current = false
        WHERE s.current AND s.institution_id = $1 AND s.period = $2
          AND s.run_id IN (SELECT id FROM evaluation_runs WHERE institution_id = $1 AND period = $2 AND created_at < $4)
          AND EXISTS (SELECT 1 FROM scorecards n WHERE n.run_id = $3 AND n.staff_id = s.staff_id)`,
      [run.institutionId, run.period, run.id, run.createdAt],
    );
    await tx.query(
      `UPDATE scorecards n SET current = true
        WHERE n.run_id = $3
          AND NOT EXISTS (SELECT 1 FROM scorecards c WHERE c.current AND c.institution_id = $1 AND c.period = $2 AND c.staff_id = n.staff_id)`,
      [run.institutionId, run.period, run.id],
    );
    const [counts] = (await tx.query(
      `SELECT count(*)::int AS scorecards, count(*) FILTER (WHERE error_count > 0)::int AS "withErrors",
              coalesce((SELECT jsonb_object_agg(band, n) FROM (SELECT band, count(*)::int AS n FROM scorecards WHERE run_id = $1 AND band IS NOT NULL GROUP BY band) b), '{}') AS bands,
              coalesce((SELECT jsonb_object_agg(zone, n) FROM (SELECT zone, count(*)::int AS n FROM scorecards WHERE run_id = $1 AND zone IS NOT NULL GROUP BY zone) z), '{}') AS zones
         FROM scorecards WHERE run_id = $1`,
      [run.id],
    )) as Array<Pick<RunSummary, 'scorecards' | 'withErrors' | 'bands' | 'zones'>>;
    await tx.query(
      `UPDATE evaluation_runs
          SET status = 'succeeded', finished_at = now(), updated_at = now(), summary = summary || $2::jsonb,
              timings = timings || jsonb_build_object('totalMs', round(extract(epoch FROM now() - created_at) * 1000))
        WHERE id = $1`,
      [run.id, JSON.stringify(counts)],
    );
  }

  /** Fails a run: its scorecards are removed (none was ever current) and the reason is kept. */
  async fail(runId: string, errors: ValidationIssue[], tx: Tx): Promise<void> {
    await tx.query(`DELETE FROM scorecards WHERE run_id = $1`, [runId]);
    await tx.query(`UPDATE evaluation_chunks SET population = NULL WHERE run_id = $1`, [runId]);
    await tx.query(
      `UPDATE evaluation_runs
          SET status = 'failed', errors = errors || $2::jsonb, finished_at = now(), updated_at = now(),
              timings = timings || jsonb_build_object('totalMs', round(extract(epoch FROM now() - created_at) * 1000))
        WHERE id = $1 AND status IN ('queued', 'running')`,
      [runId, JSON.stringify(errors)],
    );
  }

  /** Records a failed attempt that will be retried. */
  async noteRetry(runId: string, message: string): Promise<void> {
    await this.dataSource.query(`UPDATE evaluation_runs SET errors = errors || $2::jsonb, updated_at = now() WHERE id = $1`, [
      runId,
      JSON.stringify([{ path: 'run', message: `attempt failed and will be retried: ${message}` }]),
    ]);
  }

  async isCurrentRun(run: EvaluationRunEntity): Promise<boolean> {
    if (run.status !== 'succeeded') return false;
    const [row] = (await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM scorecards WHERE run_id = $1 AND current) AS current`, [run.id])) as Array<{ current: boolean }>;
    return row.current;
  }

  /** For the timings: when the run was created relative to now, from the database clock. */
  async runTimings(runId: string): Promise<RunTimings> {
    const [row] = (await this.dataSource.query(`SELECT timings FROM evaluation_runs WHERE id = $1`, [runId])) as Array<{ timings: RunTimings }>;
    return row?.timings ?? {};
  }
}
