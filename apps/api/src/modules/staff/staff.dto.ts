import { z } from 'zod';
import { idListFilter } from '../../common/http/list-query';
import { type StaffEntity, TIERS } from './staff.entity';

export const tierSchema = z.enum(TIERS);
export const STAFF_CODE_MAX = 64;
export const STAFF_NAME_MAX = 200;
/** Staff rows one import may hold (an institution's whole roster is rarely more; split larger files). */
export const STAFF_IMPORT_MAX_ROWS = 10_000;
const code = z.string().trim().min(1).max(STAFF_CODE_MAX);
const name = z.string().trim().min(1).max(STAFF_NAME_MAX);

export const createStaffSchema = z.strictObject({
  /** Employee number, unique in the institution. */
  code,
  name,
  teamId: z.uuid().nullable().optional(),
  tier: tierSchema,
  active: z.boolean().optional(),
});
export type CreateStaffRequest = z.infer<typeof createStaffSchema>;

export const updateStaffSchema = z.strictObject({
  code: code.optional(),
  name: name.optional(),
  teamId: z.uuid().nullable().optional(),
  tier: tierSchema.optional(),
  active: z.boolean().optional(),
});
export type UpdateStaffRequest = z.infer<typeof updateStaffSchema>;

export const staffFilterSchema = z.strictObject({
  id: idListFilter.optional(),
  q: z.string().max(200).optional(),
  /** A team's id, or null for staff without a team. */
  teamId: z.uuid().nullable().optional(),
  tier: tierSchema.optional(),
  active: z.boolean().optional(),
  code: z.string().max(STAFF_CODE_MAX).optional(),
});
export type StaffFilter = z.infer<typeof staffFilterSchema>;
export const STAFF_SORTABLE = ['id', 'code', 'name', 'teamId', 'tier', 'active', 'createdAt', 'updatedAt'] as const;

/** The CSV as a text/csv body (parsed to a string by the app) or as JSON `{csv}`. */
export const importStaffSchema = z
  .union([z.string(), z.strictObject({ csv: z.string() })], { error: 'send the CSV as a text/csv body or as JSON {"csv": "…"}' })
  .transform((body) => (typeof body === 'string' ? body : body.csv));

export const importStaffResponseSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type ImportStaffResponse = z.infer<typeof importStaffResponseSchema>;

export const staffResponseSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  teamId: z.uuid().nullable(),
  tier: tierSchema,
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StaffResponse = z.infer<typeof staffResponseSchema>;

export function toStaffResponse(staff: StaffEntity): StaffResponse {
  return {
    id: staff.id,
    code: staff.code,
    name: staff.name,
    teamId: staff.teamId,
    tier: staff.tier,
    active: staff.active,
    createdAt: staff.createdAt.toISOString(),
    updatedAt: staff.updatedAt.toISOString(),
  };
}

export type StaffFields = Pick<StaffEntity, 'code' | 'name' | 'teamId' | 'tier' | 'active'>;

export function auditedStaff(staff: StaffEntity): StaffFields {
  return { code: staff.code, name: staff.name, teamId: staff.teamId, tier: staff.tier, active: staff.active };
}
