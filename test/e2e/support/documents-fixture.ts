import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseDocumentText } from '@carescore/engine';
import { DocumentEntity, DocumentVersionEntity, type VersionStatus } from '../../../apps/api/src/modules/documents/document.entity';
import type { TestApp } from './test-app';

/** Templates in rule-templates/: hm-3d9i is monthly, career-tiers quarterly, negative-feedback and score-appeal workflows. */
export type TemplateName = 'hm-3d9i' | 'career-tiers' | 'negative-feedback' | 'score-appeal';

export interface StoredDocument {
  id: string;
  key: string;
  kind: 'scheme' | 'workflow';
  /** Version ids by version number. */
  versions: Record<number, string>;
}

export function templateContent(template: TemplateName, key: string): Record<string, unknown> {
  const parsed = parseDocumentText(readFileSync(join(__dirname, '../../../rule-templates', `${template}.yaml`), 'utf8'));
  if (!parsed.ok) throw new Error(`rule-templates/${template}.yaml does not parse: ${JSON.stringify(parsed.issues)}`);
  return { ...(parsed.value as Record<string, unknown>), key };
}

/**
 * Stores a rule document with versions 1…n in the given statuses straight through TypeORM, so the
 * bindings tests do not depend on the documents API. At most one version may be a draft.
 */
export async function storeDocument(t: TestApp, institutionId: string, template: TemplateName, statuses: VersionStatus[], key: string = template): Promise<StoredDocument> {
  const manager = t.app.get(DataSource).manager;
  const content = templateContent(template, key);
  const kind = content.kind as 'scheme' | 'workflow';
  const document = await manager.getRepository(DocumentEntity).save(
    manager.getRepository(DocumentEntity).create({ institutionId, kind, key, name: (content.name ?? {}) as DocumentEntity['name'], revision: 1, createdBy: null }),
  );
  const versions: Record<number, string> = {};
  for (const [index, status] of statuses.entries()) {
    const version = index + 1;
    const versionContent = { ...content, description: { en: `version ${version}` } };
    const hash = createHash('sha256').update(JSON.stringify(versionContent)).digest('hex');
    const stored = await manager.getRepository(DocumentVersionEntity).save(
      manager.getRepository(DocumentVersionEntity).create({
        institutionId,
        documentId: document.id,
        version,
        status,
        content: versionContent,
        contentHash: status === 'draft' ? null : hash,
        createdBy: null,
        publishedBy: null,
        publishedAt: status === 'draft' ? null : new Date(),
        retiredAt: status === 'retired' ? new Date() : null,
      }),
    );
    versions[version] = stored.id;
  }
  return { id: document.id, key, kind, versions };
}
