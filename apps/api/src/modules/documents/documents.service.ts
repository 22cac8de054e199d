import { Inject, Injectable } from '@nestjs/common';
import { readerScopeOf } from '../../common/access/reader-scope';
import {
  checkPeriod,
  compileScheme,
  type CompiledScheme,
  type DocumentChange,
  DocumentInvalidError,
  diffDocuments,
  EvaluationInputError,
  type RuleDocument,
  type SchemeDocument,
  type SchemeDocumentInput,
  type StaffFacts,
  type ValidationIssue,
  validateDocument,
  validateFacts,
} from '@carescore/engine';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { SchemeEvaluator } from '../../common/evaluation-threads/scheme-evaluator';
import { badRequest, conflict, DomainError, forbidden, invalidDocument, notFound, unprocessable } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import type { DocumentEntity, DocumentKind, DocumentVersionEntity } from './document.entity';
import { contentHash, type ParsedContent, presentContent, readContent, type StoredContent, validateStored } from './document-content';
import { type DocumentTemplate, DocumentTemplates } from './document-templates';
import {
  type CreateDocumentRequest,
  type DiffQuery,
  type DocumentFilter,
  type DocumentListItem,
  type DocumentView,
  EMPTY_SUMMARY,
  PREVIEW_DEFAULT_SAMPLE,
  type PreviewRequest,
  type PreviewResponse,
  type ValidationResponse,
  type VersionRef,
} from './documents.dto';
import { DocumentsRepository, type DocumentName, type SampledFacts } from './documents.repository';
import { msg } from '../../common/i18n/messages';

/** At most this many change lines go into one audit entry. */
const MAX_AUDITED_CHANGES = 100;

const ENTITY = 'document';

/**
 * Rule documents and their versions (SPEC §1). Every write runs in one transaction that first
 * bumps `documents.revision` from the revision the caller loaded (409 if it moved on), so two
 * editors can never silently overwrite each other; the audit entry lands in the same transaction.
 */
