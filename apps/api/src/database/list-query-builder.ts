import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ListQuery, Page } from '../common/http/list-query';

/** Applies react-admin sort and paging to a query builder and counts the total in the same round trip. */
export async function pageOf<T extends ObjectLiteral, F>(
  qb: SelectQueryBuilder<T>,
  query: ListQuery<F>,
  sortColumns: Readonly<Record<string, string>>,
): Promise<Page<T>> {
  const column = sortColumns[query.sort.field];
  if (column) qb.orderBy(column, query.sort.order, 'NULLS LAST');
  // Tie-break on id, unless the sort already is id: TypeORM keys ORDER BY terms by column, so a
  // second `id` term would replace the requested direction (sort ["id","DESC"] came back ascending).
  const idColumn = `${qb.alias}.id`;
  if (column !== idColumn) qb.addOrderBy(idColumn, 'ASC');
  const [items, total] = await qb.skip(query.offset).take(query.limit).getManyAndCount();
  return { items, total };
}

/** Escapes % and _ so free-text search matches them literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
