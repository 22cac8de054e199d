import { z } from 'zod';
import { isTimeZone } from '@carescore/engine';

export const institutionSettingsSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** IANA zone whose calendar periods follow (a survey at 07:00 Beijing time on 1 April is Q2 in Asia/Shanghai). */
  timeZone: z.string(),
  /** Working days staff have to acknowledge or appeal a published period. */
  appealDays: z.number().int(),
  /** Rule changes become change requests that another admin approves (issue 15). */
  approvals: z.boolean(),
});
export type InstitutionSettings = z.infer<typeof institutionSettingsSchema>;

/** The settings an admin changes; the read-only fields the GET returns may come back and are ignored. */
export const updateInstitutionSettingsSchema = z
  .object({
    id: z.uuid().optional(),
    name: z.string().optional(),
    timeZone: z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' }).optional(),
    appealDays: z.number().int().min(1).max(60).optional(),
    approvals: z.boolean().optional(),
  })
  .strict();
export type UpdateInstitutionSettings = z.infer<typeof updateInstitutionSettingsSchema>;
