import { z } from 'zod';
import type { AuditEntryEntity } from './audit-entry.entity';

export const auditFilterSchema = z.strictObject({
  id: z.union([z.coerce.string(), z.array(z.coerce.string())]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
  q: z.string().max(200).optional(),
  action: z.string().max(64).optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditEntryResponseSchema = z.object({
  id: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  createdAt: z.string(),
});
export type AuditEntryResponse = z.infer<typeof auditEntryResponseSchema>;

export function toAuditEntryResponse(entry: AuditEntryEntity): AuditEntryResponse {
  return {
    id: String(entry.id),
    actorId: entry.actorId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changes: entry.changes,
    ip: entry.ip,
    createdAt: entry.createdAt.toISOString(),
  };
}
