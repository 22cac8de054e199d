import type { MessageLanguage, Role } from '@carescore/engine';
import { z } from 'zod';
import { documentChangeSchema } from '../documents/documents.dto';
import { decisionRefusal, describeChangeRequest } from './change-request-rules';
import type { ChangeRequestRow } from './change-requests.repository';

export const CHANGE_REQUEST_KINDS = ['document_publish', 'binding_create', 'binding_update', 'binding_delete', 'experiment_promote', 'period_close', 'period_reopen'] as const;
export type ChangeRequestKind = (typeof CHANGE_REQUEST_KINDS)[number];
export const CHANGE_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];
export const CHANGE_REQUEST_TARGET_TYPES = ['document', 'binding', 'experiment', 'period'] as const;
export type ChangeRequestTargetType = (typeof CHANGE_REQUEST_TARGET_TYPES)[number];

/** A name in both languages. */
export const bothLanguagesSchema = z.object({ zh: z.string(), en: z.string() });
export type BothLanguages = z.infer<typeof bothLanguagesSchema>;

/** What a request's texts are made of: names (both languages where they have two), versions, periods; never an id. */
export const summarySchema = z.record(z.string(), z.union([z.string(), z.number(), z.null(), bothLanguagesSchema]));
export type ChangeRequestSummary = z.infer<typeof summarySchema>;

export const changeRequestFilterSchema = z.strictObject({
  id: z.union([z.uuid(), z.array(z.uuid()).max(100)]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
  status: z.enum(CHANGE_REQUEST_STATUSES).optional(),
  kind: z.enum(CHANGE_REQUEST_KINDS).optional(),
  targetType: z.enum(CHANGE_REQUEST_TARGET_TYPES).optional(),
  targetId: z.string().max(100).optional(),
  /** Only pending requests the reader may decide (the console's badge). */
  actionable: z.boolean().optional(),
});
export type ChangeRequestFilter = z.infer<typeof changeRequestFilterSchema>;
export const CHANGE_REQUEST_SORTABLE = ['id', 'requestedAt', 'decidedAt', 'kind', 'status'] as const;

export const rejectChangeRequestSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export type RejectChangeRequest = z.infer<typeof rejectChangeRequestSchema>;

const personSchema = z.object({ id: z.uuid(), name: z.string(), email: z.string() });

export const changeRequestResponseSchema = z.object({
  id: z.uuid(),
  kind: z.enum(CHANGE_REQUEST_KINDS),
  status: z.enum(CHANGE_REQUEST_STATUSES),
  /** What it acts on: a document, a binding, an experiment or a period (its id, like 2026-Q1; a new binding: its period). */
  target: z.object({ type: z.enum(CHANGE_REQUEST_TARGET_TYPES), id: z.string() }),
  /** What will happen (or happened), in the reader's language. */
  description: z.string(),
  summary: summarySchema,
  requestedBy: personSchema,
  requestedAt: z.string(),
  decidedBy: personSchema.nullable(),
  decidedAt: z.string().nullable(),
  /** Why it was rejected. */
  reason: z.string().nullable(),
  /** Whether the reader may approve or reject it now (pending, and another eligible person than the requester). */
  mayDecide: z.boolean(),
  /** Whether the reader may withdraw it (pending, and theirs). */
  mayWithdraw: z.boolean(),
});
export type ChangeRequestResponse = z.infer<typeof changeRequestResponseSchema>;

export const changeRequestDetailResponseSchema = changeRequestResponseSchema.extend({
  /** Pending: whether the target moved since the request (approving it would be refused with 409). */
  stale: z.boolean(),
  /** A document publish: the diff in words from the latest published version to the draft (null for other kinds). */
  diff: z.object({ from: z.number().int().nullable(), to: z.number().int(), changes: z.array(documentChangeSchema) }).nullable(),
});
export type ChangeRequestDetailResponse = z.infer<typeof changeRequestDetailResponseSchema>;

/** A request as a reader sees it: described in their language, with what they may do about it. */
export function toChangeRequestResponse(row: ChangeRequestRow, reader: { id: string; role: Role }, language: MessageLanguage): ChangeRequestResponse {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    target: { type: row.targetType, id: row.targetId },
    description: capitalized(describeChangeRequest(row.kind, row.summary, language), language),
    summary: row.summary,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reason: row.reason,
    mayDecide: decisionRefusal(reader, { ...row, requestedBy: row.requestedBy.id }) === null,
    mayWithdraw: row.status === 'pending' && row.requestedBy.id === reader.id,
  };
}

function capitalized(text: string, language: MessageLanguage): string {
  return language === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
