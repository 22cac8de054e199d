import { z } from 'zod';
import { roleSchema } from '@carescore/engine';

export const loginRequestSchema = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
  /** Needed only when the same email and password open accounts in several institutions (the answer is then 409 naming them). */
  institutionId: z.uuid().optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const meResponseSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  institutionId: z.uuid(),
  institutionName: z.string(),
  staffId: z.uuid().nullable(),
  locale: z.string(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const loginResponseSchema = z.object({ token: z.string(), expiresIn: z.string(), user: meResponseSchema });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** The signed-in user's language, saved when they switch it in the console (and used for their mail). */
export const updateLocaleSchema = z.strictObject({ locale: z.enum(['zh', 'en']) });
export type UpdateLocale = z.infer<typeof updateLocaleSchema>;
