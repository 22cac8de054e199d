import type { LocalizedText } from '../providers/dataProvider';
import { API_URL, httpClient } from '../providers/httpClient';
import type { Role } from '../providers/session';

export const CASE_KINDS = ['appeal', 'feedback', 'zone'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** An appeal as `GET /api/appeals` answers it (apps/api/src/modules/appeals/appeals.dto.ts). */
export interface AppealRecord {
  id: string;
  caseId: string;
  scorecardId: string;
  staffId: string;
  period: string;
  indicators: string[];
  reason: string;
  status: 'open' | 'upheld' | 'corrected';
  compositeBefore: number | null;
  compositeAfter: number | null;
  filedAt: string;
  decidedAt: string | null;
}

/** A case as `GET /api/cases` lists it (apps/api/src/modules/cases/cases.dto.ts). */
export interface CaseRecord {
  id: string;
  kind: CaseKind;
  workflowKey: string;
  workflowVersion: number;
  workflowName: LocalizedText;
  staffId: string;
  staffCode: string;
  staffName: string;
  teamId: string | null;
  teamName: string | null;
  period: string;
  feedbackId: string | null;
  runId: string | null;
  zoneId: string | null;
  zone: 'red' | 'yellow' | 'blue' | null;
  action: string | null;
  status: 'open' | 'closed';
  stage: string | null;
  stageName: LocalizedText | null;
  stageRole: Role | null;
  stageIndex: number | null;
  stageCount: number;
  assigneeId: string | null;
  assigneeEmail: string | null;
  assigneeName: string | null;
  version: number;
  openedAt: string;
  stageStartedAt: string | null;
  dueAt: string | null;
  hoursLeft: number | null;
  overdue: boolean;
  breached: boolean;
  breachCount: number;
  closedAt: string | null;
  hoursToClose: number | null;
  closedInSla: boolean | null;
  updatedAt: string;
}

export type FieldType = 'text' | 'select' | 'multiselect' | 'number' | 'date' | 'boolean' | 'corrected_facts';

/** One field of a workflow stage, as the workflow document declares it. */
export interface StageField {
  id: string;
  name: LocalizedText | null;
  type: FieldType;
  required: boolean;
  options: string[] | null;
  minLength: number | null;
  maxLength: number | null;
  min: number | null;
  max: number | null;
}

export interface StageDefinition {
  id: string;
  name: LocalizedText | null;
  role: Role;
  slaHours: number;
  fields: StageField[];
}

export type CaseEventType = 'opened' | 'advanced' | 'closed' | 'reopened' | 'assigned' | 'commented' | 'breached' | 'escalated';

export interface CaseEvent {
  id: string;
  type: CaseEventType;
  at: string;
  actor: { id: string; email: string | null; role: string | null } | null;
  stage: string | null;
  toStage: string | null;
  fields: Record<string, unknown> | null;
  reason: string | null;
  text: string | null;
  data: Record<string, unknown>;
}

export interface StageVisit {
  seq: number;
  stage: string;
  stageName: LocalizedText | null;
  startedAt: string;
  dueAt: string;
  endedAt: string | null;
  hours: number;
  outcome: 'advanced' | 'reopened' | 'closed' | null;
  breached: boolean;
  escalations: number;
}

export interface CaseFeedback {
  id: string;
  responseId: string;
  customerRef: string | null;
  channel: string | null;
  likert: Record<string, number>;
  nps: number | null;
  comment: string | null;
  respondedAt: string;
}

/** `GET /api/cases/:id`: the case, its form, its history and what the caller may do. */
export interface CaseDetail extends CaseRecord {
  currentStage: StageDefinition | null;
  stages: StageDefinition[];
  reopenTo: Array<{ id: string; name: LocalizedText | null }>;
  escalation: Array<{ afterHours: number; notify: string }>;
  visits: StageVisit[];
  events: CaseEvent[];
  feedback: CaseFeedback | null;
  can: { advance: boolean; reopen: boolean; assign: boolean; comment: boolean };
}

export interface TeamSla {
  teamId: string | null;
  teamName: string | null;
  open: number;
  overdue: number;
  opened: number;
  closed: number;
  closedInSla: number;
  slaCompliance: number | null;
  stageCompliance: number | null;
}

/** `GET /api/cases/dashboard`. */
export interface CaseDashboard {
  asOf: string;
  period: string | null;
  open: number;
  overdue: number;
  opened: number;
  closed: number;
  closedInSla: number;
  slaCompliance: number | null;
  byStage: Array<{ workflowKey: string; stage: string; stageName: LocalizedText | null; open: number; overdue: number }>;
  teams: TeamSla[];
}

const jsonBody = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/json' }) });

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const { json } = await httpClient(`${API_URL}${path}`, init);
  return json as T;
}

/** The case actions and views that are not react-admin CRUD. Failures reject with react-admin's HttpError (status, body). */
export const casesApi = {
  inbox: (view: 'mine' | 'others' = 'mine') => call<CaseRecord[]>(`/cases/inbox?view=${view}`),
  inboxCounts: () => call<{ mine: number; others: number; overdue: number }>('/cases/inbox/counts'),
  dashboard: (period: string | null) => call<CaseDashboard>(`/cases/dashboard${period ? `?period=${encodeURIComponent(period)}` : ''}`),
  get: (id: string) => call<CaseDetail>(`/cases/${id}`),
  advance: (id: string, body: { stage: string; fields: Record<string, unknown>; version: number }) => call<CaseDetail>(`/cases/${id}/advance`, jsonBody(body)),
  reopen: (id: string, body: { stage: string; reason: string; version: number }) => call<CaseDetail>(`/cases/${id}/reopen`, jsonBody(body)),
  assign: (id: string, body: { assigneeId: string | null; reason?: string; version: number }) => call<CaseDetail>(`/cases/${id}/assign`, jsonBody(body)),
  /** The appeal a case is (appeal cases only). */
  appealOf: async (caseId: string) => (await call<AppealRecord[]>(`/appeals?filter=${encodeURIComponent(JSON.stringify({ caseId }))}`))[0] ?? null,
  comment: (id: string, text: string) => call<CaseDetail>(`/cases/${id}/comments`, jsonBody({ text })),
};
