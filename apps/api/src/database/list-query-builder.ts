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
  qb.addOrderBy(`${qb.alias}.id`, 'ASC');
  const [items, total] = await qb.skip(query.offset).take(query.limit).getManyAndCount();
  return { items, total };
}

/** Escapes % and _ so free-text search matches them literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
