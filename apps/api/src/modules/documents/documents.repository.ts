import { Inject, Injectable } from '@nestjs/common';
import { positionalBind, type ReaderScope, readerScopeSql } from '../../common/access/reader-scope';
import { DataSource, type FindOptionsSelect, In, type QueryDeepPartialEntity } from 'typeorm';
import type { LocalizedText } from '@carescore/engine';
import type { ListQuery, Page } from '../../common/http/list-query';
import { likePattern, pageOf } from '../../database/list-query-builder';
import type { Tx } from '../../database/transaction';
import { DocumentEntity, type DocumentKind, DocumentVersionEntity, type VersionStatus } from './document.entity';
import type { StoredContent } from './document-content';
import { DOCUMENT_SORT_COLUMNS, type DocumentFilter, type VersionSummary } from './documents.dto';

export type DocumentName = LocalizedText | Record<string, never>;

/** Version columns without the content, for lists. */
const VERSION_LIST_COLUMNS: FindOptionsSelect<DocumentVersionEntity> = {
  id: true, institutionId: true, documentId: true, version: true, status: true, contentHash: true,
  createdBy: true, publishedBy: true, publishedAt: true, retiredAt: true, createdAt: true, updatedAt: true,
};

interface SummaryRow {
  documentId: string;
  latestVersion: number | null;
  publishedVersion: number | null;
  draftVersion: number | null;
  status: VersionStatus | null;
}

