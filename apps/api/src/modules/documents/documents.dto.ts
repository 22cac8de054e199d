import { z } from 'zod';
import { type DocumentChange, documentKeySchema, type LocalizedText, scorecardSchema, type ValidationIssue } from '@carescore/engine';
import { badRequest } from '../../common/errors/domain-error';
import { idListFilter } from '../../common/http/list-query';
import type { DocumentEntity, DocumentVersionEntity, VersionStatus } from './document.entity';
import type { DocumentTemplate } from './document-templates';
import { presentContent } from './document-content';
import { engineText } from '../../common/i18n/messages';
import { msg } from '../../common/i18n/messages';

// ----------------------------------------------------------------------------------- requests

/** A document as YAML/JSON text or as parsed JSON; validated by the engine afterwards (422). */
const contentSchema = z
  .union([z.string().min(1, 'must not be empty'), z.record(z.string(), z.unknown())])
  .describe('the rule document: an object, or YAML/JSON text');

const revisionSchema = z.number().int().positive().describe('the revision you loaded (or send it as If-Match)');

/** A raw `text/yaml` (or any text) body is the document itself. */
const textBodyAsContent = (body: unknown) => (typeof body === 'string' ? { content: body } : body);
/** An action without a body (revision in If-Match). */
const emptyBodyAsObject = (body: unknown) => body ?? {};

export const createDocumentBodySchema = z
  .strictObject({
    content: contentSchema.optional(),
    template: documentKeySchema.optional().describe('key of a template from GET /templates'),
  })
  .refine((body) => (body.content === undefined) !== (body.template === undefined), { message: 'send either content or template', path: ['content'] });
export const createDocumentSchema = z.preprocess(textBodyAsContent, createDocumentBodySchema);
export type CreateDocumentRequest = z.infer<typeof createDocumentBodySchema>;

export const updateDocumentBodySchema = z.strictObject({ content: contentSchema, revision: revisionSchema.optional() });
export const updateDocumentSchema = z.preprocess(textBodyAsContent, updateDocumentBodySchema);
export type UpdateDocumentRequest = z.infer<typeof updateDocumentBodySchema>;

export const validateDocumentBodySchema = z.strictObject({ content: contentSchema });
export const validateDocumentSchema = z.preprocess(textBodyAsContent, validateDocumentBodySchema);
export type ValidateDocumentRequest = z.infer<typeof validateDocumentBodySchema>;

export const revisionBodySchema = z.strictObject({ revision: revisionSchema.optional() });
export const revisionRequestSchema = z.preprocess(emptyBodyAsObject, revisionBodySchema);
export type RevisionRequest = z.infer<typeof revisionBodySchema>;

export const rollbackBodySchema = z.strictObject({
  version: z.number().int().positive().describe('the version whose content is published again'),
  revision: revisionSchema.optional(),
});
export type RollbackRequest = z.infer<typeof rollbackBodySchema>;

/** Staff per preview: posted, or sampled from a period's stored facts. */
export const PREVIEW_MAX_STAFF = 1000;
export const PREVIEW_DEFAULT_SAMPLE = 50;

export const previewBodySchema = z
  .strictObject({
    version: z.union([z.number().int().positive(), z.literal('draft')]).optional().describe('default: the draft if any, else the latest published version'),
    facts: z
      .array(z.unknown())
      .max(PREVIEW_MAX_STAFF, `at most ${PREVIEW_MAX_STAFF} staff per preview`)
      .optional()
      .describe("StaffFacts[]: [{staffId, team, tier, inputs}]; omit to use the period's stored facts of real staff"),
    period: z.string().max(16).optional().describe('required without facts: the period whose stored facts are sampled'),
    sample: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(PREVIEW_MAX_STAFF, `must be at most ${PREVIEW_MAX_STAFF}`)
      .optional()
      .describe(`without facts: how many active staff with facts for the period, by staff code (default ${PREVIEW_DEFAULT_SAMPLE})`),
  })
  .refine((body) => body.facts !== undefined || body.period !== undefined, { message: 'send facts, or a period whose stored facts to use', path: ['period'] })
  .refine((body) => body.facts === undefined || body.sample === undefined, { message: 'applies only without facts', path: ['sample'] });
