import { z } from 'zod';

export const IDENTIFIER_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Ids are also names inside formulas and conditions, so they must be valid mathjs symbols. */
export const identifierSchema = z
  .string()
  .regex(IDENTIFIER_PATTERN, 'must start with a lowercase letter and contain only a-z, 0-9 and _')
  .max(64, 'must be at most 64 characters');

export const documentKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must contain only a-z, 0-9, - and _ and start with a letter or digit')
  .max(64, 'must be at most 64 characters');

/** A band id may be a letter grade such as A or B+. */
export const bandIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_+-]*$/, 'must contain only letters, digits, _, + and -')
  .max(32);

export const localizedTextSchema = z
  .strictObject({
    zh: z.string().min(1).optional(),
    en: z.string().min(1).optional(),
  })
  .refine((v) => v.zh !== undefined || v.en !== undefined, { message: 'needs a zh or an en text' });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const documentStatusSchema = z.enum(['draft', 'published', 'retired']);
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

export const finiteNumber = z.number().refine(Number.isFinite, { message: 'must be a finite number' });

export const roleSchema = z.enum(['admin', 'quality_officer', 'manager', 'staff']);
export type Role = z.infer<typeof roleSchema>;

/** Fields every stored document shares; `version` and `status` are set by the platform once stored. */
export const documentHeaderShape = {
  key: documentKeySchema,
  name: localizedTextSchema.optional(),
  description: localizedTextSchema.optional(),
  version: z.number().int().positive().optional(),
  status: documentStatusSchema.optional(),
};