@Injectable()
export class DocumentsService {
  constructor(
    @Inject(DocumentsRepository) private readonly repository: DocumentsRepository,
    @Inject(DocumentTemplates) private readonly templates: DocumentTemplates,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SchemeEvaluator) private readonly evaluator: SchemeEvaluator,
  ) {}

  // ----------------------------------------------------------------------------------- reads

  async list(user: AuthUser, query: ListQuery<DocumentFilter>): Promise<Page<DocumentListItem>> {
    const page = await this.repository.list(user.institutionId, query);
    const summaries = await this.repository.summaries(user.institutionId, page.items.map((document) => document.id));
    return { total: page.total, items: page.items.map((document) => ({ document, summary: summaries.get(document.id) ?? EMPTY_SUMMARY })) };
  }

  get(user: AuthUser, id: string): Promise<DocumentView> {
    return this.view(user.institutionId, id);
  }

  async versions(user: AuthUser, id: string): Promise<DocumentVersionEntity[]> {
    await this.findDocument(user.institutionId, id);
    return this.repository.listVersions(user.institutionId, id);
  }

  async version(user: AuthUser, id: string, ref: VersionRef): Promise<DocumentVersionEntity> {
    await this.findDocument(user.institutionId, id);
    return this.findVersion(user.institutionId, id, ref);
  }

  /** Changes from one version to another; by default from the version before `to`, to the draft or latest version. */
  async diff(user: AuthUser, id: string, query: DiffQuery): Promise<{ from: number; to: number; changes: DocumentChange[] }> {
    const institutionId = user.institutionId;
    await this.findDocument(institutionId, id);
    const to = query.to !== undefined ? await this.findVersion(institutionId, id, query.to) : await this.repository.findLatestVersion(institutionId, id);
    if (!to) throw notFound('versions of document', id);
    let fromRef = query.from;
    if (fromRef === undefined) {
      if (to.version === 1) throw badRequest(msg('documents.diff_no_earlier'), [{ path: 'from', message: msg('documents.diff_no_earlier.detail') }]);
      fromRef = to.version - 1;
    }
    const from = await this.findVersion(institutionId, id, fromRef);
    return { from: from.version, to: to.version, changes: diffDocuments(presentContent(from.content), presentContent(to.content)) };
  }

  /** Validates without storing: the console's live validation. */
  validate(input: unknown): ValidationResponse {
    const read = readContent(input);
    const result = read.ok ? validateDocument(read.value) : read;
    if (!result.ok) throw invalidDocument(result.issues);
    return { valid: true, issues: [] };
  }

  /**
   * Evaluates a draft or version against posted facts, or against the stored facts of a period's
   * real staff (the same sample for every version, so the console can put versions side by side).
   * Stores nothing.
   */
  async preview(user: AuthUser, id: string, request: PreviewRequest): Promise<PreviewResponse> {
    const institutionId = user.institutionId;
    const document = await this.findDocument(institutionId, id);
    if (document.kind !== 'scheme') {
      throw unprocessable(msg('documents.not_scheme', { kind: document.kind, key: document.key }), [{ path: 'kind', message: msg('documents.not_scheme.detail', { kind: document.kind }) }]);
    }
    const version = await this.previewVersion(institutionId, id, request.version);
    const compiled = this.compile({ ...version.content, version: version.version, status: version.status });
    if (request.period !== undefined) {
      const problem = checkPeriod(request.period, compiled.document.period);
      if (problem) throw unprocessable(problem, [{ path: 'period', message: problem }]);
    }
    const sampled = request.facts === undefined ? await this.repository.sampleFacts(readerScopeOf(user), request.period as string, request.sample ?? PREVIEW_DEFAULT_SAMPLE) : undefined;
    const facts = validateFacts(compiled.document, sampled ? sampled.map((row) => toStaffFacts(row, compiled.document)) : request.facts);
    if (!facts.ok) throw unprocessable(msg('documents.facts_unfit'), facts.issues.map((issue) => ({ path: prefixPath('facts', issue.path), message: issue.message })));
    try {
      const scorecards = await this.evaluator.evaluate(compiled, facts.value, { period: request.period }, 'the preview');
      const staff = sampled?.map((row) => ({ staffId: row.staffCode, name: row.staffName, teamId: row.teamId }));
      return { scheme: { key: document.key, version: version.version, status: version.status }, scorecards, ...(staff ? { staff } : {}) };
    } catch (error) {
      if (error instanceof EvaluationInputError) throw unprocessable(error.message);
      throw error;
    }
  }

  templateList(): DocumentTemplate[] {
    return this.templates.list();
  }

  // ---------------------------------------------------------------------------------- writes

  async create(ctx: RequestContext, request: CreateDocumentRequest): Promise<DocumentView> {
    let input: unknown = request.content;
    if (request.template !== undefined) {
      const template = this.templates.find(request.template);
      if (!template) {
        const known = this.templates.list().map((t) => t.key);
        throw unprocessable(msg('documents.no_template', { name: request.template }), [{ path: 'template', message: msg('documents.unknown_template.detail', { templates: known.join(', ') || '—' }) }]);
      }
      input = template.content;
    }
    const { content, document } = this.parse(ctx.user, input);
    const institutionId = ctx.user.institutionId;
    return this.transactions.run(async (tx) => {
      if (await this.repository.findDocumentByKey(institutionId, document.kind, document.key, tx)) {
        throw conflict(msg('documents.key_exists', { kind: document.kind, key: document.key }), [{ path: 'key', message: msg('documents.key_taken', { kind: document.kind, key: document.key }) }]);
      }
      const created = await this.repository.insertDocument({ institutionId, kind: document.kind, key: document.key, name: nameOf(content), createdBy: ctx.user.id }, tx);
      await this.repository.insertVersion(
        { institutionId, documentId: created.id, version: 1, status: 'draft', content, contentHash: null, createdBy: ctx.user.id, publishedBy: null, publishedAt: null },
        tx,
      );
      await this.audit.record(ctx, 'create', ENTITY, created.id, { kind: document.kind, key: document.key, version: 1, ...(request.template ? { template: request.template } : {}) }, tx);
      return this.view(institutionId, created.id, tx);
    });
  }

  /** Edits the draft, or starts draft v(n+1) when the latest version is published or retired. */
  async update(ctx: RequestContext, id: string, revision: number, input: unknown): Promise<DocumentView> {
    const { content, document: parsed } = this.parse(ctx.user, input);
    return this.write(ctx, id, revision, async (document, tx) => {
      assertSameIdentity(document, parsed);
      const institutionId = ctx.user.institutionId;
      const draft = await this.repository.findDraft(institutionId, id, tx);
      let previous: StoredContent | null;
      let version: number;
      if (draft) {
        previous = draft.content;
        version = draft.version;
        await this.repository.updateDraftContent(institutionId, draft.id, content, tx);
      } else {
        const latest = await this.repository.findLatestVersion(institutionId, id, tx);
        previous = latest?.content ?? null;
        version = (latest?.version ?? 0) + 1;
        await this.repository.insertVersion(
          { institutionId, documentId: id, version, status: 'draft', content, contentHash: null, createdBy: ctx.user.id, publishedBy: null, publishedAt: null },
          tx,
        );
      }
      await this.repository.setName(institutionId, id, nameOf(content), tx);
      await this.audit.record(ctx, 'update', ENTITY, id, { version, draft: draft ? 'edited' : 'created', changes: changeTexts(previous, content) }, tx);
      return this.view(institutionId, id, tx);
    });
  }

  /** The draft becomes an immutable, content-hashed published version. */
  publish(ctx: RequestContext, id: string, revision: number): Promise<DocumentView> {
    return this.transactions.run((tx) => this.publishIn(ctx, id, revision, tx));
  }

  /** publish() inside a transaction of the caller's (an approved change request applies it this way). */
  publishIn(ctx: RequestContext, id: string, revision: number, tx: Tx): Promise<DocumentView> {
    return this.writeIn(ctx, id, revision, tx, async (_document) => {
      const institutionId = ctx.user.institutionId;
      const draft = await this.repository.findDraft(institutionId, id, tx);
      if (!draft) throw conflict(msg('documents.no_draft'));
      const validation = validateDocument(draft.content);
      if (!validation.ok) throw invalidDocument(validation.issues);
      const hash = contentHash(draft.content);
      await this.repository.publishDraft(institutionId, draft.id, hash, ctx.user.id, tx);
      await this.audit.record(ctx, 'publish', ENTITY, id, { version: draft.version, contentHash: hash }, tx);
      return this.view(institutionId, id, tx);
    });
  }

  retire(ctx: RequestContext, id: string, version: number, revision: number): Promise<DocumentView> {
    return this.write(ctx, id, revision, async (_document, tx) => {
      const institutionId = ctx.user.institutionId;
      const target = await this.findVersion(institutionId, id, version, tx);
      if (target.status === 'draft') throw conflict(msg('documents.version_is_draft', { version }));
      if (target.status === 'retired') throw conflict(msg('documents.version_retired', { version }));
      const periods = await this.repository.boundPeriods(institutionId, target.id, tx);
      if (periods.length > 0) throw conflict(msg('documents.version_bound', { version, periods: periods.join(', ') }));
      await this.repository.retireVersion(institutionId, target.id, tx);
      await this.audit.record(ctx, 'retire', ENTITY, id, { version }, tx);
      return this.view(institutionId, id, tx);
    });
  }

  /** Publishes v(n+1) with the content of an earlier version. */
  rollback(ctx: RequestContext, id: string, version: number, revision: number): Promise<DocumentView> {
    return this.write(ctx, id, revision, async (_document, tx) => {
      const institutionId = ctx.user.institutionId;
      const draft = await this.repository.findDraft(institutionId, id, tx);
      if (draft) throw conflict(msg('documents.draft_pending', { version: draft.version }));
      const target = await this.findVersion(institutionId, id, version, tx);
      const validation = validateDocument(target.content);
      if (!validation.ok) throw invalidDocument(validation.issues);
      const latest = await this.repository.findLatestVersion(institutionId, id, tx);
      const next = (latest?.version ?? 0) + 1;
      const hash = contentHash(target.content);
      await this.repository.insertVersion(
        { institutionId, documentId: id, version: next, status: 'published', content: target.content, contentHash: hash, createdBy: ctx.user.id, publishedBy: ctx.user.id, publishedAt: new Date() },
        tx,
      );
      await this.repository.setName(institutionId, id, nameOf(target.content), tx);
      await this.audit.record(ctx, 'rollback', ENTITY, id, { version: next, from: version, contentHash: hash }, tx);
      return this.view(institutionId, id, tx);
    });
  }

  discardDraft(ctx: RequestContext, id: string, revision: number): Promise<DocumentView> {
    return this.write(ctx, id, revision, async (_document, tx) => {
      const institutionId = ctx.user.institutionId;
      const draft = await this.repository.findDraft(institutionId, id, tx);
      if (!draft) throw notFound('draft of document', id);
      if (draft.version === 1) throw conflict(msg('documents.only_version'));
      await this.repository.deleteDraft(institutionId, draft.id, tx);
      const latest = await this.repository.findLatestVersion(institutionId, id, tx);
      if (latest) await this.repository.setName(institutionId, id, nameOf(latest.content), tx);
      await this.audit.record(ctx, 'delete', ENTITY, id, { discardedDraft: draft.version, changes: changeTexts(latest?.content ?? null, draft.content) }, tx);
      return this.view(institutionId, id, tx);
    });
  }

  /** Deletes a document that was never published (a published version may be bound to periods and scorecards). */
  async remove(ctx: RequestContext, id: string, revision: number): Promise<void> {
    await this.write(ctx, id, revision, async (document, tx) => {
      const institutionId = ctx.user.institutionId;
      if (await this.repository.hasEverPublished(institutionId, id, tx)) {
        throw conflict(msg('documents.published_not_deletable'));
      }
      await this.repository.deleteDocument(institutionId, id, tx);
      await this.audit.record(ctx, 'delete', ENTITY, id, { kind: document.kind, key: document.key }, tx);
    });
  }

  // --------------------------------------------------------------------------------- helpers

  /**
   * Loads the document, checks the caller may write its kind, then bumps the revision from the one
   * the caller loaded: 0 rows means somebody else wrote first (409), and nothing of theirs is lost.
   */
  private write<T>(ctx: RequestContext, id: string, revision: number, work: (document: DocumentEntity, tx: Tx) => Promise<T>): Promise<T> {
    return this.transactions.run((tx) => this.writeIn(ctx, id, revision, tx, (document) => work(document, tx)));
  }

  private async writeIn<T>(ctx: RequestContext, id: string, revision: number, tx: Tx, work: (document: DocumentEntity) => Promise<T>): Promise<T> {
    const institutionId = ctx.user.institutionId;
    const document = await this.findDocument(institutionId, id, tx);
    assertMayWrite(ctx.user, document.kind);
    if (!(await this.repository.bumpRevision(institutionId, id, revision, tx))) {
      const current = await this.findDocument(institutionId, id, tx);
      throw conflict(msg('documents.revision_conflict', { revision }), [
        { path: 'revision', message: msg('documents.revision_conflict.detail', { revision: current.revision }) },
      ]);
    }
    return work(document);
  }

  /** Posted content → stored form and validated document; the caller's role must allow its kind. */
  private parse(user: AuthUser, input: unknown): ParsedContent {
    const read = readContent(input);
    if (!read.ok) throw invalidDocument(read.issues);
    const kind = (read.value as { kind?: unknown } | null)?.kind;
    if (kind === 'scheme' || kind === 'workflow' || kind === 'survey') assertMayWrite(user, kind);
    const validation = validateDocument(read.value);
    if (!validation.ok) throw invalidDocument(validation.issues);
    return { content: read.value as StoredContent, document: validation.value };
  }

  private async view(institutionId: string, id: string, tx?: Tx): Promise<DocumentView> {
    const document = await this.findDocument(institutionId, id, tx);
    const summaries = await this.repository.summaries(institutionId, [id], tx);
    const current = await this.repository.findLatestVersion(institutionId, id, tx);
    if (!current) throw notFound('versions of document', id);
    return { document, summary: summaries.get(id) ?? EMPTY_SUMMARY, current, validation: validateStored(current.content) };
  }

  private async findDocument(institutionId: string, id: string, tx?: Tx): Promise<DocumentEntity> {
    const document = await this.repository.findDocument(institutionId, id, tx);
    if (!document) throw notFound('document', id);
    return document;
  }

  private async findVersion(institutionId: string, id: string, ref: VersionRef, tx?: Tx): Promise<DocumentVersionEntity> {
    if (ref === 'draft') {
      const draft = await this.repository.findDraft(institutionId, id, tx);
      if (!draft) throw notFound('draft of document', id);
      return draft;
    }
    const version = await this.repository.findVersion(institutionId, id, ref, tx);
    if (!version) throw new DomainError('NotFound', msg('documents.version_not_found', { version: ref, id }));
    return version;
  }

  private async previewVersion(institutionId: string, id: string, ref: VersionRef | undefined): Promise<DocumentVersionEntity> {
    if (ref !== undefined) return this.findVersion(institutionId, id, ref);
    const version = (await this.repository.findDraft(institutionId, id)) ?? (await this.repository.findLatestPublished(institutionId, id));
    if (!version) throw unprocessable(msg('documents.nothing_to_preview'), [{ path: 'version', message: msg('required_here') }]);
    return version;
  }

  /** Stored content was valid when written; if today's engine disagrees, say so as a 422, not a 500. */
  private compile(content: StoredContent): CompiledScheme {
    try {
      return compileScheme(content as unknown as SchemeDocumentInput);
    } catch (error) {
      if (error instanceof DocumentInvalidError) throw invalidDocument(error.issues);
      throw error;
    }
  }
}