export type PreviewRequest = z.infer<typeof previewBodySchema>;

/** `3` or `draft` in a path or query parameter. */
export const versionRefParamSchema = z
  .string()
  .regex(/^(draft|[1-9][0-9]{0,8})$/, 'must be a version number or draft')
  .transform((value): number | 'draft' => (value === 'draft' ? 'draft' : Number(value)));
export type VersionRef = number | 'draft';

export const versionParamSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'must be a version number')
  .transform((value) => Number(value));

export const diffQuerySchema = z.strictObject({ from: versionRefParamSchema.optional(), to: versionRefParamSchema.optional() });
export type DiffQuery = z.infer<typeof diffQuerySchema>;

export const documentStatusFilterSchema = z.enum(['draft', 'published', 'retired']);
export const documentFilterSchema = z.strictObject({
  id: idListFilter.optional(),
  q: z.string().max(200).optional(),
  kind: z.enum(['scheme', 'workflow', 'survey']).optional(),
  key: z.string().max(64).optional(),
  status: documentStatusFilterSchema.optional().describe('status of the latest version: draft (has a draft), published or retired'),
});
export type DocumentFilter = z.infer<typeof documentFilterSchema>;

export const DOCUMENT_SORT_COLUMNS = { key: 'd.key', kind: 'd.kind', revision: 'd.revision', createdAt: 'd.created_at', updatedAt: 'd.updated_at' } as const;

/**
 * The revision a write is based on: from `If-Match` (the ETag, `"3"`) or the `revision` field.
 * Without one, a write could silently overwrite somebody else's edit, so it is required.
 */
export function expectedRevision(ifMatch: string | undefined, bodyRevision: number | undefined): number {
  let fromHeader: number | undefined;
  if (ifMatch !== undefined && ifMatch.trim() !== '') {
    const match = /^\s*(?:W\/)?"?([1-9][0-9]{0,8})"?\s*$/.exec(ifMatch);
    if (!match) throw badRequest(msg('documents.if_match_shape'), [{ path: 'revision', message: msg('documents.if_match_shape.detail') }]);
    fromHeader = Number(match[1]);
  }
  if (fromHeader !== undefined && bodyRevision !== undefined && fromHeader !== bodyRevision) {
    throw badRequest(msg('documents.if_match_disagree'), [{ path: 'revision', message: msg('documents.if_match_disagree.detail', { body: bodyRevision, header: fromHeader }) }]);
  }
  const revision = fromHeader ?? bodyRevision;
  if (revision === undefined) {
    throw badRequest(msg('documents.revision_required'), [{ path: 'revision', message: msg('documents.revision_required.detail') }]);
  }
  return revision;
}

// ---------------------------------------------------------------------------------- responses

const localizedTextResponse = z.object({ zh: z.string().optional(), en: z.string().optional() });
/** An engine issue: `code` and `params` name its catalog message (libs/engine/src/messages), `message` renders it. */
const issueSchema = z.object({ path: z.string(), message: z.string(), code: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() });
const versionStatusSchema = z.enum(['draft', 'published', 'retired']);

