import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../common/http/list-query';
import { periodSchema } from '../bindings/bindings.dto';
import { STAFF_CODE_MAX } from '../staff/staff.dto';
import type { FactInputs } from './fact.entity';
import { FACTS_MAX_ROWS } from './fact-sheet';

/** A fact row is named `<staffId>:<period>`: one per staff member and period. */
const FACT_ID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}):(\d{4}-(?:0[1-9]|1[0-2]|Q[1-4]))$/;

export interface FactKey {
  staffId: string;
  period: string;
}

export const factIdSchema = z
  .string()
  .regex(FACT_ID, 'must be <staff id>:<period>, like 3f1c…:2026-03')
  .transform((id): FactKey => {
    const [, staffId, period] = FACT_ID.exec(id) as RegExpExecArray;
    return { staffId: staffId.toLowerCase(), period };
  });

export const factId = (key: FactKey) => `${key.staffId}:${key.period}`;

/**
 * One row of `POST /api/facts`. Input values are checked against the scheme bound to the period
 * (row-level 422s), so the body schema takes any JSON value there.
 */
export const factRowSchema = z.strictObject({
  staffCode: z.string(),
  period: z.string(),
  inputs: z.record(
    z.string(),
    z.unknown().meta({ description: 'a number; a list of numbers for list inputs (number[]); null = not provided (the stored value is kept)' }),
  ),
});
export type FactRowRequest = z.infer<typeof factRowSchema>;

export const factRowsSchema = z
  .array(factRowSchema, { error: 'send a JSON array of {staffCode, period, inputs}' })
  .min(1, 'must hold at least one fact row')
  .max(FACTS_MAX_ROWS, `at most ${FACTS_MAX_ROWS} rows at once`);

export const ingestQuerySchema = z.strictObject({
  /** true: store the valid rows and report the others; false (default): all or nothing. */
  partial: z.enum(['true', 'false']).optional().transform((value) => value === 'true'),
});
export type IngestQuery = z.infer<typeof ingestQuerySchema>;

/** The body of `POST /api/facts/import` when it is not a multipart upload. */
export const importBodySchema = z.union([z.string(), z.instanceof(Buffer), z.strictObject({ csv: z.string().optional() })], {
  error: 'send a multipart upload with the field "file", a text/csv body, or JSON {"csv": "…"}',
});

/** A row's problem; `code` names the rule broken where it has a stable name (the engine's catalog codes). */
const issueSchema = z.object({ path: z.string(), message: z.string(), code: z.string().optional() });

export const ingestResponseSchema = z.object({
  /** Staff-period rows stored: created + updated + unchanged. */
  rows: z.number().int(),
  /** Input values received in those rows. */
  values: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows whose stored inputs already held every value sent. */
  unchanged: z.number().int(),
  /** Rows refused (only with ?partial=true; otherwise any problem is a 422 and nothing is stored). */
  rejected: z.number().int(),
  /** The problems of the refused rows, at most 200. */
  errors: z.array(issueSchema),
});
export type IngestResponse = z.infer<typeof ingestResponseSchema>;

export const factFilterSchema = z.strictObject({
  id: z.union([z.string(), z.array(z.string()).max(MAX_PAGE_SIZE)]).transform((v) => (Array.isArray(v) ? v : [v])).pipe(z.array(factIdSchema)).optional(),
  q: z.string().max(200).optional(),
  period: periodSchema.optional(),
  staffId: z.uuid().optional(),
  /** A team's id, or null for staff without a team. */
  teamId: z.uuid().nullable().optional(),
  staffCode: z.string().max(STAFF_CODE_MAX).optional(),
});
export type FactFilter = z.infer<typeof factFilterSchema>;
export const FACT_SORTABLE = ['id', 'period', 'staffCode', 'staffName', 'teamId', 'createdAt', 'updatedAt'] as const;

const factValueSchema = z.union([z.number(), z.array(z.number())]);

export const factResponseSchema = z.object({
  /** `<staffId>:<period>` */
  id: z.string(),
  staffId: z.uuid(),
  staffCode: z.string(),
  staffName: z.string(),
  /** The staff member's team now. */
  teamId: z.uuid().nullable(),
  period: z.string(),
  inputs: z.record(z.string(), factValueSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FactResponse = z.infer<typeof factResponseSchema>;

/** A stored fact row with the staff member it belongs to. */
export interface FactView {
  staffId: string;
  staffCode: string;
  staffName: string;
  teamId: string | null;
  period: string;
  inputs: FactInputs;
  createdAt: Date;
  updatedAt: Date;
}

export function toFactResponse(fact: FactView): FactResponse {
  return {
    id: factId(fact),
    staffId: fact.staffId,
    staffCode: fact.staffCode,
    staffName: fact.staffName,
    teamId: fact.teamId,
    period: fact.period,
    inputs: fact.inputs,
    createdAt: fact.createdAt.toISOString(),
    updatedAt: fact.updatedAt.toISOString(),
  };
}
