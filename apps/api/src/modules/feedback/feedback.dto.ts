import { z } from 'zod';
import { identifierSchema } from '@carescore/engine';
import { idListFilter } from '../../common/http/list-query';
import { periodSchema } from '../bindings/bindings.dto';
import { STAFF_CODE_MAX } from '../staff/staff.dto';
import type { FeedbackEntity } from './feedback.entity';

/** At most this many responses per request or upload. */
export const FEEDBACK_MAX_ROWS = 10_000;

/**
 * One survey response. Likert answers are 1–5 per dimension (`{"attitude": 2, "timeliness": 4}`),
 * NPS is 0–10; a response needs at least one of them. `respondedAt` defaults to the time received.
 */
export const feedbackItemSchema = z
  .strictObject({
    responseId: z.string().trim().min(1, 'is required').max(128),
    staffCode: z.string().trim().min(1, 'is required').max(STAFF_CODE_MAX),
    customerRef: z.string().trim().max(128).nullish(),
    channel: z.string().trim().min(1).max(32).nullish(),
    likert: z.record(identifierSchema, z.number().int('must be a whole number from 1 to 5').min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5')).default({}),
    nps: z.number().int('must be a whole number from 0 to 10').min(0, 'must be from 0 to 10').max(10, 'must be from 0 to 10').nullish(),
    comment: z.string().max(4000).nullish(),
    respondedAt: z.iso.datetime({ offset: true, message: 'must be a date-time like 2026-03-15T09:30:00+08:00' }).nullish(),
  })
  .refine((item) => Object.keys(item.likert).length > 0 || (item.nps !== null && item.nps !== undefined), { message: 'needs Likert answers or an NPS rating', path: ['likert'] });
export type FeedbackItem = z.infer<typeof feedbackItemSchema>;

/** The body of POST /api/feedback: one response or a list; each is checked on its own (422 per field). */
export const feedbackBodySchema = z.union([
  z.array(z.record(z.string(), z.unknown()), { error: 'send a response object or a JSON array of them' }).min(1, 'must hold at least one response').max(FEEDBACK_MAX_ROWS),
  z.record(z.string(), z.unknown()),
]);

export const feedbackImportBodySchema = z.union([z.string(), z.instanceof(Buffer), z.strictObject({ csv: z.string().optional() })], {
  error: 'send a multipart upload with the field "file", a text/csv body, or JSON {"csv": "…"}',
});

export const ingestFeedbackResponseSchema = z.object({
  received: z.number().int(),
  created: z.number().int(),
  /** Responses already received (same responseId): nothing changed for them. */
  duplicates: z.number().int(),
  casesOpened: z.number().int(),
  items: z.array(
    z.object({
      responseId: z.string(),
      feedbackId: z.uuid(),
      status: z.enum(['created', 'duplicate']),
      cases: z.array(z.object({ id: z.uuid(), workflowKey: z.string() })),
    }),
  ),
});
export type IngestFeedbackResponse = z.infer<typeof ingestFeedbackResponseSchema>;

export const feedbackFilterSchema = z.strictObject({
  id: idListFilter.optional(),
  /** Response id, customer reference or staff code. */
  q: z.string().max(200).optional(),
  staffId: z.uuid().optional(),
  teamId: z.uuid().nullable().optional(),
  channel: z.string().max(32).optional(),
  /** A month, or a quarter (its three months). */
  period: periodSchema.optional(),
});
export type FeedbackFilter = z.infer<typeof feedbackFilterSchema>;
export const FEEDBACK_SORTABLE = ['id', 'respondedAt', 'createdAt', 'nps', 'staffCode', 'period'] as const;

export const feedbackResponseSchema = z.object({
  id: z.uuid(),
  responseId: z.string(),
  staffId: z.uuid(),
  staffCode: z.string(),
  staffName: z.string(),
  teamId: z.uuid().nullable(),
  customerRef: z.string().nullable(),
  channel: z.string().nullable(),
  likert: z.record(z.string(), z.number()),
  nps: z.number().nullable(),
  comment: z.string().nullable(),
  respondedAt: z.string(),
  period: z.string(),
  /** Cases this response opened. */
  caseIds: z.array(z.uuid()),
  createdAt: z.string(),
});
export type FeedbackResponse = z.infer<typeof feedbackResponseSchema>;

export interface FeedbackView extends FeedbackEntity {
  staffCode: string;
  staffName: string;
  caseIds: string[];
}

export function toFeedbackResponse(view: FeedbackView): FeedbackResponse {
  return {
    id: view.id,
    responseId: view.responseId,
    staffId: view.staffId,
    staffCode: view.staffCode,
    staffName: view.staffName,
    teamId: view.teamId,
    customerRef: view.customerRef,
    channel: view.channel,
    likert: view.likert,
    nps: view.nps,
    comment: view.comment,
    respondedAt: view.respondedAt.toISOString(),
    period: view.period,
    caseIds: view.caseIds,
    createdAt: view.createdAt.toISOString(),
  };
}
