import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { namedBind, type ReaderScope, readerScopeSql } from '../../common/access/reader-scope';
import type { ListQuery, Page } from '../../common/http/list-query';
import { likePattern } from '../../database/list-query-builder';
import type { Tx } from '../../database/transaction';
import type { StaffTier } from '../staff/staff.entity';
import type { FactInputs } from './fact.entity';
import type { FactFilter, FactKey, FactView } from './facts.dto';

const SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'f.staff_id',
  period: 'f.period',
  staffCode: 's.code',
  staffName: 's.name',
  teamId: 's.team_id',
  createdAt: 'f.created_at',
  updatedAt: 'f.updated_at',
};

/** Rows per INSERT … ON CONFLICT statement: large enough to amortise round trips, small enough to keep statements modest. */
const UPSERT_CHUNK = 2000;

/** One row to store: the inputs are merged into those already stored for the staff member and period. */
export interface FactWrite {
  staffId: string;
  period: string;
  inputs: FactInputs;
}

export interface UpsertCounts {
  created: number;
  updated: number;
}

/** What the evaluation of a period reads for one staff member. */
export interface PeriodFacts {
  staffId: string;
  staffCode: string;
  teamId: string | null;
  tier: StaffTier;
  inputs: FactInputs;
}

/** A raw row of the fact queries: the FactView the service gets, as selected. */
type FactRow = FactView;

