import type { AuthUser } from '../auth/auth-user';

/**
 * Which people a signed-in user may read: the one rule every per-person read (staff, facts, scorecards, trends,
 * team summaries, exports, cases, feedback, notifications, experiment reports, preview samples) goes through.
 *
 * - admins and quality officers: everyone of their institution;
 * - a manager: the staff now in a team they manage, and rows recorded under such a team (the team a scorecard
 *   was evaluated in, a case's or a response's team), so history stays readable after a transfer;
 * - staff: themselves only (nobody when the login is linked to no staff member).
 *
 * Never anyone of another institution.
 */
export type ReaderScope =
  | { institutionId: string; kind: 'institution' }
  | { institutionId: string; kind: 'teams'; managerId: string; teamIds?: readonly string[] }
  | { institutionId: string; kind: 'self'; staffId: string | null };

export type Reader = Pick<AuthUser, 'id' | 'institutionId' | 'role' | 'staffId'>;

export function readerScopeOf(user: Reader): ReaderScope {
  switch (user.role) {
    case 'admin':
    case 'quality_officer':
      return { institutionId: user.institutionId, kind: 'institution' };
    case 'manager':
      return { institutionId: user.institutionId, kind: 'teams', managerId: user.id };
    default:
      return { institutionId: user.institutionId, kind: 'self', staffId: user.staffId };
  }
}

/** Where a row keeps its institution, the staff member it is about and the teams it was recorded under. */
export interface PersonColumns {
  institutionId: string;
  staffId: string;
  teamIds?: readonly string[];
}

/** Adds a parameter to the query being built and returns its placeholder ($3, :scope_0). */
export type Bind = (value: unknown) => string;

/** A manager's teams as an SQL array: the ids read beforehand when the scope has them, else a subquery. */
function managedTeamsSql(scope: Extract<ReaderScope, { kind: 'teams' }>, institution: string, bind: Bind): string {
  return scope.teamIds !== undefined
    ? `CAST(${bind([...scope.teamIds])} AS uuid[])`
    : `ARRAY(SELECT mt.id FROM teams mt WHERE mt.institution_id = ${institution} AND mt.manager_id = ${bind(scope.managerId)})`;
}

/**
 * The SQL condition of the scope over a row with these columns. A manager's teams and their staff are computed
 * once per statement (ARRAY(…) is an init plan), so `column = ANY(…)` can drive an index scan from the few rows
 * in scope rather than test every row of the institution. Hot lists pass the manager's `teamIds` read beforehand
 * (managedTeamsScope): the planner then sees how few rows the teams hold and starts from them, where a guess
 * made it walk the whole institution's sort order instead.
 */
export function readerScopeSql(scope: ReaderScope, columns: PersonColumns, bind: Bind): string {
  const institution = bind(scope.institutionId);
  const terms = [`${columns.institutionId} = ${institution}`];
  if (scope.kind === 'teams') {
    const managed = managedTeamsSql(scope, institution, bind);
    const staffOfManaged = `ARRAY(SELECT ms.id FROM staff ms WHERE ms.institution_id = ${institution} AND ms.team_id = ANY(${managed}))`;
    const visible = [`${columns.staffId} = ANY(${staffOfManaged})`, ...(columns.teamIds ?? []).map((column) => `${column} = ANY(${managed})`)];
    terms.push(visible.length === 1 ? visible[0] : `(${visible.join(' OR ')})`);
  } else if (scope.kind === 'self') {
    terms.push(scope.staffId === null ? 'false' : `${columns.staffId} = ${bind(scope.staffId)}`);
  }
  return terms.join(' AND ');
}

/**
 * A period's results reach its staff only from its publication on: the SQL condition that a row's period is
 * published (or closed) in its institution. Staff readers add it to scorecards and to the cases a run opened from
 * their zone, so neither tells them a result before it is published.
 */
export function publishedPeriodSql(columns: { institutionId: string; period: string }): string {
  return `${columns.period} IN (SELECT pp.period FROM periods pp WHERE pp.institution_id = ${columns.institutionId} AND pp.state <> 'open')`;
}

/**
 * Whose team a reader may look at as a team (its honour roll): admins and quality officers every team of their
 * institution; a manager the teams they manage; staff the team they are in now (none without a team or a staff link).
 */
export function teamVisibleSql(scope: ReaderScope, columns: { institutionId: string; teamId: string }, bind: Bind): string {
  const institution = bind(scope.institutionId);
  const terms = [`${columns.institutionId} = ${institution}`];
  if (scope.kind === 'teams') {
    const managed = managedTeamsSql(scope, institution, bind);
    terms.push(`${columns.teamId} = ANY(${managed})`);
  } else if (scope.kind === 'self') {
    terms.push(scope.staffId === null ? 'false' : `${columns.teamId} = (SELECT ss.team_id FROM staff ss WHERE ss.institution_id = ${institution} AND ss.id = ${bind(scope.staffId)})`);
  }
  return terms.join(' AND ');
}

/**
 * A team's honour roll (the awards its staff earned in a period, SPEC §6) is recognition shown to the team, the one
 * read of teammates' results staff have: only who earned which award, never their scores. The SQL condition over a
 * scorecard row (recorded under `teamId`) that the reader may see it on the roll: the team is visible to them
 * (teamVisibleSql), and for staff its period is published (or closed), as for their own scorecards.
 */
export function honourRollScopeSql(scope: ReaderScope, columns: { institutionId: string; teamId: string; period: string }, bind: Bind): string {
  const team = teamVisibleSql(scope, columns, bind);
  return scope.kind === 'self' ? `${team} AND ${publishedPeriodSql(columns)}` : team;
}

/** The scope with a manager's teams filled in (read by the caller), for the hot lists; other scopes as they are. */
export async function managedTeamsScope(scope: ReaderScope, teamsManagedBy: (institutionId: string, managerId: string) => Promise<ReadonlySet<string>>): Promise<ReaderScope> {
  if (scope.kind !== 'teams' || scope.teamIds !== undefined) return scope;
  return { ...scope, teamIds: [...(await teamsManagedBy(scope.institutionId, scope.managerId))] };
}

/** The same rule over a row already in memory (a cached scorecard detail); `managedTeams` are the manager's teams. */
export function readerMaySee(scope: ReaderScope, row: { institutionId: string; staffId: string; teamIds: readonly string[] }, managedTeams: ReadonlySet<string>): boolean {
  if (row.institutionId !== scope.institutionId) return false;
  if (scope.kind === 'institution') return true;
  if (scope.kind === 'self') return scope.staffId !== null && scope.staffId === row.staffId;
  return row.teamIds.some((teamId) => managedTeams.has(teamId));
}

/** A binder for hand-written SQL with positional parameters: values go to `values`, placeholders count from its length. */
export function positionalBind(values: unknown[]): Bind {
  return (value) => {
    values.push(value);
    return `$${values.length}`;
  };
}

/** A binder for a TypeORM query builder: named parameters `:<prefix>_<n>` set on the builder. */
export function namedBind(builder: { setParameter(name: string, value: unknown): unknown }, prefix = 'reader'): Bind {
  let next = 0;
  return (value) => {
    const name = `${prefix}_${next++}`;
    builder.setParameter(name, value);
    return `:${name}`;
  };
}