@Injectable()
export class DocumentsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private documents(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(DocumentEntity);
  }

  private versions(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(DocumentVersionEntity);
  }

  // ------------------------------------------------------------------------------- documents

  findDocument(institutionId: string, id: string, tx?: Tx): Promise<DocumentEntity | null> {
    return this.documents(tx).findOneBy({ institutionId, id });
  }

  findDocumentByKey(institutionId: string, kind: DocumentKind, key: string, tx?: Tx): Promise<DocumentEntity | null> {
    return this.documents(tx).findOneBy({ institutionId, kind, key });
  }

  insertDocument(document: Pick<DocumentEntity, 'institutionId' | 'kind' | 'key' | 'name' | 'createdBy'>, tx: Tx): Promise<DocumentEntity> {
    return this.documents(tx).save(this.documents(tx).create({ ...document, revision: 1 }));
  }

  /**
   * The optimistic-concurrency step of every write: bumps the revision only if it is still the one
   * the caller loaded. The row lock it takes serialises concurrent writers; the loser sees 0 rows.
   */
  async bumpRevision(institutionId: string, id: string, expected: number, tx: Tx): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(DocumentEntity)
      .set({ revision: () => 'revision + 1' })
      .where('id = :id AND institution_id = :institutionId AND revision = :expected', { id, institutionId, expected })
      .execute();
    return result.affected === 1;
  }

  async setName(institutionId: string, id: string, name: DocumentName, tx: Tx): Promise<void> {
    await this.documents(tx).update({ institutionId, id }, { name });
  }

  async deleteDocument(institutionId: string, id: string, tx: Tx): Promise<void> {
    await this.documents(tx).delete({ institutionId, id });
  }

  async list(institutionId: string, query: ListQuery<DocumentFilter>): Promise<Page<DocumentEntity>> {
    const qb = this.documents().createQueryBuilder('d').where('d.institution_id = :institutionId', { institutionId });
    const f = query.filter;
    if (f.id) {
      if (f.id.length === 0) qb.andWhere('false');
      else qb.andWhere('d.id IN (:...ids)', { ids: f.id });
    }
    if (f.kind) qb.andWhere('d.kind = :kind', { kind: f.kind });
    if (f.key) qb.andWhere('d.key = :key', { key: f.key });
    if (f.q) qb.andWhere(`(d.key ILIKE :q OR d.name->>'zh' ILIKE :q OR d.name->>'en' ILIKE :q)`, { q: likePattern(f.q) });
    if (f.status) {
      qb.andWhere(
        `(SELECT v.status FROM document_versions v WHERE v.document_id = d.id AND v.institution_id = d.institution_id ORDER BY v.version DESC LIMIT 1) = :status`,
        { status: f.status },
      );
    }
    return pageOf(qb, query, DOCUMENT_SORT_COLUMNS);
  }

  /** Latest, highest published and draft version numbers and the latest status, per document. */
  async summaries(institutionId: string, documentIds: string[], tx?: Tx): Promise<Map<string, VersionSummary>> {
    if (documentIds.length === 0) return new Map();
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT document_id AS "documentId",
              max(version) AS "latestVersion",
              max(version) FILTER (WHERE status = 'published') AS "publishedVersion",
              max(version) FILTER (WHERE status = 'draft') AS "draftVersion",
              (array_agg(status ORDER BY version DESC))[1] AS "status"
         FROM document_versions
        WHERE institution_id = $1 AND document_id = ANY($2::uuid[])
        GROUP BY document_id`,
      [institutionId, documentIds],
    )) as SummaryRow[];
    return new Map(rows.map(({ documentId, ...summary }) => [documentId, summary]));
  }

  // -------------------------------------------------------------------------------- versions

  listVersions(institutionId: string, documentId: string, tx?: Tx): Promise<DocumentVersionEntity[]> {
    return this.versions(tx).find({ select: VERSION_LIST_COLUMNS, where: { institutionId, documentId }, order: { version: 'DESC' } });
  }

  findVersion(institutionId: string, documentId: string, version: number, tx?: Tx): Promise<DocumentVersionEntity | null> {
    return this.versions(tx).findOneBy({ institutionId, documentId, version });
  }

  findDraft(institutionId: string, documentId: string, tx?: Tx): Promise<DocumentVersionEntity | null> {
    return this.versions(tx).findOneBy({ institutionId, documentId, status: 'draft' });
  }

  findLatestVersion(institutionId: string, documentId: string, tx?: Tx): Promise<DocumentVersionEntity | null> {
    return this.versions(tx).findOne({ where: { institutionId, documentId }, order: { version: 'DESC' } });
  }

  /** The highest published (not retired) version. */
  findLatestPublished(institutionId: string, documentId: string, tx?: Tx): Promise<DocumentVersionEntity | null> {
    return this.versions(tx).findOne({ where: { institutionId, documentId, status: 'published' }, order: { version: 'DESC' } });
  }

  /** Versions by id (any document of the institution), in one query. */
  async findVersionsByIds(institutionId: string, ids: string[], tx?: Tx): Promise<DocumentVersionEntity[]> {
    if (ids.length === 0) return [];
    return this.versions(tx).find({ where: { institutionId, id: In(ids) } });
  }

  async hasEverPublished(institutionId: string, documentId: string, tx?: Tx): Promise<boolean> {
    const count = await this.versions(tx).countBy([
      { institutionId, documentId, status: 'published' },
      { institutionId, documentId, status: 'retired' },
    ]);
    return count > 0;
  }

  insertVersion(
    version: Pick<DocumentVersionEntity, 'institutionId' | 'documentId' | 'version' | 'status' | 'content' | 'contentHash' | 'createdBy' | 'publishedBy' | 'publishedAt'>,
    tx: Tx,
  ): Promise<DocumentVersionEntity> {
    return this.versions(tx).save(this.versions(tx).create({ ...version, retiredAt: null }));
  }

  async updateDraftContent(institutionId: string, versionId: string, content: StoredContent, tx: Tx): Promise<void> {
    // jsonb content is arbitrary JSON, which TypeORM's deep-partial type cannot express.
    const changes = { content } as QueryDeepPartialEntity<DocumentVersionEntity>;
    await this.versions(tx).update({ institutionId, id: versionId, status: 'draft' }, changes);
  }

  async publishDraft(institutionId: string, versionId: string, contentHash: string, publishedBy: string, tx: Tx): Promise<void> {
    await this.versions(tx).update({ institutionId, id: versionId, status: 'draft' }, { status: 'published', contentHash, publishedBy, publishedAt: () => 'now()' });
  }

  /** Periods (with their team scope) a version scores; a bound version may not be retired. */
  async boundPeriods(institutionId: string, versionId: string, tx: Tx): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT b.period, t.name AS team FROM bindings b LEFT JOIN teams t ON t.id = b.team_id
       WHERE b.institution_id = $1 AND b.document_version_id = $2 ORDER BY b.period`,
      [institutionId, versionId],
    )) as Array<{ period: string; team: string | null }>;
    return rows.map((row) => (row.team ? `${row.period} (${row.team})` : row.period));
  }

  async retireVersion(institutionId: string, versionId: string, tx: Tx): Promise<void> {
    await this.versions(tx).update({ institutionId, id: versionId, status: 'published' }, { status: 'retired', retiredAt: () => 'now()' });
  }

  async deleteDraft(institutionId: string, versionId: string, tx: Tx): Promise<void> {
    await this.versions(tx).delete({ institutionId, id: versionId, status: 'draft' });
  }

  // ------------------------------------------------------------------------------- previews

  /** The stored facts of a period for up to `limit` active staff the reader may see, by staff code: a preview's sample of real staff. */
  async sampleFacts(scope: ReaderScope, period: string, limit: number): Promise<SampledFacts[]> {
    const params: unknown[] = [period, limit];
    const visible = readerScopeSql(scope, { institutionId: 'f.institution_id', staffId: 'f.staff_id' }, positionalBind(params));
    return (await this.dataSource.manager.query(
      `SELECT s.code AS "staffCode", s.name AS "staffName", s.team_id AS "teamId", s.tier AS "tier", f.inputs AS "inputs"
         FROM facts f
         JOIN staff s ON s.id = f.staff_id AND s.institution_id = f.institution_id
        WHERE ${visible} AND f.period = $1 AND s.active
        ORDER BY s.code
        LIMIT $2`,
      params,
    )) as SampledFacts[];
  }
}

/** One staff member's stored facts for a period, as a preview samples them. */
export interface SampledFacts {
  staffCode: string;
  staffName: string;
  teamId: string | null;
  tier: string;
  inputs: Record<string, unknown>;
}
