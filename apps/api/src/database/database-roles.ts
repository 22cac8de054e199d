import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';

/**
 * The two database roles of a production install. The owner (MIGRATION_DATABASE_URL, used only by `npm run migrate`)
 * owns every table; the app role (DATABASE_URL, used by the API and the workers) owns nothing and may only read and
 * write rows: SELECT/INSERT/UPDATE/DELETE on ordinary tables, SELECT/INSERT on audit_log, SELECT on migrations.
 * Only an owner can disable the audit log's triggers, so the app role cannot rewrite history.
 */
export class DatabaseRoleError extends Error {
  override name = 'DatabaseRoleError';
}

/** The role a connection string signs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

export interface AppRoleOutcome {
  role: string;
  /** Created by this call (with the password of its connection string), or found and checked. */
  created: boolean;
}

/**
 * Creates the app role named by `appUrl` when it does not exist (LOGIN, with the connection string's password sent as
 * a SCRAM verifier, so no server log ever holds it), checks that it is neither a superuser nor a member of a role
 * owning the tables, and grants it what the API needs in the owner's schema, including default privileges for the
 * tables later migrations add. `owner` is connected as the role that ran the migrations. Idempotent.
 */
export async function ensureAppRole(owner: Client, appUrl: string): Promise<AppRoleOutcome> {
  const role = roleOf(appUrl);
  if (role === '') throw new DatabaseRoleError('DATABASE_URL must name its user (the app role), e.g. postgres://carescore_app:…@host/db');
  const [self] = (await owner.query(`SELECT current_user AS owner, current_schema() AS schema, current_database() AS database`)).rows as Array<{ owner: string; schema: string; database: string }>;
  if (!self) throw new DatabaseRoleError('could not read the current role');
  if (role === self.owner) throw new DatabaseRoleError(`DATABASE_URL and MIGRATION_DATABASE_URL sign in as the same role (${role}): the app role must be another role, one that owns nothing`);
  const existing = (await owner.query(`SELECT rolsuper FROM pg_roles WHERE rolname = $1`, [role])).rows as Array<{ rolsuper: boolean }>;
  const name = escapeIdentifier(role);
  let created = false;
  if (existing.length === 0) {
    const password = decodeURIComponent(new URL(appUrl).password);
    try {
      await owner.query(`CREATE ROLE ${name} LOGIN${password === '' ? '' : ` PASSWORD ${escapeLiteral(scramVerifier(password))}`}`);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === '42501') throw new DatabaseRoleError(`the role ${role} does not exist and ${self.owner} may not create roles: create it (CREATE ROLE ${name} LOGIN PASSWORD '…') or give ${self.owner} CREATEROLE, then run \`npm run migrate\` again`);
      throw error;
    }
    created = true;
  } else if (existing[0]?.rolsuper) {
    throw new DatabaseRoleError(`the app role ${role} is a superuser: it could rewrite the audit log. Use a role without SUPERUSER (ALTER ROLE ${name} NOSUPERUSER)`);
  }
  const owning = (await owner.query(
    `SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S') AND pg_has_role($1, c.relowner, 'MEMBER')`,
    [role],
  )).rows as Array<{ owner: string }>;
  if (owning.length > 0) throw new DatabaseRoleError(`the app role ${role} is (a member of) ${owning.map((o) => o.owner).join(', ')}, which owns tables: it must own nothing (REVOKE the membership)`);

  const schema = escapeIdentifier(self.schema);
  for (const statement of [
    `GRANT CONNECT ON DATABASE ${escapeIdentifier(self.database)} TO ${name}`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${name}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${name}`,
    `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA ${schema} FROM ${name}`,
    `REVOKE UPDATE, DELETE ON audit_log FROM ${name}`,
    `REVOKE INSERT, UPDATE, DELETE ON migrations FROM ${name}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${name}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${name}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${name}`,
  ]) {
    await owner.query(statement);
  }
  return { role, created };
}

/** What the connected role could do to the audit log that it should not, or null when it can only read and append. */
export async function auditLogRoleProblem(query: (sql: string) => Promise<unknown[]>): Promise<string | null> {
  const [row] = (await query(
    `SELECT current_user AS role, r.rolsuper AS superuser, pg_has_role(current_user, c.relowner, 'MEMBER') AS owner,
            has_table_privilege('audit_log', 'UPDATE') OR has_table_privilege('audit_log', 'DELETE') OR has_table_privilege('audit_log', 'TRUNCATE') AS rewrite
       FROM pg_roles r, pg_class c
      WHERE r.rolname = current_user AND c.oid = 'audit_log'::regclass`,
  )) as Array<{ role: string; superuser: boolean; owner: boolean; rewrite: boolean }>;
  if (!row) return null;
  if (row.superuser) return `the database role ${row.role} is a superuser`;
  if (row.owner) return `the database role ${row.role} owns audit_log`;
  if (row.rewrite) return `the database role ${row.role} may UPDATE, DELETE or TRUNCATE audit_log`;
  return null;
}

/** The connection string with another user and password (tests and docs build the app role's URL this way). */
export function withRole(url: string, role: string, password: string): string {
  const next = new URL(url);
  next.username = encodeURIComponent(role);
  next.password = encodeURIComponent(password);
  return next.toString();
}

/**
 * A SCRAM-SHA-256 verifier for `password` (RFC 5802/7677, PostgreSQL's stored form), so CREATE ROLE never carries
 * the password itself. (PostgreSQL applies SASLprep to the password; for passwords of printable ASCII it is the
 * identity. Others: create the role yourself.)
 */
function scramVerifier(password: string): string {
  const iterations = 4096;
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * The start-up check of the API and the workers (DATABASE_ROLE_CHECK): a role that could rewrite the audit log
 * stops the start (`refuse`) or is logged (`warn`). Embedded PGlite has only one role, which owns everything.
 */
export async function checkDatabaseRole(options: { check: 'refuse' | 'warn'; embedded: boolean }, query: (sql: string) => Promise<unknown[]>, warn: (message: string) => void): Promise<void> {
  const problem = await auditLogRoleProblem(query);
  if (problem === null) return;
  const message = options.embedded
    ? `embedded mode has one database role, which owns the audit log; its hash chain still shows any change (npm run audit:verify). In production run the API as a role that owns nothing (README, "Production")`
    : `${problem}, so it could disable the audit log's triggers and rewrite history. Run the API and workers as a role that owns nothing (DATABASE_URL) and migrations as the owner (MIGRATION_DATABASE_URL, \`npm run migrate\`); see the README, "Production"`;
  if (options.check === 'refuse') throw new DatabaseRoleError(`${message}. (DATABASE_ROLE_CHECK=warn starts anyway.)`);
  warn(message);
}
