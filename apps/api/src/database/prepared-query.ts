import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** One name per distinct SQL text, shared by every connection of the process. */
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) statementNames.set(text, (name = `carescore_${statementNames.size + 1}`));
  return name;
}

/**
 * Runs a hot read (one per request: the signed-in account, a scorecard) as a named prepared statement on the pool
 * under TypeORM. PostgreSQL then parses and plans it once per connection instead of on every call, which for the
 * scorecard read's four-way join was most of the database's work. `text` must be one of a few fixed SQL texts
 * (values go in `values`), since each distinct text stays prepared on every connection for its lifetime.
 */
export async function preparedQuery<T extends QueryResultRow>(dataSource: DataSource, text: string, values: readonly unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const result = await pool.query<T>({ name: statementName(text), text, values: [...values] });
  return result.rows;
}
