import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { LocalizedText, Role } from '@carescore/engine';
import { namedBind, publishedPeriodSql, type ReaderScope, readerScopeOf, readerScopeSql } from '../../common/access/reader-scope';
import type { ListQuery, Page } from '../../common/http/list-query';
import { likePattern } from '../../database/list-query-builder';
import type { Tx } from '../../database/transaction';
import { CaseEntity, type CaseEventEntity, type CaseEventType, type CaseSource, type CaseStageVisitEntity, type VisitOutcome } from './case.entity';
import type { CaseFilter } from './cases.dto';
import { periodsWithin } from './periods';

/** Who is reading or acting: admins and quality officers see the institution, managers their teams' cases, staff their own. */
export interface CaseScope {
  institutionId: string;
  role: Role;
  userId: string;
  staffId: string | null;
}

/** A case is about its staff member and was opened under their team of the time. */
export const CASE_PERSON = { institutionId: 'c.institution_id', staffId: 'c.staff_id', teamIds: ['c.team_id'] } as const;

/** Who may read cases: the reader scope rule. */
export const caseReaderScope = (scope: CaseScope): ReaderScope => readerScopeOf({ id: scope.userId, institutionId: scope.institutionId, role: scope.role, staffId: scope.staffId });

/** A published (or pinned) workflow version as stored. */
export interface WorkflowVersionRow {
  documentId: string;
  key: string;
  name: LocalizedText | Record<string, never>;
  versionId: string;
  version: number;
  content: Record<string, unknown>;
}

/** A case to open: the first stage, its due time, and where it came from. */
export interface NewCase {
  institutionId: string;
  source: CaseSource;
  workflowDocumentId: string;
  workflowVersionId: string;
  workflowKey: string;
  workflowVersion: number;
  staffId: string;
  teamId: string | null;
  period: string;
  feedbackId: string | null;
  runId: string | null;
  zoneId: string | null;
  zone: string | null;
  action: string | null;
  stage: string;
  stageIndex: number;
  openedAt: Date;
  dueAt: Date;
}

export interface ZoneHit {
  staffId: string;
  teamId: string | null;
  zoneId: string;
  zone: string;
  action: string;
}

export interface OpenedCase {
  caseId: string;
  visitId: string;
  staffId: string;
  dueAt: Date;
  feedbackId: string | null;
  workflowKey: string;
}

/** A case with the names a reader wants beside it. */
export interface CaseView extends CaseEntity {
  staffCode: string;
  staffName: string;
  teamName: string | null;
  assigneeEmail: string | null;
  assigneeName: string | null;
  workflowName: LocalizedText | Record<string, never>;
}

export interface NewEvent {
  institutionId: string;
  caseId: string;
  type: CaseEventType;
  actor: { id: string; email: string; role: string } | null;
  stage: string | null;
  toStage?: string | null;
  fields?: Record<string, unknown> | null;
  reason?: string | null;
  data?: Record<string, unknown>;
  at: Date;
}

/** Columns a state change may set, beside the version bump. */
export interface CaseChanges {
  stage?: string | null;
  stageIndex?: number | null;
  stageStartedAt?: Date | null;
  dueAt?: Date | null;
  status?: 'open' | 'closed';
  closedAt?: Date | null;
  assigneeId?: string | null;
  hoursToClose?: number | null;
  closedInSla?: boolean | null;
}

export interface CaseFeedback {
  id: string;
  responseId: string;
  customerRef: string | null;
  channel: string | null;
  likert: Record<string, number>;
  nps: number | null;
  comment: string | null;
  respondedAt: Date;
}

export interface UserRef {
  id: string;
  email: string;
  name: string;
  role: Role;
}

const SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'c.id',
  openedAt: 'c.opened_at',
  dueAt: 'c.due_at',
  closedAt: 'c.closed_at',
  updatedAt: 'c.updated_at',
  stage: 'c.stage',
  status: 'c.status',
  period: 'c.period',
  workflowKey: 'c.workflow_key',
  staffCode: 's.code',
  staffName: 's.name',
};

interface CaseRawRow {
  [column: string]: unknown;
}

