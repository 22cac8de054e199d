import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { honourRollScopeSql, positionalBind, type ReaderScope, teamVisibleSql } from '../../common/access/reader-scope';
import type { EarnedAward, HonourRollRow } from './awards.dto';

@Injectable()
export class AwardsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** A team of the reader's institution, and whether the reader may look at it as a team (teamVisibleSql). */
  async findTeam(scope: ReaderScope, teamId: string): Promise<{ id: string; name: string; nameEn: string | null; visible: boolean } | null> {
    const values: unknown[] = [];
    const bind = positionalBind(values);
    const visible = teamVisibleSql(scope, { institutionId: 't.institution_id', teamId: 't.id' }, bind);
    const rows = (await this.dataSource.query(
      `SELECT t.id, t.name, t.name_en AS "nameEn", (${visible}) AS visible FROM teams t WHERE t.institution_id = ${bind(scope.institutionId)} AND t.id = ${bind(teamId)}`,
      values,
    )) as Array<{ id: string; name: string; nameEn: string | null; visible: boolean }>;
    return rows[0] ?? null;
  }

  /**
   * The current scorecards of succeeded runs recorded under the team for the period that earned at least one award and
   * that the reader may see on the roll (honourRollScopeSql), by staff code.
   */
  async honourRoll(scope: ReaderScope, teamId: string, period: string): Promise<HonourRollRow[]> {
    const values: unknown[] = [];
    const bind = positionalBind(values);
    const visible = honourRollScopeSql(scope, { institutionId: 'sc.institution_id', teamId: 'sc.team_id', period: 'sc.period' }, bind);
    const rows = (await this.dataSource.query(
      `SELECT sc.id AS "scorecardId", sc.staff_id AS "staffId", s.code AS "staffCode", s.name AS "staffName", sc.result->'awards' AS awards
         FROM scorecards sc
         JOIN evaluation_runs r ON r.id = sc.run_id AND r.institution_id = sc.institution_id AND r.status = 'succeeded'
         JOIN staff s ON s.id = sc.staff_id AND s.institution_id = sc.institution_id
        WHERE ${visible} AND sc.team_id = ${bind(teamId)} AND sc.period = ${bind(period)} AND sc.current
          AND jsonb_typeof(sc.result->'awards') = 'array' AND jsonb_array_length(sc.result->'awards') > 0
        ORDER BY s.code ASC`,
      values,
    )) as Array<Omit<HonourRollRow, 'awards'> & { awards: EarnedAward[] | string }>;
    // pglite and node-postgres both parse jsonb; a text value would come from a driver that does not.
    return rows.map((row) => ({ ...row, awards: typeof row.awards === 'string' ? (JSON.parse(row.awards) as EarnedAward[]) : row.awards }));
  }
}
