import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ListQuery, Page } from '../../common/http/list-query';
import { likePattern, pageOf } from '../../database/list-query-builder';
import type { Tx } from '../../database/transaction';
import { AuditEntryEntity } from './audit-entry.entity';
import type { ChainLink } from './audit-chain';
import type { AuditFilter } from './audit.dto';

export type NewAuditEntry = Pick<AuditEntryEntity, 'institutionId' | 'actorId' | 'actorEmail' | 'action' | 'entityType' | 'entityId' | 'changes' | 'ip'>;

const MIN_BIGINT = '-9223372036854775808';

@Injectable()
export class AuditRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async append(entry: NewAuditEntry, tx?: Tx): Promise<void> {
    const repo = (tx ?? this.dataSource.manager).getRepository(AuditEntryEntity);
    await repo.save(repo.create(entry), { reload: false });
  }

  async list(institutionId: string, query: ListQuery<AuditFilter>): Promise<Page<AuditEntryEntity>> {
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a').where('a.institution_id = :institutionId', { institutionId });
    const f = query.filter;
    if (f.id) qb.andWhere('a.id IN (:...ids)', { ids: f.id });
    if (f.action) qb.andWhere('a.action = :action', { action: f.action });
    if (f.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: f.entityType });
    if (f.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: f.entityId });
    if (f.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: f.actorId });
    if (f.from) qb.andWhere('a.created_at >= :from', { from: f.from });
    if (f.to) qb.andWhere('a.created_at < :to', { to: f.to });
    if (f.q) qb.andWhere('(a.action ILIKE :q OR a.entity_type ILIKE :q OR a.actor_email ILIKE :q OR a.entity_id ILIKE :q)', { q: likePattern(f.q) });
    return pageOf(qb, query, { id: 'a.id', createdAt: 'a.created_at', action: 'a.action', entityType: 'a.entity_type', actorEmail: 'a.actor_email' });
  }

  /** The chains there are: one per institution with entries, and null for entries without one. */
  async chainIds(): Promise<Array<string | null>> {
    const rows = (await this.dataSource.query(`SELECT DISTINCT institution_id FROM audit_log ORDER BY institution_id NULLS FIRST`)) as Array<{ institution_id: string | null }>;
    return rows.map((row) => row.institution_id);
  }

  /** Up to `limit` links of a chain after `after` (sequence, then id: a repeated sequence is still read), with each entry's hash recomputed. */
  async chainLinks(institutionId: string | null, after: { seq: number; id: string } | null, limit: number): Promise<ChainLink[]> {
    const chain = institutionId === null ? 'a.institution_id IS NULL' : 'a.institution_id = $4';
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.seq, a.prev_hash, a.hash, audit_log_entry_hash(a) AS recomputed
         FROM audit_log a
        WHERE ${chain} AND (a.seq, a.id) > ($1::bigint, $2::bigint)
        ORDER BY a.seq, a.id
        LIMIT $3`,
      [after ? String(after.seq) : MIN_BIGINT, after?.id ?? MIN_BIGINT, limit, ...(institutionId === null ? [] : [institutionId])],
    )) as Array<{ id: string; seq: string; prev_hash: string | null; hash: string | null; recomputed: string }>;
    return rows.map((row) => ({ id: String(row.id), seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash, recomputed: row.recomputed }));
  }
}
