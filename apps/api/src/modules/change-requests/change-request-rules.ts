import type { MessageLanguage, Role } from '@carescore/engine';
import { msgIn } from '../../common/i18n/messages';
import { periodLabel } from '../notifications/inbox.dto';
import type { BothLanguages, ChangeRequestKind, ChangeRequestStatus, ChangeRequestSummary } from './change-requests.dto';

/** The roles whose members (but the requester) may decide a request: admins; quality officers too for a workflow document. */
export function approverRoles(kind: ChangeRequestKind, summary: ChangeRequestSummary): Role[] {
  return kind === 'document_publish' && summary.kind === 'workflow' ? ['admin', 'quality_officer'] : ['admin'];
}

export type DecisionRefusal = 'not_pending' | 'self' | 'role' | null;

/** Why `user` may not approve or reject the request, or null when they may. */
export function decisionRefusal(user: { id: string; role: Role }, request: { kind: ChangeRequestKind; status: ChangeRequestStatus; summary: ChangeRequestSummary; requestedBy: string }): DecisionRefusal {
  if (!approverRoles(request.kind, request.summary).includes(user.role)) return 'role';
  if (user.id === request.requestedBy) return 'self';
  if (request.status !== 'pending') return 'not_pending';
  return null;
}

/**
 * What a request was made against, as it is now: the fields whose value moved (their names), none when nothing did.
 * A target that is gone (a binding removed, a document deleted) moved entirely.
 */
export function movedFields(basis: Record<string, unknown>, current: Record<string, unknown> | null): string[] {
  const names = Object.keys(basis).sort();
  if (current === null) return names.length > 0 ? names : ['target'];
  return names.filter((name) => JSON.stringify(basis[name] ?? null) !== JSON.stringify(current[name] ?? null));
}

function text(value: ChangeRequestSummary[string], language: MessageLanguage): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return (value as BothLanguages)[language] || value.en || value.zh;
  return value;
}

/** What a request does, in a language: "发布满意度优先第 3 版", "close Q1 2026". */
export function describeChangeRequest(kind: ChangeRequestKind, summary: ChangeRequestSummary, language: MessageLanguage): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(summary)) params[name] = text(value, language);
  if (typeof summary.period === 'string') params.period = periodLabel(summary.period, language);
  if (kind.startsWith('binding_')) params.scope = summary.scope === null || summary.scope === undefined ? msgIn(language, 'bindings.scope.institution') : msgIn(language, 'bindings.scope.team', { name: text(summary.scope, language) });
  return msgIn(language, `change_requests.action.${kind}`, params);
}

/** The description in both languages, for the inbox items (rendered in their reader's language when read). */
export function describeInBoth(kind: ChangeRequestKind, summary: ChangeRequestSummary): BothLanguages {
  return { zh: describeChangeRequest(kind, summary, 'zh'), en: describeChangeRequest(kind, summary, 'en') };
}
