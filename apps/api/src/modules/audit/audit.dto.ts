import { z } from 'zod';
import type { AuditEntryEntity } from './audit-entry.entity';
import type { ChainReport } from './audit-chain';

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
  /** The entry's place in its institution's chain (1, 2, …). */
  sequence: z.number().int(),
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
    sequence: Number(entry.seq),
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

export const auditChainResponseSchema = z.object({
  intact: z.boolean(),
  entries: z.number().int(),
  head: z.object({ sequence: z.number().int(), hash: z.string().nullable() }).nullable(),
  broken: z
    .object({
      entryId: z.string(),
      sequence: z.number().int(),
      problem: z.enum(['entries_missing', 'sequence_out_of_order', 'link_broken', 'content_changed']),
      expected: z.string(),
      found: z.string(),
    })
    .nullable(),
});
export type AuditChainResponse = z.infer<typeof auditChainResponseSchema>;

export function toAuditChainResponse(report: ChainReport): AuditChainResponse {
  return { intact: report.broken === null, entries: report.entries, head: report.head, broken: report.broken };
}