@Injectable()
export class FactsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private manager(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  /**
   * Upserts by (staff, period) in chunks of multi-row INSERT … ON CONFLICT, the rows sent as one
   * jsonb parameter read with jsonb_to_recordset (parsed far faster than an array literal of jsonb,
   * and a fifth faster than json_array_elements with a jsonb cast per row). Inputs merge into the
   * stored ones (`||`: the values sent win, inputs not sent are kept); a row whose merge changes
   * nothing is not touched, so `updated_at` stays and repeating an upload is a no-op. Rows are
   * written in key order so that concurrent uploads lock them in the same order.
   */
  async upsert(institutionId: string, rows: readonly FactWrite[], tx: Tx): Promise<UpsertCounts> {
    const sorted = [...rows].sort((a, b) => (a.staffId === b.staffId ? compare(a.period, b.period) : compare(a.staffId, b.staffId)));
    // The chunks are queued on the transaction's connection one after the other without waiting for each: while
    // PostgreSQL writes one, the next is serialised here. The connection still runs them in order.
    const pending: Array<Promise<Array<{ created: number; updated: number }>>> = [];
    for (let i = 0; i < sorted.length; i += UPSERT_CHUNK) {
      const chunk = sorted.slice(i, i + UPSERT_CHUNK);
      pending.push(
        tx.query(
          `WITH written AS (
             INSERT INTO facts AS f (institution_id, staff_id, period, inputs)
             SELECT $1::uuid, r.s, r.p, r.i
               FROM jsonb_to_recordset($2::jsonb) AS r(s uuid, p text, i jsonb)
             ON CONFLICT (institution_id, staff_id, period) DO UPDATE
               SET inputs = f.inputs || EXCLUDED.inputs, updated_at = now()
               WHERE f.inputs || EXCLUDED.inputs IS DISTINCT FROM f.inputs
             RETURNING (xmax = 0) AS created
           )
           SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM written`,
          [institutionId, JSON.stringify(chunk.map((row) => ({ s: row.staffId, p: row.period, i: row.inputs })))],
        ) as Promise<Array<{ created: number; updated: number }>>,
      );
      // Lets the query just queued reach the connection before the next chunk is serialised.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const results = await Promise.allSettled(pending);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const counts: UpsertCounts = { created: 0, updated: 0 };
    for (const result of results) {
      const [row] = (result as PromiseFulfilledResult<Array<{ created: number; updated: number }>>).value;
      counts.created += Number(row.created);
      counts.updated += Number(row.updated);
    }
    return counts;
  }

  /** Every fact row of a period (optionally of some staff only), with the staff member's code, team and tier, in one query. */
  async forPeriod(institutionId: string, period: string, staffIds?: readonly string[], tx?: Tx): Promise<PeriodFacts[]> {
    const params: unknown[] = [institutionId, period];
    let only = '';
    if (staffIds) {
      params.push([...staffIds]);
      only = 'AND f.staff_id = ANY($3::uuid[])';
    }
    const rows = (await this.manager(tx).query(
      `SELECT f.staff_id AS "staffId", s.code AS "staffCode", s.team_id AS "teamId", s.tier AS "tier", f.inputs AS "inputs"
         FROM facts f
         JOIN staff s ON s.id = f.staff_id AND s.institution_id = f.institution_id
        WHERE f.institution_id = $1 AND f.period = $2 ${only}
        ORDER BY s.code`,
      params,
    )) as PeriodFacts[];
    return rows;
  }

  list(scope: ReaderScope, query: ListQuery<FactFilter>): Promise<Page<FactView>> {
    const qb = this.scoped(scope);
    const f = query.filter;
    if (f.id) {
      if (f.id.length === 0) return Promise.resolve({ items: [], total: 0 });
      qb.andWhere('(f.staff_id, f.period) IN (SELECT * FROM unnest(CAST(:idStaff AS uuid[]), CAST(:idPeriod AS text[])))', {
        idStaff: f.id.map((key) => key.staffId),
        idPeriod: f.id.map((key) => key.period),
      });
    }
    if (f.period) qb.andWhere('f.period = :period', { period: f.period });
    if (f.staffId) qb.andWhere('f.staff_id = :staffId', { staffId: f.staffId });
    if (f.teamId === null) qb.andWhere('s.team_id IS NULL');
    else if (f.teamId) qb.andWhere('s.team_id = :teamId', { teamId: f.teamId });
    if (f.staffCode) qb.andWhere('s.code = :staffCode', { staffCode: f.staffCode });
    if (f.q) qb.andWhere('(s.code ILIKE :q OR s.name ILIKE :q)', { q: likePattern(f.q) });
    return this.page(qb, query);
  }

  async findVisible(scope: ReaderScope, key: FactKey, tx?: Tx): Promise<FactView | null> {
    const rows = await this.scoped(scope, tx).andWhere('f.staff_id = :staffId AND f.period = :period', key).getRawMany<FactRow>();
    return rows.length > 0 ? toView(rows[0]) : null;
  }

  async delete(institutionId: string, key: FactKey, tx: Tx): Promise<void> {
    await tx.query('DELETE FROM facts WHERE institution_id = $1 AND staff_id = $2 AND period = $3', [institutionId, key.staffId, key.period]);
  }

  /** Facts joined to their staff member, limited to the staff the reader may see. */
  private scoped(scope: ReaderScope, tx?: Tx): SelectQueryBuilder<FactRow> {
    const qb = this.manager(tx)
      .createQueryBuilder()
      .select('f.staff_id', 'staffId')
      .addSelect('s.code', 'staffCode')
      .addSelect('s.name', 'staffName')
      .addSelect('s.team_id', 'teamId')
      .addSelect('f.period', 'period')
      .addSelect('f.inputs', 'inputs')
      .addSelect('f.created_at', 'createdAt')
      .addSelect('f.updated_at', 'updatedAt')
      .from('facts', 'f')
      .innerJoin('staff', 's', 's.id = f.staff_id AND s.institution_id = f.institution_id');
    qb.where(readerScopeSql(scope, { institutionId: 'f.institution_id', staffId: 'f.staff_id' }, namedBind(qb)));
    return qb as unknown as SelectQueryBuilder<FactRow>;
  }

  /** Sort, page and count: facts have a composite key, so the tie-break is (staff, period), not an id column. */
  private async page(qb: SelectQueryBuilder<FactRow>, query: ListQuery<FactFilter>): Promise<Page<FactView>> {
    const counted = await qb.clone().select('COUNT(*)::int', 'total').getRawOne<{ total: number }>();
    const column = SORT_COLUMNS[query.sort.field] ?? SORT_COLUMNS.period;
    qb.orderBy(column, query.sort.order, 'NULLS LAST');
    if (column !== 's.code') qb.addOrderBy('s.code', 'ASC');
    if (column !== 'f.period') qb.addOrderBy('f.period', 'ASC');
    // TypeORM keys ORDER BY terms by column: repeating the sort column would replace its direction.
    if (column !== 'f.staff_id') qb.addOrderBy('f.staff_id', 'ASC');
    const rows = await qb.offset(query.offset).limit(query.limit).getRawMany<FactRow>();
    return { items: rows.map(toView), total: Number(counted?.total ?? 0) };
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function toView(row: FactRow): FactView {
  return {
    staffId: row.staffId,
    staffCode: row.staffCode,
    staffName: row.staffName,
    teamId: row.teamId,
    period: row.period,
    inputs: row.inputs,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}
