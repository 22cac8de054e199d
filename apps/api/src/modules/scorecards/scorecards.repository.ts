import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { publishedPeriodSql, type ReaderScope, readerScopeSql } from '../../common/access/reader-scope';
import type { ListQuery, Page } from '../../common/http/list-query';
import { ListCounts } from '../../database/list-counts';
import { likePattern } from '../../database/list-query-builder';
import { LookupBatcher } from '../../database/lookup-batcher';
import { preparedQuery } from '../../database/prepared-query';
import type { StoredVersion } from './scheme-outline';
import type { ScorecardDetailView, ScorecardFilter, ScorecardView, TeamMeanView, TeamSummaryMember, TrendPointView } from './scorecards.dto';

/** A scorecard is about its staff member and was recorded under the team it was evaluated in. */
const SCORECARD_PERSON = { institutionId: 'sc.institution_id', staffId: 'sc.staff_id', teamIds: ['sc.team_id'] } as const;

const ZONE_SEVERITY = `CASE sc.zone WHEN 'red' THEN 3 WHEN 'yellow' THEN 2 WHEN 'blue' THEN 1 END`;

const SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'sc.id',
  composite: 'sc.composite',
  staffCode: 's.code',
  staffName: 's.name',
  period: 'sc.period',
  band: 'sc.band',
  zone: ZONE_SEVERITY,
  tier: 'sc.tier',
  createdAt: 'sc.created_at',
};

/** The list row's columns; every query here reads scorecards as `sc`, staff as `s`, teams as `t`. */
const ROW_COLUMNS = `
  sc.id, sc.run_id AS "runId", sc.staff_id AS "staffId", s.code AS "staffCode", s.name AS "staffName",
  sc.team_id AS "teamId", t.name AS "teamName", sc.period, sc.document_version_id AS "documentVersionId",
  sc.scheme_key AS "schemeKey", sc.scheme_version AS "schemeVersion", sc.tier, sc.composite, sc.band, sc.zone,
  sc.result->'promotion' AS promotion, sc.error_count AS "errorCount", sc.current,
  sc.experiment_id AS "experimentId", sc.experiment_arm AS "experimentArm", sc.created_at AS "createdAt"`;

/**
 * Scorecards readable at all: those of succeeded runs, with their staff member and team. A run
 * that has not succeeded (queued, running, failed) has scorecards that are never shown.
 */
const READABLE = `
  FROM scorecards sc
  JOIN evaluation_runs r ON r.id = sc.run_id AND r.institution_id = sc.institution_id AND r.status = 'succeeded'
  JOIN staff s ON s.id = sc.staff_id AND s.institution_id = sc.institution_id
  LEFT JOIN teams t ON t.id = sc.team_id AND t.institution_id = sc.institution_id`;

/** The same without the staff member, for the lists that neither sort nor search by them. */
const READABLE_SCORECARDS = `
  FROM scorecards sc
  JOIN evaluation_runs r ON r.id = sc.run_id AND r.institution_id = sc.institution_id AND r.status = 'succeeded'`;

/** Positional parameters for hand-written SQL: `p.add(value)` returns its `$n`. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The WHERE terms of a scope: the reader scope rule over the scorecard's person, and for staff only results of
 * periods that are published (or closed): a period's results are theirs to see from its publication on.
 */
function scopeTerms(scope: ReaderScope, p: Params): string[] {
  const terms = [readerScopeSql(scope, SCORECARD_PERSON, (value) => p.add(value))];
  if (scope.kind === 'self') terms.push(publishedPeriodSql({ institutionId: 'sc.institution_id', period: 'sc.period' }));
  return terms;
}

