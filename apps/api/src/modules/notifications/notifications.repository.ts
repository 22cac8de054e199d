import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { namedBind, type ReaderScope, readerScopeSql } from '../../common/access/reader-scope';
import type { ListQuery, Page } from '../../common/http/list-query';
import { CASE_PERSON } from '../cases/cases.repository';
import { pageOf } from '../../database/list-query-builder';
import type { Tx } from '../../database/transaction';
import { NotificationEntity } from './notification.entity';
import type { NotificationFilter } from './notifications.dto';

export type NewNotification = Pick<NotificationEntity, 'step' | 'stage' | 'notify' | 'recipients' | 'message' | 'dueAt' | 'createdAt'> & { institutionId: string; caseId: string; visitId: string };

/** A notice that is not a case's escalation: a scheduled run that failed. */
export type NewSystemNotice = Pick<NotificationEntity, 'institutionId' | 'kind' | 'bindingId' | 'runId' | 'stage' | 'notify' | 'recipients' | 'message'> & { at: Date };

/** Undelivered notices are retried by the sweep this many times. */
export const MAX_DELIVERY_ATTEMPTS = 5;

const SORT_COLUMNS = { id: 'n.id', createdAt: 'n.created_at', dueAt: 'n.due_at', status: 'n.status', notify: 'n.notify' } as const;

@Injectable()
export class NotificationsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Records a notice once per stage visit and escalation step; null when it exists already. */
  async insert(notification: NewNotification, tx: Tx): Promise<string | null> {
    const rows = (await tx.query(
      `INSERT INTO notifications (institution_id, case_id, visit_id, step, stage, notify, recipients, message, due_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (visit_id, step) DO NOTHING RETURNING id`,
      [
        notification.institutionId,
        notification.caseId,
        notification.visitId,
        notification.step,
        notification.stage,
        notification.notify,
        JSON.stringify(notification.recipients),
        JSON.stringify(notification.message),
        notification.dueAt.toISOString(),
        notification.createdAt.toISOString(),
      ],
    )) as Array<{ id: string }>;
    return rows[0]?.id ?? null;
  }

  async insertSystemNotice(notice: NewSystemNotice, tx: Tx): Promise<string> {
    const rows = (await tx.query(
      `INSERT INTO notifications (institution_id, kind, case_id, visit_id, binding_id, run_id, step, stage, notify, recipients, message, due_at, created_at)
       VALUES ($1, $2, NULL, NULL, $3, $4, 0, $5, $6, $7, $8, $9, $9) RETURNING id`,
      [notice.institutionId, notice.kind, notice.bindingId, notice.runId, notice.stage, notice.notify, JSON.stringify(notice.recipients), JSON.stringify(notice.message), notice.at.toISOString()],
    )) as Array<{ id: string }>;
    return rows[0].id;
  }

  /** The institution's active admins, who hear of what no case stands for. */
  async admins(institutionId: string, tx: Tx): Promise<NotificationEntity['recipients']> {
    const rows: Array<{ id: string; email: string; name: string }> = await tx.query(`SELECT id, email, name FROM users WHERE institution_id = $1 AND role = 'admin' AND active ORDER BY email`, [institutionId]);
    return rows.map((row) => ({ userId: row.id, email: row.email, name: row.name, role: 'admin' }));
  }

  findByIds(ids: readonly string[]): Promise<NotificationEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(NotificationEntity).createQueryBuilder('n').where('n.id IN (:...ids)', { ids }).orderBy('n.created_at').getMany();
  }

  undelivered(limit: number): Promise<NotificationEntity[]> {
    return this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where(`n.status <> 'sent' AND n.attempts < :max`, { max: MAX_DELIVERY_ATTEMPTS })
      .orderBy('n.created_at')
      .limit(limit)
      .getMany();
  }

  /** Takes a notice for delivery: of two processes holding the same attempt count, only one gets it. */
  async claim(id: string, attempts: number): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(`UPDATE notifications SET attempts = attempts + 1 WHERE id = $1 AND status <> 'sent' AND attempts = $2`, [id, attempts])) as [unknown, number];
    return affected === 1;
  }

  async recordOutcome(id: string, channel: string, error: string | null, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET channel = $2, status = $3, error = $4, sent_at = CASE WHEN $3 = 'sent' THEN $5::timestamptz ELSE sent_at END WHERE id = $1`,
      [id, channel, error === null ? 'sent' : 'failed', error, at.toISOString()],
    );
  }

  list(scope: ReaderScope, query: ListQuery<NotificationFilter>): Promise<Page<NotificationEntity>> {
    const qb = this.dataSource.getRepository(NotificationEntity).createQueryBuilder('n').where('n.institution_id = :institutionId', { institutionId: scope.institutionId });
    // A notice is about a case: it is read by whoever may read the case (the reader scope rule).
    if (scope.kind !== 'institution') qb.andWhere(`n.case_id IN (SELECT c.id FROM cases c WHERE ${readerScopeSql(scope, CASE_PERSON, namedBind(qb))})`);
    const f = query.filter;
    if (f.id) {
      if (f.id.length === 0) return Promise.resolve({ items: [], total: 0 });
      qb.andWhere('n.id IN (:...ids)', { ids: f.id });
    }
    if (f.caseId) qb.andWhere('n.case_id = :caseId', { caseId: f.caseId });
    if (f.kind) qb.andWhere('n.kind = :kind', { kind: f.kind });
    if (f.bindingId) qb.andWhere('n.binding_id = :bindingId', { bindingId: f.bindingId });
    if (f.status) qb.andWhere('n.status = :status', { status: f.status });
    if (f.notify) qb.andWhere('n.notify = :notify', { notify: f.notify });
    return pageOf(qb, query, SORT_COLUMNS);
  }
}
