import { Inject, Injectable } from '@nestjs/common';
import { positionalBind, type ReaderScope, readerScopeSql } from '../../common/access/reader-scope';
import { DataSource } from 'typeorm';
import type { ListQuery, Page } from '../../common/http/list-query';
import { likePattern, pageOf } from '../../database/list-query-builder';
import type { Tx } from '../../database/transaction';
import type { ScorecardWrite } from '../evaluations/evaluations.repository';
import { scorecardBatches } from '../evaluations/scorecard-batches';
import { ExperimentEntity } from './experiment.entity';
import type { ExperimentFilter } from './experiments.dto';

const SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'e.id',
  key: 'e.key',
  status: 'e.status',
  mode: 'e.mode',
  createdAt: 'e.created_at',
  updatedAt: 'e.updated_at',
};

/** A document version as an experiment arm needs it. */
export interface ArmVersion {
  documentId: string;
  documentKey: string;
  kind: string;
  versionId: string;
  version: number;
  status: string;
  period: unknown;
}

/** A challenger's scorecard: the same shape as a run's own. */
export type ShadowScorecardWrite = ScorecardWrite;

/** One staff member's result under one arm, as the report reads it. */
export interface ArmResult {
  staffId: string;
  code: string;
  teamId: string | null;
  tier: string | null;
  composite: number | null;
  band: string | null;
  zone: string | null;
  promotionEligible: boolean | null;
  runId: string;
}

export interface UnitRow {
  id: string;
  label: string;
  teamId: string | null;
}

