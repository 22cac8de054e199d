import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_TIME_ZONE } from '@carescore/engine';
import { positionalBind, readerScopeSql } from '../../common/access/reader-scope';
import type { Tx } from '../../database/transaction';
import type { FactInputs } from '../facts/fact.entity';
import { CASE_PERSON, caseReaderScope, type CaseScope } from './cases.repository';
import { periodRange } from './periods';

export interface TeamSla {
  teamId: string | null;
  teamName: string | null;
  open: number;
  overdue: number;
  opened: number;
  closed: number;
  closedInSla: number;
  stagesDue: number;
  stagesOnTime: number;
}


export interface StageCount {
  workflowKey: string;
  stage: string;
  open: number;
  overdue: number;
}


/** Aggregates over cases: the SLA dashboard per team and stage, and the case facts runs score with. */
@Injectable()
export class CaseReportsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private async timeZone(institutionId: string, tx?: Tx): Promise<string> {
    const rows: Array<{ time_zone: string }> = await (tx ?? this.dataSource.manager).query('SELECT time_zone FROM institutions WHERE id = $1', [institutionId]);
    return rows[0]?.time_zone ?? DEFAULT_TIME_ZONE;
  }

  /** Per team (of the cases in scope): open, overdue, opened/closed in the period, closed within SLA, stage visits due and on time. */
  async teamSla(scope: CaseScope, period: string | null, now: Date): Promise<TeamSla[]> {
    const { clause, params } = this.scopeClause(scope, 3);
    const range = period ? periodRange(period, await this.timeZone(scope.institutionId)) : null;
    const rows = (await this.dataSource.query(
      `WITH scoped AS (SELECT c.* FROM cases c WHERE c.institution_id = $1 ${clause}),
       visits AS (
         SELECT c.team_id,
                count(*) FILTER (WHERE v.ended_at IS NOT NULL OR v.due_at < $2)::int AS "stagesDue",
                count(*) FILTER (WHERE (v.ended_at IS NOT NULL OR v.due_at < $2) AND NOT v.breached AND coalesce(v.ended_at, $2) <= v.due_at)::int AS "stagesOnTime"
           FROM case_stage_visits v JOIN scoped c ON c.id = v.case_id
          WHERE ${range ? `v.started_at >= $${params.length + 3} AND v.started_at < $${params.length + 4}` : 'true'}
          GROUP BY c.team_id
       ),
       counts AS (
         SELECT team_id,
                count(*) FILTER (WHERE status = 'open')::int AS open,
                count(*) FILTER (WHERE status = 'open' AND due_at < $2)::int AS overdue,
                count(*) FILTER (WHERE ${range ? `opened_at >= $${params.length + 3} AND opened_at < $${params.length + 4}` : 'true'})::int AS opened,
                count(*) FILTER (WHERE status = 'closed' ${range ? `AND closed_at >= $${params.length + 3} AND closed_at < $${params.length + 4}` : ''})::int AS closed,
                count(*) FILTER (WHERE status = 'closed' AND closed_in_sla ${range ? `AND closed_at >= $${params.length + 3} AND closed_at < $${params.length + 4}` : ''})::int AS "closedInSla"
           FROM scoped GROUP BY team_id
       )
       SELECT k.team_id AS "teamId", t.name AS "teamName", k.open, k.overdue, k.opened, k.closed, k."closedInSla",
              coalesce(v."stagesDue", 0) AS "stagesDue", coalesce(v."stagesOnTime", 0) AS "stagesOnTime"
         FROM counts k
         LEFT JOIN visits v ON coalesce(v.team_id::text, '') = coalesce(k.team_id::text, '')
         LEFT JOIN teams t ON t.id = k.team_id
        ORDER BY t.name NULLS LAST`,
      [scope.institutionId, now.toISOString(), ...params, ...(range ? [range.from.toISOString(), range.to.toISOString()] : [])],
    )) as TeamSla[];
    return rows;
  }

  async stageCounts(scope: CaseScope, now: Date): Promise<StageCount[]> {
    const { clause, params } = this.scopeClause(scope, 3);
    return (await this.dataSource.query(
      `SELECT c.workflow_key AS "workflowKey", c.stage, count(*)::int AS open, count(*) FILTER (WHERE c.due_at < $2)::int AS overdue
         FROM cases c WHERE c.institution_id = $1 AND c.status = 'open' ${clause}
        GROUP BY c.workflow_key, c.stage ORDER BY c.workflow_key, c.stage`,
      [scope.institutionId, now.toISOString(), ...params],
    )) as StageCount[];
  }

  /** The reader scope rule as a WHERE fragment over alias `c`, with parameters numbered from `first`. */
  private scopeClause(scope: CaseScope, first: number): { clause: string; params: unknown[] } {
    const values: unknown[] = new Array<unknown>(first - 1).fill(null);
    const clause = readerScopeSql(caseReaderScope(scope), CASE_PERSON, positionalBind(values));
    return { clause: `AND ${clause}`, params: values.slice(first - 1) };
  }

  // -------------------------------------------------------------------------- scoring facts

  /**
   * Per staff member, for a period: feedback cases (complaints) opened in it, closed in it, of those
   * the ones closed with no stage past its due time, and the median hours from opening to closing.
   * Zone cases are left out: they follow from scoring, so counting them would make re-evaluating
   * a period depend on the cases its own earlier run opened.
   */
  async caseFacts(institutionId: string, period: string, staffIds: readonly string[], tx: Tx): Promise<Map<string, FactInputs>> {
    const { from, to } = periodRange(period, await this.timeZone(institutionId, tx));
    const rows = (await tx.query(
      `SELECT s.id AS "staffId",
              count(c.id) FILTER (WHERE c.opened_at >= $3 AND c.opened_at < $4)::int AS opened,
              count(c.id) FILTER (WHERE c.closed_at >= $3 AND c.closed_at < $4)::int AS closed,
              count(c.id) FILTER (WHERE c.closed_at >= $3 AND c.closed_at < $4 AND c.closed_in_sla)::int AS "closedInSla",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY c.hours_to_close) FILTER (WHERE c.closed_at >= $3 AND c.closed_at < $4) AS "medianHours"
         FROM unnest($2::uuid[]) AS s(id)
         LEFT JOIN cases c ON c.staff_id = s.id AND c.institution_id = $1 AND c.source = 'feedback' AND c.opened_at < $4 AND (c.closed_at IS NULL OR c.closed_at >= $3 OR c.opened_at >= $3)
        GROUP BY s.id`,
      [institutionId, [...staffIds], from.toISOString(), to.toISOString()],
    )) as Array<{ staffId: string; opened: number; closed: number; closedInSla: number; medianHours: number | null }>;
    const facts = new Map<string, FactInputs>();
    for (const row of rows) {
      const inputs: FactInputs = { cases_opened: Number(row.opened), cases_closed: Number(row.closed), cases_closed_in_sla: Number(row.closedInSla) };
      if (row.medianHours !== null) inputs.median_hours_to_close = Number(row.medianHours);
      facts.set(row.staffId, inputs);
    }
    return facts;
  }
}