@Injectable()
export class ScorecardsRepository {
  private readonly detailLookups = new LookupBatcher<ScorecardDetailView>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ListCounts) private readonly counts: ListCounts,
  ) {}

  private query<T>(sql: string, params: Params): Promise<T[]> {
    return this.dataSource.query(sql, params.values) as Promise<T[]>;
  }

  /**
   * A page: its ids first (an index range in the requested order when the sort has one, e.g. the default composite
   * order, which scorecards_list_composite_idx holds per period), then those rows' columns. The total is needed only
   * when the page is full (a short page's end is the total), and is counted (index-only) once while nothing changes
   * (ListCounts). The staff table is joined only when the sort or `q` reads it; a tie on the sort is broken by the
   * staff code looked up for the tied rows alone.
   */
  async list(scope: ReaderScope, query: ListQuery<ScorecardFilter>): Promise<Page<ScorecardView>> {
    const p = new Params();
    const where = [...scopeTerms(scope, p), ...filterTerms(query.filter, p)];
    const sort = SORT_COLUMNS[query.sort.field] ?? SORT_COLUMNS.composite;
    const joinsStaff = Boolean(query.filter.q) || sort === SORT_COLUMNS.staffCode || sort === SORT_COLUMNS.staffName;
    const order = [`${sort} ${query.sort.order} NULLS LAST`];
    if (sort !== SORT_COLUMNS.staffCode) order.push(joinsStaff ? 's.code ASC' : '(SELECT ms.code FROM staff ms WHERE ms.id = sc.staff_id) ASC');
    if (sort !== SORT_COLUMNS.period) order.push('sc.period DESC');
    if (sort !== SORT_COLUMNS.id) order.push('sc.id ASC');
    const from = `${joinsStaff ? READABLE : READABLE_SCORECARDS} WHERE ${where.join(' AND ')}`;
    const filterValues = [...p.values];
    const rows = await this.query<ScorecardView>(
      `SELECT ${ROW_COLUMNS}
         FROM unnest(ARRAY(SELECT sc.id ${from} ORDER BY ${order.join(', ')} LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)})) WITH ORDINALITY AS page(id, position)
         JOIN scorecards sc ON sc.id = page.id
         JOIN staff s ON s.id = sc.staff_id
         LEFT JOIN teams t ON t.id = sc.team_id
        ORDER BY page.position`,
      p,
    );
    const items = rows.map(toView);
    if (items.length > 0 && items.length < query.limit) return { items, total: query.offset + items.length };
    if (items.length === 0 && query.offset === 0) return { items, total: 0 };
    const countSql = `SELECT count(*)::int AS total ${from}`;
    const total = await this.counts.total(countSql, filterValues, async () => {
      const [counted] = (await this.dataSource.query(countSql, filterValues)) as Array<{ total: number }>;
      return Number(counted.total);
    });
    return { items, total };
  }

  /** The periods with current scorecards in the scope, newest first, with how many each has. */
  async periods(scope: ReaderScope): Promise<Array<{ period: string; scorecards: number }>> {
    const p = new Params();
    const where = [...scopeTerms(scope, p), 'sc.current'];
    return this.query<{ period: string; scorecards: number }>(
      `SELECT sc.period, count(*)::int AS scorecards ${READABLE} WHERE ${where.join(' AND ')} GROUP BY sc.period ORDER BY sc.period DESC`,
      p,
    );
  }

  /**
   * A readable scorecard with its full result and run, or null (unknown, not visible, or its run did not succeed).
   * Lookups by readers of the same scope in the same turn of the event loop share one query.
   */
  findVisible(scope: ReaderScope, id: string): Promise<ScorecardDetailView | null> {
    return this.detailLookups.load(JSON.stringify(scope), id, (ids) => this.findVisibleMany(scope, ids));
  }

  private async findVisibleMany(scope: ReaderScope, ids: string[]): Promise<Map<string, ScorecardDetailView>> {
    const p = new Params();
    const where = [...scopeTerms(scope, p), `sc.id = ANY(${p.add(ids)}::uuid[])`];
    // Prepared: the SQL differs only by the scope's kind, and planning this join cost more than running it.
    const rows = await preparedQuery<ScorecardView & { resultJson: string; run: Record<string, unknown>; staffTeamId: string | null }>(
      this.dataSource,
      `SELECT ${ROW_COLUMNS}, sc.result::text AS "resultJson", s.team_id AS "staffTeamId",
              json_build_object('id', r.id, 'status', r.status, 'period', r.period, 'teamId', r.team_id, 'createdAt', r.created_at, 'finishedAt', r.finished_at) AS run
         ${READABLE} WHERE ${where.join(' AND ')}`,
      p.values,
    );
    const found = new Map<string, ScorecardDetailView>();
    for (const row of rows) {
      const run = row.run as { id: string; status: ScorecardDetailView['run']['status']; period: string; teamId: string | null; createdAt: string; finishedAt: string | null };
      found.set(row.id, {
        ...toView(row),
        resultJson: row.resultJson,
        staffTeamId: row.staffTeamId,
        run: { ...run, createdAt: new Date(run.createdAt), finishedAt: run.finishedAt === null ? null : new Date(run.finishedAt) },
      });
    }
    return found;
  }

  /** The ids of the teams the manager manages. */
  async teamsManagedBy(institutionId: string, managerId: string): Promise<Set<string>> {
    const rows = await preparedQuery<{ id: string }>(this.dataSource, `SELECT id FROM teams WHERE institution_id = $1 AND manager_id = $2`, [institutionId, managerId]);
    return new Set(rows.map((row) => row.id));
  }

  /** Means of the composite and of the given dimensions' scores over one run's scorecards of one team. */
  async teamMean(institutionId: string, runId: string, teamId: string, dimensionIds: readonly string[]): Promise<TeamMeanView> {
    const p = new Params();
    const scorecardsOf = (alias: string) => `${alias}.institution_id = ${p.add(institutionId)} AND ${alias}.run_id = ${p.add(runId)} AND ${alias}.team_id = ${p.add(teamId)}`;
    const [row] = await this.query<{ count: number; composite: number | null; dimensions: Record<string, number | null> | null }>(
      `SELECT count(*)::int AS count, avg(sc.composite) AS composite,
              (SELECT jsonb_object_agg(d.key, d.mean) FROM (
                 SELECT e.key, avg((e.value->>'score')::double precision) AS mean
                   FROM scorecards m, jsonb_each(m.result->'dimensions') e
                  WHERE ${scorecardsOf('m')} AND e.key = ANY(${p.add([...dimensionIds])}::text[])
                  GROUP BY e.key) d) AS dimensions
         FROM scorecards sc
        WHERE ${scorecardsOf('sc')}`,
      p,
    );
    const dimensions: Record<string, number | null> = {};
    for (const id of dimensionIds) dimensions[id] = numberOrNull(row.dimensions?.[id]);
    return { count: Number(row.count), composite: numberOrNull(row.composite), dimensions };
  }

  /** The staff member if they are of the institution, and whether the scope lets the reader see them. */
  async findStaff(scope: ReaderScope, staffId: string): Promise<{ id: string; code: string; name: string; visible: boolean } | null> {
    const p = new Params();
    const visible = readerScopeSql(scope, { institutionId: 's.institution_id', staffId: 's.id' }, (value) => p.add(value));
    const rows = await this.query<{ id: string; code: string; name: string; visible: boolean }>(
      `SELECT s.id, s.code, s.name, (${visible}) AS visible FROM staff s WHERE s.institution_id = ${p.add(scope.institutionId)} AND s.id = ${p.add(staffId)}`,
      p,
    );
    return rows[0] ?? null;
  }

  /** The staff member's current scorecards the reader may see, oldest period first. */
  async trend(scope: ReaderScope, staffId: string): Promise<TrendPointView[]> {
    const p = new Params();
    const where = [...scopeTerms(scope, p), `sc.staff_id = ${p.add(staffId)}`, 'sc.current'];
    const rows = await this.query<Omit<TrendPointView, 'dimensions'> & { dimensions: Record<string, number | null> | null }>(
      `SELECT sc.id AS "scorecardId", sc.period, sc.document_version_id AS "documentVersionId", sc.scheme_key AS "schemeKey", sc.scheme_version AS "schemeVersion",
              sc.tier, sc.composite, sc.band, sc.zone,
              (SELECT jsonb_object_agg(e.key, e.value->'score') FROM jsonb_each(sc.result->'dimensions') e) AS dimensions
         ${READABLE} WHERE ${where.join(' AND ')} ORDER BY sc.period ASC`,
      p,
    );
    return rows.map((row) => ({ ...row, dimensions: row.dimensions ?? {} }));
  }

  /** A team of the institution, and whether a manager reader manages it. */
  async findTeam(institutionId: string, teamId: string): Promise<{ id: string; name: string; managerId: string | null } | null> {
    const p = new Params();
    const rows = await this.query<{ id: string; name: string; managerId: string | null }>(
      `SELECT id, name, manager_id AS "managerId" FROM teams WHERE institution_id = ${p.add(institutionId)} AND id = ${p.add(teamId)}`,
      p,
    );
    return rows[0] ?? null;
  }

  /** The current scorecards of a period evaluated in the team that the reader may see. */
  async teamMembers(scope: ReaderScope, teamId: string, period: string): Promise<TeamSummaryMember[]> {
    const p = new Params();
    const where = [...scopeTerms(scope, p), `sc.team_id = ${p.add(teamId)}`, `sc.period = ${p.add(period)}`, 'sc.current'];
    const rows = await this.query<Omit<TeamSummaryMember, 'dimensions' | 'zoneHits'> & { dimensions: Record<string, number | null> | null; zoneHits: string[] | null }>(
      `SELECT sc.id AS "scorecardId", sc.staff_id AS "staffId", s.code AS "staffCode", s.name AS "staffName",
              sc.document_version_id AS "documentVersionId", sc.scheme_key AS "schemeKey", sc.scheme_version AS "schemeVersion",
              sc.composite, sc.band, sc.zone,
              (SELECT jsonb_object_agg(e.key, e.value->'score') FROM jsonb_each(sc.result->'dimensions') e) AS dimensions,
              (SELECT jsonb_agg(z->>'id') FROM jsonb_array_elements(sc.result->'zones') z) AS "zoneHits"
         ${READABLE} WHERE ${where.join(' AND ')}
        ORDER BY sc.composite DESC NULLS LAST, s.code ASC`,
      p,
    );
    return rows.map((row) => ({ ...row, dimensions: row.dimensions ?? {}, zoneHits: row.zoneHits ?? [] }));
  }

  /** A period's current scorecards the reader may see, optionally of one team, with every indicator's and dimension's score; by staff code. */
  async forExport(scope: ReaderScope, period: string, teamId: string | null): Promise<ExportRow[]> {
    const p = new Params();
    const where = [...scopeTerms(scope, p), `sc.period = ${p.add(period)}`, 'sc.current'];
    if (teamId !== null) where.push(`sc.team_id = ${p.add(teamId)}`);
    const rows = await this.query<Omit<ExportRow, 'dimensions' | 'indicators'> & { dimensions: ExportRow['dimensions'] | null; indicators: ExportRow['indicators'] | null }>(
      `SELECT sc.staff_id AS "staffId", s.code AS "staffCode", s.name AS "staffName", t.name AS "teamName",
              sc.document_version_id AS "documentVersionId", sc.scheme_key AS "schemeKey", sc.scheme_version AS "schemeVersion",
              sc.tier, sc.composite, sc.band, sc.zone, sc.promotion_eligible AS "promotionEligible",
              (SELECT jsonb_object_agg(e.key, e.value->'score') FROM jsonb_each(sc.result->'dimensions') e) AS dimensions,
              (SELECT jsonb_object_agg(e.key, e.value->'score') FROM jsonb_each(sc.result->'indicators') e) AS indicators
         ${READABLE} WHERE ${where.join(' AND ')} ORDER BY s.code ASC`,
      p,
    );
    return rows.map((row) => ({ ...row, dimensions: row.dimensions ?? {}, indicators: row.indicators ?? {} }));
  }

  /** Stored scheme versions of the institution with their key and number (columns, not content). */
  async versions(institutionId: string, ids: readonly string[]): Promise<StoredVersion[]> {
    if (ids.length === 0) return [];
    const p = new Params();
    return this.query<StoredVersion>(
      `SELECT v.id, d.key, v.version, v.content FROM document_versions v JOIN documents d ON d.id = v.document_id
        WHERE v.institution_id = ${p.add(institutionId)} AND v.id = ANY(${p.add([...new Set(ids)])}::uuid[])`,
      p,
    );
  }
}

