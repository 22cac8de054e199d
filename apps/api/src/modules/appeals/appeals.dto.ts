import { z } from 'zod';
import { identifierSchema } from '@carescore/engine';
import { idListFilter } from '../../common/http/list-query';
import { periodSchema } from '../bindings/bindings.dto';

export const APPEAL_STATUSES = ['open', 'upheld', 'corrected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export const fileAppealSchema = z.strictObject({
  scorecardId: z.uuid(),
  /** The indicators the staff member contests (ids of the scorecard's indicators). */
  indicators: z.array(identifierSchema).min(1).max(50),
  reason: z.string().trim().min(5).max(2000),
});
export type FileAppealRequest = z.infer<typeof fileAppealSchema>;

export const appealFilterSchema = z.strictObject({
  id: idListFilter.optional(),
  period: periodSchema.optional(),
  status: z.enum(APPEAL_STATUSES).optional(),
  teamId: z.uuid().optional(),
  staffId: z.uuid().optional(),
  /** The appeal a case is (the case page's decision form). */
  caseId: z.uuid().optional(),
});
export type AppealFilter = z.infer<typeof appealFilterSchema>;
export const APPEAL_SORTABLE = ['filedAt', 'period', 'status'] as const;

export const appealResponseSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  scorecardId: z.uuid(),
  staffId: z.uuid(),
  staffCode: z.string(),
  staffName: z.string(),
  teamId: z.uuid().nullable(),
  period: z.string(),
  indicators: z.array(z.string()),
  reason: z.string(),
  status: z.enum(APPEAL_STATUSES),
  /** The composite when the appeal was filed, and after the correction (null until corrected). */
  compositeBefore: z.number().nullable(),
  compositeAfter: z.number().nullable(),
  filedBy: z.uuid().nullable(),
  filedAt: z.string(),
  decidedAt: z.string().nullable(),
  correctionRunId: z.uuid().nullable(),
});
export type AppealResponse = z.infer<typeof appealResponseSchema>;
