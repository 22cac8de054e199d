import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import type { ListQuery, Page } from '../../common/http/list-query';
import { likePattern, pageOf } from '../../database/list-query-builder';
import type { Tx } from '../../database/transaction';
import { DocumentEntity, DocumentVersionEntity, type VersionStatus } from '../documents/document.entity';
import { TeamEntity } from '../teams/team.entity';
import { BindingEntity } from './binding.entity';
import type { BindingFilter } from './bindings.dto';

const SORT_COLUMNS = {
  id: 'b.id',
  period: 'b.period',
  teamId: 'b.team_id',
  documentId: 'b.document_id',
  version: 'b.version',
  createdAt: 'b.created_at',
  updatedAt: 'b.updated_at',
} as const;

/** Names shown beside bindings: document keys, team names and version statuses, by id. */
export interface BindingLabels {
  documentKeys: Map<string, string>;
  teamNames: Map<string, string>;
  versionStatuses: Map<string, VersionStatus>;
}

@Injectable()
export class BindingsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private manager(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  private repo(tx?: Tx) {
    return this.manager(tx).getRepository(BindingEntity);
  }

  findById(institutionId: string, id: string, tx?: Tx): Promise<BindingEntity | null> {
    return this.repo(tx).findOneBy({ institutionId, id });
  }

  /** The one binding for (period, team), or for (period, whole institution) when teamId is null. */
  findForScope(institutionId: string, period: string, teamId: string | null, tx?: Tx): Promise<BindingEntity | null> {
    return this.repo(tx).findOneBy({ institutionId, period, teamId: teamId ?? IsNull() });
  }

  /** Any binding of the period, institution-wide or a team's. */
  anyForPeriod(institutionId: string, period: string, tx?: Tx): Promise<BindingEntity | null> {
    return this.repo(tx).findOne({ where: { institutionId, period }, order: { createdAt: 'ASC' } });
  }

  insert(binding: Pick<BindingEntity, 'institutionId' | 'period' | 'teamId' | 'documentId' | 'documentVersionId' | 'version' | 'createdBy'>, tx: Tx): Promise<BindingEntity> {
    return this.repo(tx).save(this.repo(tx).create(binding));
  }

  async update(binding: BindingEntity, tx: Tx): Promise<BindingEntity> {
    await this.repo(tx).save(binding);
    return this.repo(tx).findOneByOrFail({ institutionId: binding.institutionId, id: binding.id });
  }

  async delete(binding: BindingEntity, tx: Tx): Promise<void> {
    await this.repo(tx).delete({ institutionId: binding.institutionId, id: binding.id });
  }

  list(institutionId: string, query: ListQuery<BindingFilter>): Promise<Page<BindingEntity>> {
    const qb = this.repo().createQueryBuilder('b').where('b.institution_id = :institutionId', { institutionId });
    const f = query.filter;
    if (f.id) qb.andWhere('b.id IN (:...ids)', { ids: f.id });
    if (f.period) qb.andWhere('b.period = :period', { period: f.period });
    if (f.teamId === null) qb.andWhere('b.team_id IS NULL');
    else if (f.teamId) qb.andWhere('b.team_id = :teamId', { teamId: f.teamId });
    if (f.documentId) qb.andWhere('b.document_id = :documentId', { documentId: f.documentId });
    if (f.q) {
      qb.andWhere(
        `(b.period ILIKE :q
          OR EXISTS (SELECT 1 FROM documents qd WHERE qd.id = b.document_id AND qd.institution_id = b.institution_id AND qd.key ILIKE :q)
          OR EXISTS (SELECT 1 FROM teams qt WHERE qt.id = b.team_id AND qt.institution_id = b.institution_id AND qt.name ILIKE :q))`,
        { q: likePattern(f.q) },
      );
    }
    return pageOf(qb, query, SORT_COLUMNS);
  }

  async labels(institutionId: string, bindings: readonly BindingEntity[], tx?: Tx): Promise<BindingLabels> {
    const unique = (values: Array<string | null>) => [...new Set(values.filter((value): value is string => value !== null))];
    const documentIds = unique(bindings.map((b) => b.documentId));
    const teamIds = unique(bindings.map((b) => b.teamId));
    const versionIds = unique(bindings.map((b) => b.documentVersionId));
    const m = this.manager(tx);
    // One after another: inside a transaction they share one connection anyway.
    const documents = documentIds.length ? await m.getRepository(DocumentEntity).find({ select: { id: true, key: true }, where: { institutionId, id: In(documentIds) } }) : [];
    const teams = teamIds.length ? await m.getRepository(TeamEntity).find({ select: { id: true, name: true }, where: { institutionId, id: In(teamIds) } }) : [];
    const versions = versionIds.length ? await m.getRepository(DocumentVersionEntity).find({ select: { id: true, status: true }, where: { institutionId, id: In(versionIds) } }) : [];
    return {
      documentKeys: new Map(documents.map((d) => [d.id, d.key])),
      teamNames: new Map(teams.map((t) => [t.id, t.name])),
      versionStatuses: new Map(versions.map((v) => [v.id, v.status])),
    };
  }

  findDocument(institutionId: string, documentId: string, tx: Tx): Promise<DocumentEntity | null> {
    return this.manager(tx).getRepository(DocumentEntity).findOneBy({ institutionId, id: documentId });
  }

  /**
   * A document version, share-locked until the transaction ends so that it cannot be retired or
   * changed between the check that it is published and the binding that names it.
   */
  findVersionForBinding(institutionId: string, documentId: string, version: number, tx: Tx): Promise<DocumentVersionEntity | null> {
    return this.manager(tx)
      .getRepository(DocumentVersionEntity)
      .createQueryBuilder('v')
      .where('v.institution_id = :institutionId AND v.document_id = :documentId AND v.version = :version', { institutionId, documentId, version })
      .setLock('pessimistic_read')
      .getOne();
  }
}
