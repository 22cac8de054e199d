import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@carescore/engine';
import { DataSource } from 'typeorm';
import type { ListQuery, Page } from '../../common/http/list-query';
import type { Tx } from '../../database/transaction';
import type { BothLanguages, ChangeRequestFilter, ChangeRequestKind, ChangeRequestStatus, ChangeRequestSummary, ChangeRequestTargetType } from './change-requests.dto';

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface ChangeRequestRow {
  id: string;
  institutionId: string;
  kind: ChangeRequestKind;
  status: ChangeRequestStatus;
  targetType: ChangeRequestTargetType;
  targetId: string;
  payload: Record<string, unknown>;
  basis: Record<string, unknown>;
  summary: ChangeRequestSummary;
  requestedBy: Person;
  requestedAt: Date;
  decidedBy: Person | null;
  decidedAt: Date | null;
  reason: string | null;
}

export interface NewChangeRequest {
  institutionId: string;
  kind: ChangeRequestKind;
  targetType: ChangeRequestTargetType;
  targetId: string;
  payload: Record<string, unknown>;
  basis: Record<string, unknown>;
  summary: ChangeRequestSummary;
  requestedBy: string;
}

/** The document a publish request names. */
export interface DocumentFacts {
  key: string;
  kind: string;
  name: BothLanguages | null;
  revision: number;
  draftVersion: number | null;
}

export interface BindingFacts {
  period: string;
  teamId: string | null;
  teamName: string | null;
  documentId: string;
  documentKey: string;
  version: number;
}

export interface ExperimentFacts {
  key: string;
  name: BothLanguages;
  periods: string[];
  challengerKey: string;
  challengerVersion: number;
}

const SORT_COLUMNS: Readonly<Record<string, string>> = { id: 'c.id', requestedAt: 'c.requested_at', decidedAt: 'c.decided_at', kind: 'c.kind', status: 'c.status' };

const COLUMNS = `c.id, c.institution_id AS "institutionId", c.kind, c.status, c.target_type AS "targetType", c.target_id AS "targetId", c.payload, c.basis, c.summary,
  json_build_object('id', r.id, 'name', r.name, 'email', r.email) AS "requestedBy", c.requested_at AS "requestedAt",
  CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id, 'name', d.name, 'email', d.email) END AS "decidedBy", c.decided_at AS "decidedAt", c.reason`;
const FROM = `change_requests c JOIN users r ON r.id = c.requested_by LEFT JOIN users d ON d.id = c.decided_by`;

/** SQL true when the reader (`$user`, `$role`) may decide the request: pending, not theirs, their role eligible. */
const ACTIONABLE = (user: string, role: string) =>
  `(c.status = 'pending' AND c.requested_by <> ${user}::uuid AND (${role} = 'admin' OR (${role} = 'quality_officer' AND c.kind = 'document_publish' AND c.summary->>'kind' = 'workflow')))`;

