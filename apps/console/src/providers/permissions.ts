import type { Role } from './session';

/**
 * Who may do what, mirroring the API's table in docs/api-conventions.md. The console hides menus
 * and buttons a role cannot use; the API enforces the same rules on every request.
 *
 * Actions are react-admin's (list, show, create, edit, delete, export) plus our own
 * (import, publish, retire, rollback, discard).
 */
const READERS: readonly Role[] = ['admin', 'quality_officer', 'manager'];
const ADMIN: readonly Role[] = ['admin'];
const EVERYONE: readonly Role[] = ['admin', 'quality_officer', 'manager', 'staff'];
const QUALITY: readonly Role[] = ['admin', 'quality_officer'];
const READ_ACTIONS = new Set(['list', 'show', 'export']);

interface Rule {
  read: readonly Role[];
  write: readonly Role[];
  /** A finer check for writes, given the record when there is one. */
  canWrite?: (role: Role, record: Record<string, unknown> | undefined) => boolean;
}

const RULES: Record<string, Rule> = {
  users: { read: ADMIN, write: ADMIN },
  teams: { read: READERS, write: ADMIN },
  staff: { read: READERS, write: ADMIN },
  facts: { read: READERS, write: ADMIN },
  // Quality officers may also write workflow documents (the negative-feedback loop) and surveys, never schemes.
  documents: {
    read: READERS,
    write: ['admin', 'quality_officer'],
    canWrite: (role, record) => role === 'admin' || record === undefined || record.kind === 'workflow' || record.kind === 'survey',
  },
  templates: { read: READERS, write: [] },
  bindings: { read: READERS, write: ADMIN },
  // Publish, close and reopen are for admins; quality officers and managers follow the cycle.
  periods: { read: READERS, write: ADMIN },
  evaluations: { read: READERS, write: QUALITY },
  // Staff see only their own scorecards and cases; managers those of their teams (the API filters).
  scorecards: { read: EVERYONE, write: [] },
  // Advancing a stage is for the stage's role; the API decides per case, the console asks it.
  cases: { read: EVERYONE, write: EVERYONE },
  feedback: { read: READERS, write: QUALITY },
  notifications: { read: READERS, write: [] },
  experiments: { read: READERS, write: ADMIN },
  'audit-log': { read: ADMIN, write: [] },
  // 待审批: another admin (a quality officer too, for workflow documents) decides; the API checks who per request.
  'change-requests': { read: QUALITY, write: QUALITY },
  // The institution's time zone and appeal window: a settings page (not a menu resource) for admins.
  institution: { read: EVERYONE, write: ADMIN },
};

export function canAccess(role: Role | null, resource: string, action: string, record?: Record<string, unknown>): boolean {
  if (role === null) return false;
  const rule = RULES[resource];
  if (!rule) return false;
  if (READ_ACTIONS.has(action)) return rule.read.includes(role);
  if (!rule.write.includes(role)) return false;
  return rule.canWrite ? rule.canWrite(role, record) : true;
}

/** The resources a role may list, in menu order (used by the dashboard's shortcuts). */
export function readableResources(role: Role | null): string[] {
  return Object.keys(RULES).filter((resource) => resource !== 'templates' && resource !== 'institution' && canAccess(role, resource, 'list'));
}
