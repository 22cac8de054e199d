import { z } from 'zod';
import { roleSchema } from '@carescore/engine';
import { idListFilter } from '../../common/http/list-query';
import type { UserEntity } from './user.entity';

export const LOCALES = ['zh', 'en'] as const;
export const localeSchema = z.enum(LOCALES);

/** bcrypt reads at most 72 bytes of a password; longer ones would be silently truncated. */
const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .refine((password) => Buffer.byteLength(password, 'utf8') <= 72, 'must be at most 72 bytes long (the bcrypt limit)');

export const createUserSchema = z.strictObject({
  email: z.email().max(254).transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  password: passwordSchema,
  role: roleSchema,
  /** Required for role staff: the staff member this login belongs to. */
  staffId: z.uuid().nullable().optional(),
  locale: localeSchema.optional(),
});
export type CreateUserRequest = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: roleSchema.optional(),
  staffId: z.uuid().nullable().optional(),
  locale: localeSchema.optional(),
  active: z.boolean().optional(),
  password: passwordSchema.optional(),
});
export type UpdateUserRequest = z.infer<typeof updateUserSchema>;

export const userFilterSchema = z.strictObject({
  id: idListFilter.optional(),
  q: z.string().max(200).optional(),
  role: roleSchema.optional(),
  active: z.boolean().optional(),
  staffId: z.uuid().optional(),
});
export type UserFilter = z.infer<typeof userFilterSchema>;
export const USER_SORTABLE = ['id', 'email', 'name', 'role', 'active', 'locale', 'createdAt', 'updatedAt'] as const;

export const userResponseSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  staffId: z.uuid().nullable(),
  locale: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserResponse = z.infer<typeof userResponseSchema>;

/** Never includes the password hash. */
export function toUserResponse(user: UserEntity): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    staffId: user.staffId,
    locale: user.locale,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a user: everything but timestamps and the password hash. */
export function auditedUser(user: UserEntity) {
  return { email: user.email, name: user.name, role: user.role, staffId: user.staffId, locale: user.locale, active: user.active };
}
