import { API_URL, httpClient } from '../providers/httpClient';

/** An item of the signed-in user's inbox as `GET /api/notifications/mine` answers it (apps/api/src/modules/notifications/inbox.dto.ts). */
export interface InboxItem {
  id: string;
  kind: 'case_stage_started' | 'case_assigned' | 'case_stage_due_soon' | 'period_published' | 'appeal_decided' | 'scheduled_run_failed' | 'run_failed' | 'reminder' | 'change_request_pending' | 'change_request_decided';
  target: { type: 'case' | 'scorecard' | 'period' | 'run' | 'change_request'; id: string };
  /** In the language the request asked for. */
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** Where an item leads in the console. */
export function targetPath(target: InboxItem['target']): string {
  const resource = { case: 'cases', scorecard: 'scorecards', period: 'periods', run: 'evaluations', change_request: 'change-requests' }[target.type];
  return `/${resource}/${encodeURIComponent(target.id)}/show`;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const { json } = await httpClient(`${API_URL}${path}`, init);
  return json as T;
}

const post: RequestInit = { method: 'POST' };

export const inboxApi = {
  unreadCount: () => call<{ unread: number }>('/notifications/mine/unread-count'),
  latest: (count: number) => call<InboxItem[]>(`/notifications/mine?range=${encodeURIComponent(JSON.stringify([0, count - 1]))}`),
  markRead: (id: string) => call<InboxItem>(`/notifications/${id}/read`, post),
  markAllRead: () => call<{ marked: number }>('/notifications/read-all', post),
};
