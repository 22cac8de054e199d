import { useQuery } from '@tanstack/react-query';
import { API_URL, httpClient } from '../providers/httpClient';
import type { DocumentChange } from '../providers/dataProvider';

/** `GET /api/change-requests/:id` (apps/api/src/modules/change-requests/change-requests.dto.ts). */
export interface ChangeRequest {
  id: string;
  kind: 'document_publish' | 'binding_create' | 'binding_update' | 'binding_delete' | 'experiment_promote' | 'period_close' | 'period_reopen';
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  target: { type: 'document' | 'binding' | 'experiment' | 'period'; id: string };
  /** What will happen, in the language the request asked for. */
  description: string;
  summary: Record<string, unknown>;
  requestedBy: { id: string; name: string; email: string };
  requestedAt: string;
  decidedBy: { id: string; name: string; email: string } | null;
  decidedAt: string | null;
  reason: string | null;
  mayDecide: boolean;
  mayWithdraw: boolean;
}

export interface ChangeRequestDetail extends ChangeRequest {
  stale: boolean;
  diff: { from: number | null; to: number; changes: DocumentChange[] } | null;
}

/** An action's answer that is a new change request (202: the institution requires approval) rather than the change itself. */
export function isChangeRequest(value: unknown): value is ChangeRequest {
  return typeof value === 'object' && value !== null && 'requestedBy' in value && 'mayDecide' in value && 'kind' in value && (value as { status?: unknown }).status === 'pending';
}

/** How often the pending count in the menu is asked for. */
export const PENDING_POLL_MS = 30_000;

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const { json } = await httpClient(`${API_URL}/change-requests${path}`, init);
  return json as T;
}

const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  ...(body === undefined ? {} : { body: JSON.stringify(body), headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/json' }) }),
});
const filtered = (filter: Record<string, unknown>, range: [number, number] = [0, 99]) => `?filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent(JSON.stringify(range))}`;

export const changeRequestsApi = {
  get: (id: string) => call<ChangeRequestDetail>(`/${id}`),
  approve: (id: string) => call<ChangeRequestDetail>(`/${id}/approve`, post()),
  reject: (id: string, reason: string) => call<ChangeRequestDetail>(`/${id}/reject`, post({ reason })),
  withdraw: (id: string) => call<ChangeRequestDetail>(`/${id}/withdraw`, post()),
  /** The pending requests the signed-in user may decide (the menu's badge). */
  actionable: () => call<ChangeRequest[]>(filtered({ actionable: true })),
  pendingFor: (targetType: ChangeRequest['target']['type'], targetId: string) => call<ChangeRequest[]>(filtered({ status: 'pending', targetType, targetId })),
  pendingOf: (targetType: ChangeRequest['target']['type']) => call<ChangeRequest[]>(filtered({ status: 'pending', targetType })),
};

/** The pending requests of one target (a document, a binding, an experiment), for its page. */
export function usePendingRequests(targetType: ChangeRequest['target']['type'], targetId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['change-requests', 'pending', targetType, targetId],
    queryFn: () => (targetId === undefined ? Promise.resolve([]) : changeRequestsApi.pendingFor(targetType, targetId)),
    enabled: enabled && targetId !== undefined,
    // Another person decides it: read again on every visit and while the page stays open.
    staleTime: 0,
    refetchInterval: PENDING_POLL_MS,
    refetchIntervalInBackground: false,
  });
}
