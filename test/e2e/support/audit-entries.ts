import { bearer, type TestUser } from './fixtures';
import type { TestApp } from './test-app';

export interface AuditEntry {
  id: string;
  sequence: number;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: Record<string, unknown>;
}

/** The institution's audit entries matching the filter, newest first (read through the API, as an admin). */
export async function auditEntries(t: TestApp, admin: TestUser, filter: Record<string, unknown>): Promise<AuditEntry[]> {
  const response = await t
    .http()
    .get('/api/audit-log')
    .query({ filter: JSON.stringify(filter), sort: '["id","DESC"]', range: '[0,999]' })
    .set(bearer(admin));
  if (response.status !== 200) throw new Error(`audit-log: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as AuditEntry[];
}
