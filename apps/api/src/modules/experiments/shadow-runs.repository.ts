import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../../database/transaction';
import type { ChunkMember } from '../evaluations/evaluations.repository';

export const SHADOW_RUN_STATUSES = ['planned', 'pending', 'running', 'done', 'failed'] as const;
export type ShadowRunStatus = (typeof SHADOW_RUN_STATUSES)[number];

/** The shadow work of one experiment for one run. */
export interface ShadowRunRow {
  experimentId: string;
  runId: string;
  institutionId: string;
  period: string;
  status: ShadowRunStatus;
  staff: number;
  chunkCount: number;
  stored: number;
  attempts: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const COLUMNS = `experiment_id AS "experimentId", run_id AS "runId", institution_id AS "institutionId", period, status, staff, chunk_count AS "chunkCount",
  stored, attempts, error, created_at AS "createdAt", finished_at AS "finishedAt"`;

/** experiment_shadow_runs and their chunks: shadow work recorded with a run's plan and done by a job after it succeeds. */
@Injectable()
export class ShadowRunsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private manager(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  /** Records the challenger's population of a run being planned, in the plan's transaction; `planned` until the run succeeds. */
  async insertPlanned(work: { experimentId: string; runId: string; institutionId: string; period: string }, chunks: ChunkMember[][], tx: Tx): Promise<void> {
    await tx.query(
      `INSERT INTO experiment_shadow_runs (experiment_id, run_id, institution_id, period, status, staff, chunk_count) VALUES ($1, $2, $3, $4, 'planned', $5, $6)`,
      [work.experimentId, work.runId, work.institutionId, work.period, chunks.reduce((sum, chunk) => sum + chunk.length, 0), chunks.length],
    );
    if (chunks.length === 0) return;
    await tx.query(
      `INSERT INTO experiment_shadow_chunks (experiment_id, run_id, index, staff_count, population)
       SELECT $1::uuid, $2::uuid, (c->>'index')::int, (c->>'staff_count')::int, (c->'population')::jsonb FROM json_array_elements($3::json) AS c`,
      [work.experimentId, work.runId, JSON.stringify(chunks.map((population, index) => ({ index, staff_count: population.length, population })))],
    );
  }

  /** Records a challenger whose population could not even be captured: failed from the start. */
  async insertFailed(work: { experimentId: string; runId: string; institutionId: string; period: string }, error: string, tx: Tx): Promise<void> {
    await tx.query(
      `INSERT INTO experiment_shadow_runs (experiment_id, run_id, institution_id, period, status, staff, chunk_count, error, finished_at)
       VALUES ($1, $2, $3, $4, 'failed', 0, 0, $5, now()) ON CONFLICT DO NOTHING`,
      [work.experimentId, work.runId, work.institutionId, work.period, error],
    );
  }

  /**
   * In the transaction that makes the run succeed, three cheap statements: the shadow work of
   * experiments still running becomes due (`pending`); that of experiments stopped meanwhile is
   * dropped; an experiment started after the run was planned has no population captured for it,
   * so its work for this run is recorded failed, saying why.
   */
  async markDue(run: { id: string; institutionId: string; period: string }, tx: Tx): Promise<void> {
    const runId = run.id;
    await tx.query(
      `UPDATE experiment_shadow_runs w SET status = 'pending', updated_at = now()
         FROM experiments e
        WHERE w.run_id = $1 AND w.status = 'planned' AND e.id = w.experiment_id AND e.status = 'running' AND e.mode = 'shadow'`,
      [runId],
    );
    await tx.query(`DELETE FROM experiment_shadow_runs WHERE run_id = $1 AND status = 'planned'`, [runId]);
    await tx.query(
      `INSERT INTO experiment_shadow_runs (experiment_id, run_id, institution_id, period, status, staff, chunk_count, error, finished_at)
       SELECT e.id, $1, e.institution_id, $3, 'failed', 0, 0, 'the experiment started after this run was planned; its next run is shadowed', now()
         FROM experiments e
        WHERE e.institution_id = $2 AND e.status = 'running' AND e.mode = 'shadow' AND e.periods @> jsonb_build_array($3::text)
          AND NOT EXISTS (SELECT 1 FROM experiment_shadow_runs w WHERE w.experiment_id = e.id AND w.run_id = $1)`,
      [runId, run.institutionId, run.period],
    );
  }

  /** Shadow work not yet done of the given run, or of every run (at start), oldest first; planned work of runs that failed is dropped. */
  async open(runId?: string): Promise<Array<{ experimentId: string; runId: string }>> {
    if (runId === undefined) {
      await this.dataSource.query(
        `DELETE FROM experiment_shadow_runs w USING evaluation_runs r WHERE w.status = 'planned' AND r.id = w.run_id AND r.status = 'failed'`,
      );
    }
    return (await this.dataSource.query(
      `SELECT experiment_id AS "experimentId", run_id AS "runId" FROM experiment_shadow_runs
        WHERE status IN ('pending', 'running') ${runId === undefined ? '' : 'AND run_id = $1'} ORDER BY created_at, experiment_id`,
      runId === undefined ? [] : [runId],
    )) as Array<{ experimentId: string; runId: string }>;
  }

  async find(experimentId: string, runId: string, tx?: Tx): Promise<ShadowRunRow | null> {
    const rows = (await this.manager(tx).query(`SELECT ${COLUMNS} FROM experiment_shadow_runs WHERE experiment_id = $1 AND run_id = $2`, [experimentId, runId])) as ShadowRunRow[];
    return rows[0] ?? null;
  }

  /** Claims pending (or interrupted) work for an attempt; false when it has ended or is not due yet. */
  async start(experimentId: string, runId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `UPDATE experiment_shadow_runs SET status = 'running', attempts = attempts + 1, updated_at = now()
        WHERE experiment_id = $1 AND run_id = $2 AND status IN ('pending', 'running') RETURNING run_id`,
      [experimentId, runId],
    )) as [unknown[], number];
    return rows[1] > 0;
  }

  /** Every member of the challenger's population, for team means over all of it. */
  async population(experimentId: string, runId: string): Promise<ChunkMember[]> {
    const rows = (await this.dataSource.query(
      `SELECT population FROM experiment_shadow_chunks WHERE experiment_id = $1 AND run_id = $2 AND population IS NOT NULL ORDER BY index`,
      [experimentId, runId],
    )) as Array<{ population: ChunkMember[] }>;
    return rows.flatMap((row) => row.population);
  }

  async pendingChunks(experimentId: string, runId: string): Promise<number[]> {
    const rows = (await this.dataSource.query(`SELECT index FROM experiment_shadow_chunks WHERE experiment_id = $1 AND run_id = $2 AND status = 'pending' ORDER BY index`, [
      experimentId,
      runId,
    ])) as Array<{ index: number }>;
    return rows.map((row) => row.index);
  }

  /** Locks a chunk for the caller's transaction; null when it is gone or done (a repeated job finds it done). */
  async lockPendingChunk(experimentId: string, runId: string, index: number, tx: Tx): Promise<ChunkMember[] | null> {
    const rows = (await tx.query(`SELECT status, population FROM experiment_shadow_chunks WHERE experiment_id = $1 AND run_id = $2 AND index = $3 FOR UPDATE`, [experimentId, runId, index])) as Array<{
      status: string;
      population: ChunkMember[] | null;
    }>;
    const row = rows[0];
    return row && row.status === 'pending' && row.population !== null ? row.population : null;
  }

  async completeChunk(experimentId: string, runId: string, index: number, tx: Tx): Promise<void> {
    await tx.query(`UPDATE experiment_shadow_chunks SET status = 'done' WHERE experiment_id = $1 AND run_id = $2 AND index = $3`, [experimentId, runId, index]);
  }

  /** Ends the work done, counting what it stored; the populations are no longer needed. */
  async finish(experimentId: string, runId: string): Promise<number> {
    const [rows] = (await this.dataSource.query(
      `UPDATE experiment_shadow_runs w
          SET status = 'done', finished_at = now(), updated_at = now(), error = NULL,
              stored = (SELECT count(*)::int FROM experiment_scorecards x WHERE x.experiment_id = w.experiment_id AND x.run_id = w.run_id)
        WHERE experiment_id = $1 AND run_id = $2 AND status = 'running'
        RETURNING stored`,
      [experimentId, runId],
    )) as [Array<{ stored: number }>, number];
    await this.dataSource.query(`UPDATE experiment_shadow_chunks SET population = NULL WHERE experiment_id = $1 AND run_id = $2`, [experimentId, runId]);
    return rows[0]?.stored ?? 0;
  }

  /** Ends the work failed with the reason: whatever it stored goes, so the report never shows half a run. */
  async fail(experimentId: string, runId: string, error: string, tx: Tx): Promise<void> {
    await tx.query(`DELETE FROM experiment_scorecards WHERE experiment_id = $1 AND run_id = $2`, [experimentId, runId]);
    await tx.query(`UPDATE experiment_shadow_chunks SET population = NULL WHERE experiment_id = $1 AND run_id = $2`, [experimentId, runId]);
    await tx.query(
      `UPDATE experiment_shadow_runs SET status = 'failed', error = $3, stored = 0, finished_at = now(), updated_at = now()
        WHERE experiment_id = $1 AND run_id = $2 AND status IN ('pending', 'running')`,
      [experimentId, runId, error],
    );
  }

  async noteRetry(experimentId: string, runId: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE experiment_shadow_runs SET error = $3, updated_at = now() WHERE experiment_id = $1 AND run_id = $2`, [
      experimentId,
      runId,
      `attempt failed and will be retried: ${error}`,
    ]);
  }

  /** The shadow work of the experiment for runs of the period that succeeded, newest first. */
  async ofPeriod(experimentId: string, period: string): Promise<ShadowRunRow[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM experiment_shadow_runs w
        WHERE w.experiment_id = $1 AND w.period = $2 AND EXISTS (SELECT 1 FROM evaluation_runs r WHERE r.id = w.run_id AND r.status = 'succeeded')
        ORDER BY w.created_at DESC`,
      [experimentId, period],
    )) as ShadowRunRow[];
  }
}