/** Change requests, and what they read of their targets (the documents, bindings, experiments and periods they act on). */
@Injectable()
export class ChangeRequestsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private q(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  async insert(row: NewChangeRequest, tx: Tx): Promise<string> {
    const rows = (await tx.query(
      `INSERT INTO change_requests (institution_id, kind, target_type, target_id, payload, basis, summary, requested_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8) RETURNING id`,
      [row.institutionId, row.kind, row.targetType, row.targetId, JSON.stringify(row.payload), JSON.stringify(row.basis), JSON.stringify(row.summary), row.requestedBy],
    )) as Array<{ id: string }>;
    return rows[0].id;
  }

  async find(institutionId: string, id: string, tx?: Tx, lock = false): Promise<ChangeRequestRow | null> {
    if (lock && tx) await tx.query(`SELECT 1 FROM change_requests WHERE id = $1 AND institution_id = $2 FOR UPDATE`, [id, institutionId]);
    const rows = (await this.q(tx).query(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = $1 AND c.institution_id = $2`, [id, institutionId])) as ChangeRequestRow[];
    return rows[0] ? withDates(rows[0]) : null;
  }

  async findPending(institutionId: string, targetType: ChangeRequestTargetType, targetId: string, tx: Tx): Promise<string | null> {
    const rows = (await tx.query(`SELECT id FROM change_requests WHERE institution_id = $1 AND target_type = $2 AND target_id = $3 AND status = 'pending'`, [institutionId, targetType, targetId])) as Array<{ id: string }>;
    return rows[0]?.id ?? null;
  }

  async list(institutionId: string, reader: { id: string; role: Role }, query: ListQuery<ChangeRequestFilter>): Promise<Page<ChangeRequestRow>> {
    const where = ['c.institution_id = $1'];
    const values: unknown[] = [institutionId];
    const add = (sql: (n: string) => string, value: unknown) => {
      values.push(value);
      where.push(sql(`$${values.length}`));
    };
    const f = query.filter;
    if (f.id) add((n) => `c.id = ANY(${n}::uuid[])`, f.id);
    if (f.status) add((n) => `c.status = ${n}`, f.status);
    if (f.kind) add((n) => `c.kind = ${n}`, f.kind);
    if (f.targetType) add((n) => `c.target_type = ${n}`, f.targetType);
    if (f.targetId) add((n) => `c.target_id = ${n}`, f.targetId);
    if (f.actionable !== undefined) {
      values.push(reader.id, reader.role);
      const actionable = ACTIONABLE(`$${values.length - 1}`, `$${values.length}::text`);
      where.push(f.actionable ? actionable : `NOT ${actionable}`);
    }
    const order = `${SORT_COLUMNS[query.sort.field] ?? 'c.requested_at'} ${query.sort.order} NULLS LAST, c.id ${query.sort.order}`;
    const filter = where.join(' AND ');
    const [items, counts] = await Promise.all([
      this.dataSource.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${filter} ORDER BY ${order} OFFSET ${query.offset} LIMIT ${query.limit}`, values) as Promise<ChangeRequestRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM change_requests c WHERE ${filter}`, values) as Promise<Array<{ n: number }>>,
    ]);
    return { items: items.map(withDates), total: counts[0].n };
  }

  /** Ends a pending request (0 rows: it was no longer pending). */
  async decide(id: string, status: Exclude<ChangeRequestStatus, 'pending'>, decidedBy: string, reason: string | null, tx: Tx): Promise<boolean> {
    const [, affected] = (await tx.query(
      `UPDATE change_requests SET status = $2, decided_by = $3, decided_at = now(), reason = $4, updated_at = now() WHERE id = $1 AND status = 'pending'`,
      [id, status, decidedBy, reason],
    )) as [unknown, number];
    return affected === 1;
  }

  // ------------------------------------------------------------------- what the requests act on

  async document(institutionId: string, id: string, tx?: Tx): Promise<DocumentFacts | null> {
    const rows = (await this.q(tx).query(
      `SELECT d.key, d.kind, d.name, d.revision, (SELECT v.version FROM document_versions v WHERE v.document_id = d.id AND v.status = 'draft' LIMIT 1) AS "draftVersion"
         FROM documents d WHERE d.id = $1 AND d.institution_id = $2`,
      [id, institutionId],
    )) as Array<DocumentFacts & { name: Partial<BothLanguages> }>;
    const row = rows[0];
    if (!row) return null;
    const name = row.name?.zh || row.name?.en ? { zh: row.name.zh || row.name.en || row.key, en: row.name.en || row.name.zh || row.key } : null;
    return { ...row, name };
  }

  async binding(institutionId: string, id: string, tx?: Tx): Promise<BindingFacts | null> {
    const rows = (await this.q(tx).query(
      `SELECT b.period, b.team_id AS "teamId", t.name AS "teamName", b.document_id AS "documentId", d.key AS "documentKey", b.version
         FROM bindings b JOIN documents d ON d.id = b.document_id LEFT JOIN teams t ON t.id = b.team_id
        WHERE b.id = $1 AND b.institution_id = $2`,
      [id, institutionId],
    )) as BindingFacts[];
    return rows[0] ?? null;
  }

  async documentKey(institutionId: string, id: string, tx?: Tx): Promise<string | null> {
    const rows = (await this.q(tx).query(`SELECT key FROM documents WHERE id = $1 AND institution_id = $2`, [id, institutionId])) as Array<{ key: string }>;
    return rows[0]?.key ?? null;
  }

  async teamName(institutionId: string, id: string, tx?: Tx): Promise<string | null> {
    const rows = (await this.q(tx).query(`SELECT name FROM teams WHERE id = $1 AND institution_id = $2`, [id, institutionId])) as Array<{ name: string }>;
    return rows[0]?.name ?? null;
  }

  async experiment(institutionId: string, id: string, tx?: Tx): Promise<ExperimentFacts | null> {
    const rows = (await this.q(tx).query(
      `SELECT e.key, e.name, e.periods, d.key AS "challengerKey", e.challenger_version AS "challengerVersion"
         FROM experiments e JOIN documents d ON d.id = e.challenger_document_id WHERE e.id = $1 AND e.institution_id = $2`,
      [id, institutionId],
    )) as ExperimentFacts[];
    return rows[0] ?? null;
  }

  /** Whether any evaluation run of the period exists (then its bindings change only by request). */
  async periodHasRuns(institutionId: string, period: string, tx?: Tx): Promise<boolean> {
    const rows = (await this.q(tx).query(`SELECT EXISTS (SELECT 1 FROM evaluation_runs WHERE institution_id = $1 AND period = $2) AS runs`, [institutionId, period])) as Array<{ runs: boolean }>;
    return rows[0].runs;
  }

  /**
   * The target as it stands, in the fields a request's basis keeps: a document's revision; the binding of a
   * period's scope (a new binding: whether one exists); a binding's version and last change; an experiment's status
   * and last change; a period's state. Null when the target is gone.
   */
  async snapshot(institutionId: string, kind: ChangeRequestKind, targetId: string, payload: Record<string, unknown>, tx?: Tx): Promise<Record<string, unknown> | null> {
    const one = async (sql: string, values: unknown[]) => ((await this.q(tx).query(sql, values)) as Array<Record<string, unknown>>)[0] ?? null;
    switch (kind) {
      case 'document_publish':
        return one(`SELECT revision FROM documents WHERE id = $1 AND institution_id = $2`, [targetId, institutionId]);
      case 'binding_create': {
        const bound = await one(`SELECT id FROM bindings WHERE institution_id = $1 AND period = $2 AND team_id IS NOT DISTINCT FROM $3::uuid`, [institutionId, payload.period, payload.teamId ?? null]);
        return { bindingId: bound?.id ?? null };
      }
      case 'binding_update':
      case 'binding_delete':
        return one(`SELECT document_version_id AS "documentVersionId", updated_at::text AS "updatedAt" FROM bindings WHERE id = $1 AND institution_id = $2`, [targetId, institutionId]);
      case 'experiment_promote':
        return one(`SELECT status, updated_at::text AS "updatedAt" FROM experiments WHERE id = $1 AND institution_id = $2`, [targetId, institutionId]);
      case 'period_close':
      case 'period_reopen':
        return { state: (await one(`SELECT state FROM periods WHERE institution_id = $1 AND period = $2`, [institutionId, targetId]))?.state ?? 'open' };
    }
  }
}

function withDates(row: ChangeRequestRow): ChangeRequestRow {
  return { ...row, requestedAt: new Date(row.requestedAt), decidedAt: row.decidedAt === null ? null : new Date(row.decidedAt) };
}