export interface ExportRow {
  staffId: string;
  staffCode: string;
  staffName: string;
  teamName: string | null;
  documentVersionId: string;
  schemeKey: string;
  schemeVersion: number;
  tier: string | null;
  composite: number | null;
  band: string | null;
  zone: 'red' | 'yellow' | 'blue' | null;
  promotionEligible: boolean | null;
  /** Dimension id → score. */
  dimensions: Record<string, number | null>;
  /** Indicator id → score; absent or null when the indicator was excluded or missing without a score. */
  indicators: Record<string, number | null>;
}

function filterTerms(f: ScorecardFilter, p: Params): string[] {
  const terms: string[] = [];
  if (f.id) terms.push(f.id.length === 0 ? 'false' : `sc.id = ANY(${p.add(f.id)}::uuid[])`);
  if (f.runId) terms.push(`sc.run_id = ${p.add(f.runId)}`);
  // Current only by default; a run's or getMany's scorecards are shown whether current or not.
  const current = f.current ?? (f.id || f.runId ? undefined : true);
  if (current !== undefined) terms.push(current ? 'sc.current' : 'NOT sc.current');
  if (f.period) terms.push(`sc.period = ${p.add(f.period)}`);
  if (f.teamId === null) terms.push('sc.team_id IS NULL');
  else if (f.teamId) terms.push(`sc.team_id = ${p.add(f.teamId)}`);
  if (f.staffId) terms.push(`sc.staff_id = ${p.add(f.staffId)}`);
  if (f.tier) terms.push(`sc.tier = ${p.add(f.tier)}`);
  if (f.band === null) terms.push('sc.band IS NULL');
  else if (f.band) terms.push(`sc.band = ${p.add(f.band)}`);
  if (f.zone === null) terms.push('sc.zone IS NULL');
  else if (f.zone) terms.push(`sc.zone = ${p.add(f.zone)}`);
  if (f.experimentId === null) terms.push('sc.experiment_id IS NULL');
  else if (f.experimentId) terms.push(`sc.experiment_id = ${p.add(f.experimentId)}`);
  if (f.experimentArm === null) terms.push('sc.experiment_arm IS NULL');
  else if (f.experimentArm) terms.push(`sc.experiment_arm = ${p.add(f.experimentArm)}`);
  if (f.hasErrors !== undefined) terms.push(f.hasErrors ? 'sc.error_count > 0' : 'sc.error_count = 0');
  if (f.q) {
    const q = p.add(likePattern(f.q));
    terms.push(`(s.code ILIKE ${q} OR s.name ILIKE ${q})`);
  }
  return terms;
}

function toView(row: ScorecardView): ScorecardView {
  return {
    id: row.id,
    runId: row.runId,
    staffId: row.staffId,
    staffCode: row.staffCode,
    staffName: row.staffName,
    teamId: row.teamId,
    teamName: row.teamName,
    period: row.period,
    documentVersionId: row.documentVersionId,
    schemeKey: row.schemeKey,
    schemeVersion: Number(row.schemeVersion),
    tier: row.tier,
    composite: numberOrNull(row.composite),
    band: row.band,
    zone: row.zone,
    promotion: row.promotion ?? null,
    errorCount: Number(row.errorCount),
    current: row.current,
    experimentId: row.experimentId ?? null,
    experimentArm: row.experimentArm ?? null,
    createdAt: new Date(row.createdAt),
  };
}

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