@Injectable()
export class ExperimentsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private manager(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  private repo(tx?: Tx) {
    return this.manager(tx).getRepository(ExperimentEntity);
  }

  findById(institutionId: string, id: string, tx?: Tx): Promise<ExperimentEntity | null> {
    return this.repo(tx).findOneBy({ institutionId, id });
  }

  /** Locks the experiment row for a state change. */
  lock(institutionId: string, id: string, tx: Tx): Promise<ExperimentEntity | null> {
    return this.repo(tx).createQueryBuilder('e').setLock('pessimistic_write').where('e.institution_id = :institutionId AND e.id = :id', { institutionId, id }).getOne();
  }

  findByKey(institutionId: string, key: string, tx?: Tx): Promise<ExperimentEntity | null> {
    return this.repo(tx).findOneBy({ institutionId, key });
  }

  async insert(experiment: Omit<ExperimentEntity, 'id' | 'createdAt' | 'updatedAt'>, tx: Tx): Promise<ExperimentEntity> {
    const { id } = await this.repo(tx).save(this.repo(tx).create(experiment));
    return this.repo(tx).findOneByOrFail({ id });
  }

  async save(experiment: ExperimentEntity, tx: Tx): Promise<ExperimentEntity> {
    await this.repo(tx).save(experiment);
    return this.repo(tx).findOneByOrFail({ id: experiment.id });
  }

  list(institutionId: string, query: ListQuery<ExperimentFilter>): Promise<Page<ExperimentEntity>> {
    const qb = this.repo().createQueryBuilder('e').where('e.institution_id = :institutionId', { institutionId });
    const f = query.filter;
    if (f.id) qb.andWhere('e.id IN (:...ids)', { ids: f.id.length > 0 ? f.id : ['00000000-0000-0000-0000-000000000000'] });
    if (f.status) qb.andWhere('e.status = :status', { status: f.status });
    if (f.mode) qb.andWhere('e.mode = :mode', { mode: f.mode });
    if (f.period) qb.andWhere('e.periods @> jsonb_build_array(CAST(:period AS text))', { period: f.period });
    if (f.q) qb.andWhere(`(e.key ILIKE :q OR e.name->>'zh' ILIKE :q OR e.name->>'en' ILIKE :q)`, { q: likePattern(f.q) });
    return pageOf(qb, query, SORT_COLUMNS);
  }

  async armVersion(institutionId: string, documentId: string, version: number, tx?: Tx): Promise<ArmVersion | 'no_document' | null> {
    const [document] = (await this.manager(tx).query(`SELECT id, key, kind FROM documents WHERE institution_id = $1 AND id = $2`, [institutionId, documentId])) as Array<{ id: string; key: string; kind: string }>;
    if (!document) return 'no_document';
    const [row] = (await this.manager(tx).query(`SELECT id, version, status, content->'period' AS period FROM document_versions WHERE document_id = $1 AND version = $2`, [documentId, version])) as Array<{
      id: string;
      version: number;
      status: string;
      period: unknown;
    }>;
    if (!row) return null;
    return { documentId, documentKey: document.key, kind: document.kind, versionId: row.id, version: row.version, status: row.status, period: row.period };
  }

  async documentKeys(institutionId: string, ids: readonly string[], tx?: Tx): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.manager(tx).query(`SELECT id, key FROM documents WHERE institution_id = $1 AND id = ANY($2::uuid[])`, [institutionId, [...new Set(ids)]])) as Array<{ id: string; key: string }>;
    return new Map(rows.map((row) => [row.id, row.key]));
  }

  async teamNames(institutionId: string, tx?: Tx): Promise<Map<string, string>> {
    const rows = (await this.manager(tx).query(`SELECT id, name FROM teams WHERE institution_id = $1`, [institutionId])) as Array<{ id: string; name: string }>;
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Running shadow experiments of the institution whose periods include `period`. */
  runningShadow(institutionId: string, period: string, tx: Tx): Promise<ExperimentEntity[]> {
    return this.repo(tx)
      .createQueryBuilder('e')
      .where(`e.institution_id = :institutionId AND e.status = 'running' AND e.mode = 'shadow' AND e.periods @> jsonb_build_array(CAST(:period AS text))`, { institutionId, period })
      .orderBy('e.created_at')
      .getMany();
  }

  /** Running split experiments of the institution whose periods include `period`, oldest first. */
  runningSplit(institutionId: string, period: string, tx: Tx): Promise<ExperimentEntity[]> {
    return this.repo(tx)
      .createQueryBuilder('e')
      .where(`e.institution_id = :institutionId AND e.status = 'running' AND e.mode = 'split' AND e.periods @> jsonb_build_array(CAST(:period AS text))`, { institutionId, period })
      .orderBy('e.created_at')
      .addOrderBy('e.id')
      .getMany();
  }

  /**
   * Other running split experiments sharing a period with `periods` and a team with `teamIds`
   * (null: every team), which would claim the same staff.
   */
  overlappingSplit(experiment: ExperimentEntity, tx: Tx): Promise<ExperimentEntity[]> {
    const qb = this.repo(tx)
      .createQueryBuilder('e')
      .where(`e.institution_id = :institutionId AND e.status = 'running' AND e.mode = 'split' AND e.id <> :id`, { institutionId: experiment.institutionId, id: experiment.id })
      .andWhere(`e.periods ?| CAST(:periods AS text[])`, { periods: experiment.periods });
    if (experiment.teamIds) qb.andWhere(`(e.team_ids IS NULL OR e.team_ids ?| CAST(:teamIds AS text[]))`, { teamIds: experiment.teamIds });
    return qb.orderBy('e.created_at').getMany();
  }

  /**
   * For each staff member, the arm of the experiment on their latest current (official) scorecard
   * of a period up to `period` (of the same kind) that the experiment chose the version of.
   */
  async recordedArms(institutionId: string, experimentId: string, period: string): Promise<Map<string, 'champion' | 'challenger'>> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (staff_id) staff_id AS "staffId", experiment_arm AS arm
         FROM scorecards
        WHERE experiment_id = $2 AND current AND institution_id = $1 AND period <= $3 AND length(period) = length($3)
        ORDER BY staff_id, period DESC`,
      [institutionId, experimentId, period],
    )) as Array<{ staffId: string; arm: 'champion' | 'challenger' }>;
    return new Map(rows.map((row) => [row.staffId, row.arm]));
  }

  async insertShadowScorecards(institutionId: string, experimentId: string, runId: string, period: string, rows: readonly ShadowScorecardWrite[], tx: Tx): Promise<void> {
    for (const batch of scorecardBatches(rows)) {
      await tx.query(
        `INSERT INTO experiment_scorecards (institution_id, experiment_id, run_id, period, staff_id, team_id, arm, document_version_id, scheme_key, scheme_version, tier, composite, band, zone, promotion_eligible, result)
         SELECT $1::uuid, $2::uuid, $3::uuid, $4, (e->>'s')::uuid, (e->>'t')::uuid, 'challenger', (e->>'v')::uuid, e->>'k', (e->>'n')::int, e->'r'->>'tier', (e->>'c')::float8,
                e->'r'->>'band', e->'r'->>'zone', (e->>'p')::boolean, (e->'r')::jsonb
           FROM json_array_elements($5::json) AS e
         ON CONFLICT (experiment_id, run_id, staff_id, arm) DO NOTHING`,
        [institutionId, experimentId, runId, period, batch],
      );
    }
  }

  /**
   * The challenger's shadow result per staff member for the period, from the run that holds the
   * staff member's current (official) scorecard, so both arms read the same facts. Staff whose
   * current scorecard comes from a run without a shadow result are left out, and so are results of
   * shadow work not done yet (a job still writing them).
   */
  async challengerResults(scope: ReaderScope, experimentId: string, period: string): Promise<ArmResult[]> {
    const params: unknown[] = [experimentId, period];
    const visible = readerScopeSql(scope, { institutionId: 'x.institution_id', staffId: 'x.staff_id', teamIds: ['x.team_id'] }, positionalBind(params));
    return (await this.dataSource.query(
      `SELECT x.staff_id AS "staffId", st.code, x.team_id AS "teamId", x.tier, x.composite, x.band, x.zone, x.promotion_eligible AS "promotionEligible", x.run_id AS "runId"
         FROM experiment_scorecards x
         JOIN scorecards s ON s.run_id = x.run_id AND s.staff_id = x.staff_id AND s.current
         JOIN staff st ON st.id = x.staff_id
        WHERE x.experiment_id = $1 AND x.period = $2 AND x.arm = 'challenger' AND ${visible}
          AND NOT EXISTS (SELECT 1 FROM experiment_shadow_runs w WHERE w.experiment_id = x.experiment_id AND w.run_id = x.run_id AND w.status <> 'done')`,
      params,
    )) as ArmResult[];
  }

  /** Current (official) scorecards of the period for the given staff. */
  async currentResults(institutionId: string, period: string, staffIds: readonly string[], documentVersionId?: string): Promise<ArmResult[]> {
    if (staffIds.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT s.staff_id AS "staffId", st.code, s.team_id AS "teamId", s.tier, s.composite, s.band, s.zone, s.promotion_eligible AS "promotionEligible", s.run_id AS "runId"
         FROM scorecards s JOIN staff st ON st.id = s.staff_id
        WHERE s.current AND s.institution_id = $1 AND s.period = $2 AND s.staff_id = ANY($3::uuid[])
          ${documentVersionId ? 'AND s.document_version_id = $4' : ''}`,
      documentVersionId ? [institutionId, period, [...staffIds], documentVersionId] : [institutionId, period, [...staffIds]],
    )) as ArmResult[];
  }

  /** Band ids in the order a version declares them (best first). */
  async bandOrder(versionIds: readonly string[]): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT content->'bands' AS bands FROM document_versions WHERE id = ANY($1::uuid[])`, [[...versionIds]])) as Array<{ bands: Array<{ id: string }> | null }>;
    const order: string[] = [];
    for (const row of rows) for (const band of row.bands ?? []) if (!order.includes(band.id)) order.push(band.id);
    return order;
  }

  /** Which of these staff the reader may see (the reader scope rule). */
  async staffInScope(scope: ReaderScope, staffIds: readonly string[]): Promise<Set<string>> {
    if (staffIds.length === 0) return new Set();
    const params: unknown[] = [[...staffIds]];
    const visible = readerScopeSql(scope, { institutionId: 's.institution_id', staffId: 's.id' }, positionalBind(params));
    const rows = (await this.dataSource.query(`SELECT s.id FROM staff s WHERE s.id = ANY($1::uuid[]) AND ${visible}`, params)) as Array<{ id: string }>;
    return new Set(rows.map((row) => row.id));
  }

  /** Units of a split experiment: active staff (or teams) of its population. */
  async units(institutionId: string, unit: 'staff' | 'team', teamIds: readonly string[] | null): Promise<UnitRow[]> {
    if (unit === 'team') {
      return (await this.dataSource.query(
        `SELECT id, name AS label, id AS "teamId" FROM teams WHERE institution_id = $1 ${teamIds ? 'AND id = ANY($2::uuid[])' : ''} ORDER BY name, id`,
        teamIds ? [institutionId, [...teamIds]] : [institutionId],
      )) as UnitRow[];
    }
    return (await this.dataSource.query(
      `SELECT id, code AS label, team_id AS "teamId" FROM staff WHERE institution_id = $1 AND active ${teamIds ? 'AND team_id = ANY($2::uuid[])' : ''} ORDER BY code`,
      teamIds ? [institutionId, [...teamIds]] : [institutionId],
    )) as UnitRow[];
  }

  /** An indicator's value on each current scorecard of the period. */
  async indicatorValues(institutionId: string, period: string, indicator: string): Promise<Array<{ staffId: string; teamId: string | null; value: number | null }>> {
    return (await this.dataSource.query(
      `SELECT staff_id AS "staffId", team_id AS "teamId", (result->'indicators'->$3->>'value')::float8 AS value
         FROM scorecards WHERE current AND institution_id = $1 AND period = $2`,
      [institutionId, period, indicator],
    )) as Array<{ staffId: string; teamId: string | null; value: number | null }>;
  }

  async existingTeams(institutionId: string, ids: readonly string[], tx: Tx): Promise<Set<string>> {
    const rows = (await tx.query(`SELECT id FROM teams WHERE institution_id = $1 AND id = ANY($2::uuid[])`, [institutionId, [...ids]])) as Array<{ id: string }>;
    return new Set(rows.map((row) => row.id));
  }

  async institutionBinding(institutionId: string, period: string, tx: Tx): Promise<{ id: string } | null> {
    const [row] = (await tx.query(`SELECT id FROM bindings WHERE institution_id = $1 AND period = $2 AND team_id IS NULL`, [institutionId, period])) as Array<{ id: string }>;
    return row ?? null;
  }

  async insertBinding(binding: { institutionId: string; period: string; documentId: string; documentVersionId: string; version: number; createdBy: string }, tx: Tx): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO bindings (institution_id, period, team_id, document_id, document_version_id, version, created_by) VALUES ($1, $2, NULL, $3, $4, $5, $6) RETURNING id`,
      [binding.institutionId, binding.period, binding.documentId, binding.documentVersionId, binding.version, binding.createdBy],
    )) as Array<{ id: string }>;
    return row.id;
  }

  async versionContent(id: string, tx?: Tx): Promise<Record<string, unknown>> {
    const [row] = (await this.manager(tx).query(`SELECT version, status, content FROM document_versions WHERE id = $1`, [id])) as Array<{ version: number; status: string; content: Record<string, unknown> }>;
    return { ...row.content, version: row.version, status: row.status };
  }
}
