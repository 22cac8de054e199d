import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ListQuery, Page } from '../common/http/list-query';
import type { ListCounts } from './list-counts';

/** Applies react-admin sort and paging to a query builder and counts the total in the same round trip. */
export async function pageOf<T extends ObjectLiteral, F>(
  qb: SelectQueryBuilder<T>,
  query: ListQuery<F>,
  sortColumns: Readonly<Record<string, string>>,
): Promise<Page<T>> {
  sortAndTieBreak(qb, query, sortColumns);
  const [items, total] = await qb.skip(query.offset).take(query.limit).getManyAndCount();
  return { items, total };
}

/**
 * The same for the big lists: the page alone, and the total only when the page is full (a short page's end is the
 * total), counted once while nothing changes (ListCounts) rather than over every matching row on every request.
 */
export async function pageOfCounted<T extends ObjectLiteral, F>(
  qb: SelectQueryBuilder<T>,
  query: ListQuery<F>,
  sortColumns: Readonly<Record<string, string>>,
  counts: ListCounts,
): Promise<Page<T>> {
  const counting = qb.clone();
  sortAndTieBreak(qb, query, sortColumns);
  const items = await qb.skip(query.offset).take(query.limit).getMany();
  if (items.length > 0 && items.length < query.limit) return { items, total: query.offset + items.length };
  if (items.length === 0 && query.offset === 0) return { items, total: 0 };
  const [sql, values] = counting.getQueryAndParameters();
  return { items, total: await counts.total(sql, values, () => counting.getCount()) };
}

function sortAndTieBreak<T extends ObjectLiteral, F>(qb: SelectQueryBuilder<T>, query: ListQuery<F>, sortColumns: Readonly<Record<string, string>>): void {
  const column = sortColumns[query.sort.field];
  if (column) qb.orderBy(column, query.sort.order, 'NULLS LAST');
  // Tie-break on id, unless the sort already is id: TypeORM keys ORDER BY terms by column, so a
  // second `id` term would replace the requested direction (sort ["id","DESC"] came back ascending).
  const idColumn = `${qb.alias}.id`;
  if (column !== idColumn) qb.addOrderBy(idColumn, 'ASC');
}

/** Escapes % and _ so free-text search matches them literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
