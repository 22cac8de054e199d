import { z } from 'zod';
import { idListFilter } from '../../common/http/list-query';
import type { VersionStatus } from '../documents/document.entity';
import type { BindingEntity } from './binding.entity';

export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'must be a month like 2026-03 or a quarter like 2026-Q1');

export const createBindingSchema = z.strictObject({
  period: periodSchema,
  /** A team for a team override; null or absent binds the whole institution. */
  teamId: z.uuid().nullable().optional(),
  documentId: z.uuid(),
  version: z.number().int().positive(),
});
export type CreateBindingRequest = z.infer<typeof createBindingSchema>;

/** Rebinds the period to another published version (of the same document when documentId is left out). */
export const updateBindingSchema = z.strictObject({
  documentId: z.uuid().optional(),
  version: z.number().int().positive(),
});
export type UpdateBindingRequest = z.infer<typeof updateBindingSchema>;

export const bindingFilterSchema = z.strictObject({
  id: idListFilter.optional(),
  q: z.string().max(200).optional(),
  period: periodSchema.optional(),
  /** A team's id, or null for the institution-wide bindings. */
  teamId: z.uuid().nullable().optional(),
  documentId: z.uuid().optional(),
});
export type BindingFilter = z.infer<typeof bindingFilterSchema>;
export const BINDING_SORTABLE = ['id', 'period', 'teamId', 'documentId', 'version', 'createdAt', 'updatedAt'] as const;

export const resolveBindingQuerySchema = z.strictObject({
  period: periodSchema,
  teamId: z.uuid().optional(),
});
export type ResolveBindingQuery = z.infer<typeof resolveBindingQuerySchema>;

export const bindingResponseSchema = z.object({
  id: z.uuid(),
  period: z.string(),
  teamId: z.uuid().nullable(),
  /** null for an institution-wide binding. */
  teamName: z.string().nullable(),
  documentId: z.uuid(),
  documentKey: z.string(),
  documentVersionId: z.uuid(),
  version: z.number().int(),
  /** published, or retired if the version was retired after it was bound. */
  versionStatus: z.enum(['draft', 'published', 'retired']),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BindingResponse = z.infer<typeof bindingResponseSchema>;

/** A binding with the names a list shows beside it. */
export interface BindingView {
  binding: BindingEntity;
  documentKey: string;
  teamName: string | null;
  versionStatus: VersionStatus;
}

export function toBindingResponse({ binding, documentKey, teamName, versionStatus }: BindingView): BindingResponse {
  return {
    id: binding.id,
    period: binding.period,
    teamId: binding.teamId,
    teamName,
    documentId: binding.documentId,
    documentKey,
    documentVersionId: binding.documentVersionId,
    version: binding.version,
    versionStatus,
    createdBy: binding.createdBy,
    createdAt: binding.createdAt.toISOString(),
    updatedAt: binding.updatedAt.toISOString(),
  };
}
