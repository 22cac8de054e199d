import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ListQuery, Page } from '../../common/http/list-query';
import { likePattern, pageOf } from '../../database/list-query-builder';
import type { Tx } from '../../database/transaction';
import { AuditEntryEntity } from './audit-entry.entity';
import type { AuditFilter } from './audit.dto';

export type NewAuditEntry = Pick<AuditEntryEntity, 'institutionId' | 'actorId' | 'actorEmail' | 'action' | 'entityType' | 'entityId' | 'changes' | 'ip'>;

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
}