export const documentResponseSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['scheme', 'workflow', 'survey']),
  key: z.string(),
  name: localizedTextResponse,
  revision: z.number().int().describe('the optimistic-concurrency token; also the ETag'),
  latestVersion: z.number().int().nullable(),
  publishedVersion: z.number().int().nullable().describe('the highest published (not retired) version'),
  draftVersion: z.number().int().nullable(),
  status: versionStatusSchema.nullable().describe('status of the latest version'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DocumentResponse = z.infer<typeof documentResponseSchema>;

export const validationResponseSchema = z.object({ valid: z.boolean(), issues: z.array(issueSchema) });
export type ValidationResponse = z.infer<typeof validationResponseSchema>;

export const documentDetailResponseSchema = documentResponseSchema.extend({
  version: z.number().int().describe('the version of `content`: the draft if any, else the latest version'),
  content: z.record(z.string(), z.unknown()),
  validation: validationResponseSchema,
});
export type DocumentDetailResponse = z.infer<typeof documentDetailResponseSchema>;

export const versionResponseSchema = z.object({
  id: z.uuid(),
  documentId: z.uuid(),
  version: z.number().int(),
  status: versionStatusSchema,
  contentHash: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  publishedBy: z.uuid().nullable(),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type VersionResponse = z.infer<typeof versionResponseSchema>;

export const versionDetailResponseSchema = versionResponseSchema.extend({ content: z.record(z.string(), z.unknown()) });
export type VersionDetailResponse = z.infer<typeof versionDetailResponseSchema>;

export const documentChangeSchema = z.object({
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  text: z.string(),
});
export const diffResponseSchema = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(documentChangeSchema) });
export type DiffResponse = z.infer<typeof diffResponseSchema>;

export const previewStaffSchema = z.object({ staffId: z.string().describe('the staff code, as in the scorecards'), name: z.string(), teamId: z.uuid().nullable() });

export const previewResponseSchema = z.object({
  scheme: z.object({ key: z.string(), version: z.number().int(), status: versionStatusSchema }),
  scorecards: z.array(scorecardSchema),
  staff: z.array(previewStaffSchema).optional().describe("the sampled staff, when the facts came from the period's stored facts"),
});
export type PreviewResponse = z.infer<typeof previewResponseSchema>;

export const templateResponseSchema = z.object({ key: z.string(), kind: z.enum(['scheme', 'workflow', 'survey']), name: localizedTextResponse.nullable() });
export type TemplateResponse = z.infer<typeof templateResponseSchema>;

// ------------------------------------------------------------------------------------ mappers

/** Per document, what its versions add up to (one query for a whole page). */
export interface VersionSummary {
  latestVersion: number | null;
  publishedVersion: number | null;
  draftVersion: number | null;
  status: VersionStatus | null;
}

export const EMPTY_SUMMARY: VersionSummary = { latestVersion: null, publishedVersion: null, draftVersion: null, status: null };

export function toDocumentResponse(document: DocumentEntity, summary: VersionSummary): DocumentResponse {
  return {
    id: document.id,
    kind: document.kind,
    key: document.key,
    name: document.name as LocalizedText | Record<string, never>,
    revision: document.revision,
    latestVersion: summary.latestVersion,
    publishedVersion: summary.publishedVersion,
    draftVersion: summary.draftVersion,
    status: summary.status,
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
  };
}

/** A document as the service returns it: the row, its version summary, and its current (latest) version. */
export interface DocumentListItem {
  document: DocumentEntity;
  summary: VersionSummary;
}

export interface DocumentView extends DocumentListItem {
  /** The draft if any, else the latest version (a draft is always the latest). */
  current: DocumentVersionEntity;
  validation: { valid: boolean; issues: ValidationIssue[] };
}

export const toDocumentListResponse = (item: DocumentListItem): DocumentResponse => toDocumentResponse(item.document, item.summary);

export function toDocumentDetailResponse(view: DocumentView): DocumentDetailResponse {
  return {
    ...toDocumentResponse(view.document, view.summary),
    version: view.current.version,
    content: presentContent(view.current.content, view.current),
    // The engine's issues in the reader's language (their code and params as they are).
    validation: { valid: view.validation.valid, issues: view.validation.issues.map((issue) => ({ ...issue, message: engineText(issue) })) },
  };
}

export function toVersionResponse(version: DocumentVersionEntity): VersionResponse {
  return {
    id: version.id,
    documentId: version.documentId,
    version: version.version,
    status: version.status,
    contentHash: version.contentHash,
    createdBy: version.createdBy,
    createdAt: version.createdAt.toISOString(),
    publishedBy: version.publishedBy,
    publishedAt: version.publishedAt?.toISOString() ?? null,
    retiredAt: version.retiredAt?.toISOString() ?? null,
    updatedAt: version.updatedAt.toISOString(),
  };
}

export function toVersionDetailResponse(version: DocumentVersionEntity): VersionDetailResponse {
  return { ...toVersionResponse(version), content: presentContent(version.content, version) };
}

export function toDiffResponse(from: number, to: number, changes: DocumentChange[]): DiffResponse {
  return { from, to, changes };
}

export function toTemplateResponse(template: DocumentTemplate): TemplateResponse {
  return { key: template.key, kind: template.kind, name: template.name };
}