/** Admins write every document; quality officers workflows and the surveys clients answer (SPEC roles table). */
function assertMayWrite(user: AuthUser, kind: DocumentKind): void {
  if (user.role === 'admin') return;
  if (user.role === 'quality_officer' && (kind === 'workflow' || kind === 'survey')) return;
  throw forbidden(msg(user.role === 'quality_officer' ? 'documents.forbidden_quality' : 'documents.forbidden_role'));
}

/** Versions of one document share its kind and key. */
function assertSameIdentity(document: DocumentEntity, parsed: RuleDocument): void {
  const issues: ValidationIssue[] = [];
  if (parsed.kind !== document.kind) issues.push({ path: 'kind', message: msg('documents.kind_fixed', { kind: document.kind }) });
  if (parsed.key !== document.key) issues.push({ path: 'key', message: msg('documents.key_fixed', { key: document.key }) });
  if (issues.length > 0) throw unprocessable(msg('documents.other_document'), issues);
}

function nameOf(content: StoredContent): DocumentName {
  const name = content.name;
  return name !== null && typeof name === 'object' && !Array.isArray(name) ? (name as DocumentName) : {};
}

/** The diff texts for an audit entry, capped. */
function changeTexts(before: StoredContent | null, after: StoredContent): string[] {
  if (before === null) return [];
  const texts = diffDocuments(presentContent(before), presentContent(after)).map((change) => change.text);
  if (texts.length <= MAX_AUDITED_CHANGES) return texts;
  return [...texts.slice(0, MAX_AUDITED_CHANGES), `… and ${texts.length - MAX_AUDITED_CHANGES} more changes`];
}

function prefixPath(prefix: string, path: string): string {
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/**
 * A sampled staff member as the engine's facts. Stored facts were checked against the scheme bound
 * to their period, which may declare inputs this version does not: only its declared inputs are kept.
 */
function toStaffFacts(row: SampledFacts, scheme: SchemeDocument): StaffFacts {
  const inputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row.inputs)) {
    if (Object.hasOwn(scheme.inputs, name)) inputs[name] = value;
  }
  return { staffId: row.staffCode, team: row.teamId, tier: row.tier, inputs: inputs as StaffFacts['inputs'] };
}