const CASE_COLUMNS: Array<[keyof CaseEntity, string]> = [
  ['id', 'id'],
  ['institutionId', 'institution_id'],
  ['source', 'source'],
  ['workflowDocumentId', 'workflow_document_id'],
  ['workflowVersionId', 'workflow_version_id'],
  ['workflowKey', 'workflow_key'],
  ['workflowVersion', 'workflow_version'],
  ['staffId', 'staff_id'],
  ['teamId', 'team_id'],
  ['period', 'period'],
  ['feedbackId', 'feedback_id'],
  ['runId', 'run_id'],
  ['zoneId', 'zone_id'],
  ['zone', 'zone'],
  ['action', 'action'],
  ['status', 'status'],
  ['stage', 'stage'],
  ['stageIndex', 'stage_index'],
  ['assigneeId', 'assignee_id'],
  ['version', 'version'],
  ['openedAt', 'opened_at'],
  ['stageStartedAt', 'stage_started_at'],
  ['dueAt', 'due_at'],
  ['closedAt', 'closed_at'],
  ['breached', 'breached'],
  ['breachCount', 'breach_count'],
  ['hoursToClose', 'hours_to_close'],
  ['closedInSla', 'closed_in_sla'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
];
const DATE_FIELDS = new Set<keyof CaseEntity>(['openedAt', 'stageStartedAt', 'dueAt', 'closedAt', 'createdAt', 'updatedAt']);

function toCase(row: CaseRawRow): CaseEntity {
  const entity = new CaseEntity();
  const target = entity as unknown as Record<string, unknown>;
  for (const [field, column] of CASE_COLUMNS) {
    const value = row[column] ?? null;
    target[field] = DATE_FIELDS.has(field) && value !== null ? new Date(value as string) : value;
  }
  return entity;
}

function toView(row: CaseRawRow): CaseView {
  return Object.assign(toCase(row), {
    staffCode: row.staff_code as string,
    staffName: row.staff_name as string,
    teamName: (row.team_name as string | null) ?? null,
    assigneeEmail: (row.assignee_email as string | null) ?? null,
    assigneeName: (row.assignee_name as string | null) ?? null,
    workflowName: (row.workflow_name as LocalizedText | null) ?? {},
  });
}

/** Cases, their stage visits and events; every read is limited to what the scope may see. */
@Injectable()
export class CasesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private manager(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  // ------------------------------------------------------------------------------ workflows

  /** The newest published version of every workflow document of the institution. */
  async publishedWorkflows(institutionId: string, tx?: Tx): Promise<WorkflowVersionRow[]> {
    return (await this.manager(tx).query(
      `SELECT DISTINCT ON (d.id) d.id AS "documentId", d.key, d.name, v.id AS "versionId", v.version, v.content
         FROM documents d
         JOIN document_versions v ON v.document_id = d.id AND v.institution_id = d.institution_id
        WHERE d.institution_id = $1 AND d.kind = 'workflow' AND v.status = 'published'
        ORDER BY d.id, v.version DESC`,
      [institutionId],
    )) as WorkflowVersionRow[];
  }

  /** Workflow versions by id (any status: a case keeps following the version it pinned, even once retired). */
  async workflowVersions(versionIds: readonly string[], tx?: Tx): Promise<WorkflowVersionRow[]> {
    if (versionIds.length === 0) return [];
    return (await this.manager(tx).query(
      `SELECT d.id AS "documentId", d.key, d.name, v.id AS "versionId", v.version, v.content
         FROM document_versions v JOIN documents d ON d.id = v.document_id
        WHERE v.id = ANY($1::uuid[]) AND d.kind = 'workflow'`,
      [[...versionIds]],
    )) as WorkflowVersionRow[];
  }

  // -------------------------------------------------------------------------------- opening

  /**
   * Opens cases in one statement: the case, its first stage visit and its `opened` event. A case
   * that already exists (the same feedback response and workflow, or the same staff member,
   * period and zone rule) is skipped by the unique indexes, so opening is idempotent.
   */
  async openCases(rows: readonly NewCase[], tx: Tx): Promise<OpenedCase[]> {
    if (rows.length === 0) return [];
    const input = rows.map((row) => ({
      institution_id: row.institutionId,
      source: row.source,
      workflow_document_id: row.workflowDocumentId,
      workflow_version_id: row.workflowVersionId,
      workflow_key: row.workflowKey,
      workflow_version: row.workflowVersion,
      staff_id: row.staffId,
      team_id: row.teamId,
      period: row.period,
      feedback_id: row.feedbackId,
      run_id: row.runId,
      zone_id: row.zoneId,
      zone: row.zone,
      action: row.action,
      stage: row.stage,
      stage_index: row.stageIndex,
      opened_at: row.openedAt.toISOString(),
      due_at: row.dueAt.toISOString(),
    }));
    const opened = (await tx.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
           institution_id uuid, source text, workflow_document_id uuid, workflow_version_id uuid, workflow_key text, workflow_version int,
           staff_id uuid, team_id uuid, period text, feedback_id uuid, run_id uuid, zone_id text, zone text, action text,
           stage text, stage_index int, opened_at timestamptz, due_at timestamptz)
       ),
       opened AS (
         INSERT INTO cases (institution_id, source, workflow_document_id, workflow_version_id, workflow_key, workflow_version, staff_id, team_id,
                            period, feedback_id, run_id, zone_id, zone, action, status, stage, stage_index, opened_at, stage_started_at, due_at)
         SELECT institution_id, source, workflow_document_id, workflow_version_id, workflow_key, workflow_version, staff_id, team_id,
                period, feedback_id, run_id, zone_id, zone, action, 'open', stage, stage_index, opened_at, opened_at, due_at
           FROM input
         ON CONFLICT DO NOTHING
         RETURNING *
       ),
       visits AS (
         INSERT INTO case_stage_visits (institution_id, case_id, seq, stage, stage_index, started_at, due_at, next_check_at)
         SELECT institution_id, id, 1, stage, stage_index, opened_at, due_at, due_at FROM opened
         RETURNING id, case_id
       ),
       events AS (
         INSERT INTO case_events (institution_id, case_id, type, stage, data, at)
         SELECT institution_id, id, 'opened', stage,
                jsonb_strip_nulls(jsonb_build_object('source', source, 'workflowKey', workflow_key, 'workflowVersion', workflow_version,
                  'period', period, 'feedbackId', feedback_id, 'runId', run_id, 'zoneId', zone_id, 'zone', zone, 'action', action, 'dueAt', due_at)),
                opened_at
           FROM opened
       )
       SELECT o.id AS "caseId", v.id AS "visitId", o.staff_id AS "staffId", o.due_at AS "dueAt", o.feedback_id AS "feedbackId", o.workflow_key AS "workflowKey"
         FROM opened o JOIN visits v ON v.case_id = o.id`,
      [JSON.stringify(input)],
    )) as Array<OpenedCase & { dueAt: string | Date }>;
    return opened.map((row) => ({ ...row, dueAt: new Date(row.dueAt) }));
  }

  /** Zone hits of a run's current scorecards: one row per staff member and zone rule. */
  async zoneHits(runId: string, tx: Tx): Promise<ZoneHit[]> {
    return (await tx.query(
      `SELECT s.staff_id AS "staffId", s.team_id AS "teamId", z->>'id' AS "zoneId", z->>'zone' AS zone, z->>'action' AS action
         FROM scorecards s CROSS JOIN LATERAL jsonb_array_elements(s.result->'zones') AS z
        WHERE s.run_id = $1 AND s.current AND s.zone IS NOT NULL`,
      [runId],
    )) as ZoneHit[];
  }

  // ---------------------------------------------------------------------------------- reads

  private visible(scope: CaseScope, tx?: Tx): SelectQueryBuilder<CaseRawRow> {
    const qb = this.manager(tx)
      .createQueryBuilder()
      .select('c.*')
      .addSelect('s.code', 'staff_code')
      .addSelect('s.name', 'staff_name')
      .addSelect('t.name', 'team_name')
      .addSelect('u.email', 'assignee_email')
      .addSelect('u.name', 'assignee_name')
      .addSelect('d.name', 'workflow_name')
      .from('cases', 'c')
      .innerJoin('staff', 's', 's.id = c.staff_id')
      .innerJoin('documents', 'd', 'd.id = c.workflow_document_id')
      .leftJoin('teams', 't', 't.id = c.team_id')
      .leftJoin('users', 'u', 'u.id = c.assignee_id');
    const readerScope = caseReaderScope(scope);
    qb.where(readerScopeSql(readerScope, CASE_PERSON, namedBind(qb)));
    // A case a run opened from a zone tells the staff member their result: not before the period is published.
    if (readerScope.kind === 'self') qb.andWhere(`(c.source <> 'zone' OR ${publishedPeriodSql({ institutionId: 'c.institution_id', period: 'c.period' })})`);
    return qb as unknown as SelectQueryBuilder<CaseRawRow>;
  }

  async findVisible(scope: CaseScope, id: string, tx?: Tx): Promise<CaseView | null> {
    const row = await this.visible(scope, tx).andWhere('c.id = :id', { id }).getRawOne<CaseRawRow>();
    return row ? toView(row) : null;
  }

  async list(scope: CaseScope, query: ListQuery<CaseFilter>, now: Date): Promise<Page<CaseView>> {
    const qb = this.visible(scope);
    const f = query.filter;
    if (f.id) {
      if (f.id.length === 0) return { items: [], total: 0 };
      qb.andWhere('c.id IN (:...ids)', { ids: f.id });
    }
    if (f.status) qb.andWhere('c.status = :status', { status: f.status });
    if (f.stage) qb.andWhere('c.stage IN (:...stages)', { stages: f.stage });
    if (f.overdue === true) qb.andWhere(`c.status = 'open' AND c.due_at < :now`, { now });
    if (f.overdue === false) qb.andWhere(`NOT (c.status = 'open' AND c.due_at < :now)`, { now });
    if (f.breached !== undefined) qb.andWhere('c.breached = :breached', { breached: f.breached });
    if (f.assigneeId === null) qb.andWhere('c.assignee_id IS NULL');
    else if (f.assigneeId) qb.andWhere('c.assignee_id = :assigneeId', { assigneeId: f.assigneeId });
    if (f.staffId) qb.andWhere('c.staff_id = :staffId', { staffId: f.staffId });
    if (f.teamId === null) qb.andWhere('c.team_id IS NULL');
    else if (f.teamId) qb.andWhere('c.team_id = :teamId', { teamId: f.teamId });
    if (f.kind) qb.andWhere('c.source = :kind', { kind: f.kind });
    if (f.workflowKey) qb.andWhere('c.workflow_key = :workflowKey', { workflowKey: f.workflowKey });
    if (f.zone) qb.andWhere('c.zone = :zone', { zone: f.zone });
    if (f.period) qb.andWhere('c.period IN (:...periods)', { periods: periodsWithin(f.period) });
    if (f.q) qb.andWhere('(s.code ILIKE :q OR s.name ILIKE :q OR c.workflow_key ILIKE :q)', { q: likePattern(f.q) });

    const counted = await qb.clone().select('COUNT(*)::int', 'total').getRawOne<{ total: number }>();
    const column = SORT_COLUMNS[query.sort.field] ?? SORT_COLUMNS.openedAt;
    qb.orderBy(column, query.sort.order, 'NULLS LAST');
    if (column !== 'c.id') qb.addOrderBy('c.id', 'ASC');
    const rows = await qb.offset(query.offset).limit(query.limit).getRawMany<CaseRawRow>();
    return { items: rows.map(toView), total: Number(counted?.total ?? 0) };
  }

  /**
   * Open cases in the reader's scope, soonest due first: for a quality officer their own and the
   * unassigned ones, for an admin their own; managers and staff get every open case they can see
   * (the service keeps those whose current stage is theirs).
   */
  async inbox(scope: CaseScope, limit: number): Promise<CaseView[]> {
    const qb = this.visible(scope).andWhere(`c.status = 'open'`);
    if (scope.role === 'quality_officer') qb.andWhere('(c.assignee_id = :me OR c.assignee_id IS NULL)', { me: scope.userId });
    if (scope.role === 'admin') qb.andWhere('c.assignee_id = :me', { me: scope.userId });
    qb.orderBy('c.due_at', 'ASC').addOrderBy('c.id', 'ASC').limit(limit);
    return (await qb.getRawMany<CaseRawRow>()).map(toView);
  }

  async events(institutionId: string, caseId: string, tx?: Tx): Promise<CaseEventEntity[]> {
    const rows = (await this.manager(tx).query(
      `SELECT id::text AS id, institution_id AS "institutionId", case_id AS "caseId", type, actor_id AS "actorId", actor_email AS "actorEmail",
              actor_role AS "actorRole", stage, to_stage AS "toStage", fields, reason, data, at, created_at AS "createdAt"
         FROM case_events WHERE institution_id = $1 AND case_id = $2 ORDER BY id`,
      [institutionId, caseId],
    )) as CaseEventEntity[];
    return rows.map((row) => ({ ...row, at: new Date(row.at), createdAt: new Date(row.createdAt) }));
  }

  async visits(institutionId: string, caseId: string, tx?: Tx): Promise<CaseStageVisitEntity[]> {
    const rows = (await this.manager(tx).query(
      `SELECT id, institution_id AS "institutionId", case_id AS "caseId", seq, stage, stage_index AS "stageIndex", started_at AS "startedAt",
              due_at AS "dueAt", ended_at AS "endedAt", hours, outcome, breached, breached_at AS "breachedAt", escalations, next_check_at AS "nextCheckAt"
         FROM case_stage_visits WHERE institution_id = $1 AND case_id = $2 ORDER BY seq`,
      [institutionId, caseId],
    )) as CaseStageVisitEntity[];
    return rows.map(toVisit);
  }

  /** The feedback response a case was opened from. */
  async feedback(institutionId: string, feedbackId: string): Promise<CaseFeedback | null> {
    const rows = (await this.dataSource.query(
      `SELECT id, response_id AS "responseId", customer_ref AS "customerRef", channel, likert, nps, comment, responded_at AS "respondedAt"
         FROM feedback WHERE institution_id = $1 AND id = $2`,
      [institutionId, feedbackId],
    )) as CaseFeedback[];
    return rows[0] ? { ...rows[0], respondedAt: new Date(rows[0].respondedAt) } : null;
  }

  // -------------------------------------------------------------------------------- actions

  /**
   * The optimistic-concurrency gate of every action that moves a case: bumps `version` only if it
   * is still the one the caller read and the case is open. The row lock it takes serialises
   * concurrent actors (and the escalation sweep); the loser sees no row.
   */
  async claim(institutionId: string, id: string, expectedVersion: number, tx: Tx): Promise<boolean> {
    const [, affected] = (await tx.query(
      `UPDATE cases SET version = version + 1, updated_at = now() WHERE id = $1 AND institution_id = $2 AND version = $3 AND status = 'open'`,
      [id, institutionId, expectedVersion],
    )) as [unknown, number];
    return affected === 1;
  }

  async update(institutionId: string, id: string, changes: CaseChanges, tx: Tx): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id, institutionId];
    const columns: Record<keyof CaseChanges, string> = {
      stage: 'stage',
      stageIndex: 'stage_index',
      stageStartedAt: 'stage_started_at',
      dueAt: 'due_at',
      status: 'status',
      closedAt: 'closed_at',
      assigneeId: 'assignee_id',
      hoursToClose: 'hours_to_close',
      closedInSla: 'closed_in_sla',
    };
    for (const [field, value] of Object.entries(changes) as Array<[keyof CaseChanges, unknown]>) {
      if (value === undefined) continue;
      params.push(value instanceof Date ? value.toISOString() : value);
      sets.push(`${columns[field]} = $${params.length}`);
    }
    if (sets.length === 0) return;
    await tx.query(`UPDATE cases SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 AND institution_id = $2`, params);
  }

  /** The case row locked for the rest of the transaction (the sweep and escalations take this lock first). */
  async lock(id: string, tx: Tx): Promise<CaseEntity | null> {
    const rows = (await tx.query(`SELECT * FROM cases WHERE id = $1 FOR UPDATE`, [id])) as CaseRawRow[];
    return rows.length > 0 ? toCase(rows[0]) : null;
  }

  async openVisit(caseId: string, tx: Tx): Promise<CaseStageVisitEntity | null> {
    const rows = (await tx.query(
      `SELECT id, institution_id AS "institutionId", case_id AS "caseId", seq, stage, stage_index AS "stageIndex", started_at AS "startedAt",
              due_at AS "dueAt", ended_at AS "endedAt", hours, outcome, breached, breached_at AS "breachedAt", escalations, next_check_at AS "nextCheckAt"
         FROM case_stage_visits WHERE case_id = $1 AND ended_at IS NULL`,
      [caseId],
    )) as CaseStageVisitEntity[];
    return rows.length > 0 ? toVisit(rows[0]) : null;
  }

  /**
   * Ends the open visit at `at` with its time in the stage; a stage finished after its due time
   * counts as breached even if the sweep had not marked it yet. Returns whether this newly breached it.
   */
  async endVisit(visit: CaseStageVisitEntity, at: Date, outcome: VisitOutcome, tx: Tx): Promise<boolean> {
    const late = at.getTime() > visit.dueAt.getTime();
    const newlyBreached = late && !visit.breached;
    await tx.query(
      `UPDATE case_stage_visits
          SET ended_at = $2, outcome = $3, hours = extract(epoch FROM ($2::timestamptz - started_at)) / 3600, next_check_at = NULL,
              breached = breached OR $4, breached_at = coalesce(breached_at, CASE WHEN $4 THEN due_at END)
        WHERE id = $1 AND ended_at IS NULL`,
      [visit.id, at.toISOString(), outcome, late],
    );
    if (newlyBreached) await this.countBreach(visit.caseId, tx);
    return newlyBreached;
  }

  async startVisit(institutionId: string, caseId: string, stage: string, stageIndex: number, startedAt: Date, dueAt: Date, tx: Tx): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO case_stage_visits (institution_id, case_id, seq, stage, stage_index, started_at, due_at, next_check_at)
       SELECT $1, $2, coalesce(max(seq), 0) + 1, $3, $4, $5, $6, $6 FROM case_stage_visits WHERE case_id = $2
       RETURNING id`,
      [institutionId, caseId, stage, stageIndex, startedAt.toISOString(), dueAt.toISOString()],
    )) as Array<{ id: string }>;
    return row.id;
  }

  async appendEvent(event: NewEvent, tx: Tx): Promise<void> {
    await tx.query(
      `INSERT INTO case_events (institution_id, case_id, type, actor_id, actor_email, actor_role, stage, to_stage, fields, reason, data, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        event.institutionId,
        event.caseId,
        event.type,
        event.actor?.id ?? null,
        event.actor?.email ?? null,
        event.actor?.role ?? null,
        event.stage,
        event.toStage ?? null,
        event.fields === undefined || event.fields === null ? null : JSON.stringify(event.fields),
        event.reason ?? null,
        JSON.stringify(event.data ?? {}),
        event.at.toISOString(),
      ],
    );
  }

  /** Whether a user may be assigned cases: active, of the institution, and not a staff login. */
  async findAssignableUser(institutionId: string, userId: string, tx?: Tx): Promise<UserRef | null> {
    const rows = (await this.manager(tx).query(`SELECT id, email, name, role FROM users WHERE institution_id = $1 AND id = $2 AND active`, [institutionId, userId])) as UserRef[];
    return rows[0] ?? null;
  }

  // ----------------------------------------------------------------------------- escalation

  async markBreached(visit: CaseStageVisitEntity, tx: Tx): Promise<void> {
    await tx.query(`UPDATE case_stage_visits SET breached = true, breached_at = due_at WHERE id = $1 AND NOT breached`, [visit.id]);
    await this.countBreach(visit.caseId, tx);
  }

  private async countBreach(caseId: string, tx: Tx): Promise<void> {
    await tx.query(`UPDATE cases SET breached = true, breach_count = breach_count + 1, updated_at = now() WHERE id = $1`, [caseId]);
  }
}

function toVisit(row: CaseStageVisitEntity): CaseStageVisitEntity {
  return {
    ...row,
    startedAt: new Date(row.startedAt),
    dueAt: new Date(row.dueAt),
    endedAt: row.endedAt ? new Date(row.endedAt) : null,
    breachedAt: row.breachedAt ? new Date(row.breachedAt) : null,
    nextCheckAt: row.nextCheckAt ? new Date(row.nextCheckAt) : null,
    hours: row.hours === null ? null : Number(row.hours),
  };
}
