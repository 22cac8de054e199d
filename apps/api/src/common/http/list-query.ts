import { z } from 'zod';
import { badRequest } from '../errors/domain-error';
import { msg } from '../i18n/messages';

/** react-admin's ra-data-simple-rest query: sort=["field","ASC"]&range=[0,24]&filter={...}. */
export interface ListQuery<F> {
  sort: { field: string; order: 'ASC' | 'DESC' };
  offset: number;
  limit: number;
  filter: F;
}

export const MAX_PAGE_SIZE = 1000;

export interface ListQuerySpec<F extends z.ZodType> {
  sortable: readonly string[];
  defaultSort: { field: string; order: 'ASC' | 'DESC' };
  filter: F;
}

function parseJsonParam(raw: unknown, name: string): unknown {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw badRequest(msg('list.json_once', { name }), [{ path: name, message: msg('list.json_string') }]);
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw badRequest(msg('list.not_json', { name }), [{ path: name, message: msg('list.not_json.detail') }]);
  }
}

const sortSchema = z.tuple([z.string().min(1), z.enum(['ASC', 'DESC', 'asc', 'desc'])]);
const rangeSchema = z
  .tuple([z.number().int().min(0), z.number().int().min(0)])
  .refine(([start, end]) => end >= start, { message: 'end must not be before start' })
  .refine(([start, end]) => end - start < MAX_PAGE_SIZE, { message: `at most ${MAX_PAGE_SIZE} rows per page` });

export function parseListQuery<F extends z.ZodType>(query: Record<string, unknown>, spec: ListQuerySpec<F>): ListQuery<z.infer<F>> {
  const sortRaw = parseJsonParam(query.sort, 'sort');
  const rangeRaw = parseJsonParam(query.range, 'range');
  const filterRaw = parseJsonParam(query.filter, 'filter') ?? {};

  let sort = spec.defaultSort;
  if (sortRaw !== undefined) {
    const parsed = sortSchema.safeParse(sortRaw);
    if (!parsed.success) throw badRequest(msg('list.sort_shape'), [{ path: 'sort', message: msg('list.sort_shape.detail') }]);
    const [field, order] = parsed.data;
    if (!spec.sortable.includes(field)) throw badRequest(msg('list.sort_field', { name: field }), [{ path: 'sort[0]', message: msg('one_of', { values: spec.sortable.join(', ') }) }]);
    sort = { field, order: order.toUpperCase() as 'ASC' | 'DESC' };
  }
  let offset = 0;
  let limit = 25;
  if (rangeRaw !== undefined) {
    const parsed = rangeSchema.safeParse(rangeRaw);
    if (!parsed.success) throw badRequest(msg('list.range_shape'), parsed.error.issues.map((issue) => ({ path: 'range', message: issue.message })));
    offset = parsed.data[0];
    limit = parsed.data[1] - parsed.data[0] + 1;
  }
  const filter = spec.filter.safeParse(filterRaw);
  if (!filter.success) {
    throw badRequest(msg('list.filter_invalid'), filter.error.issues.map((issue) => ({ path: ['filter', ...issue.path].join('.'), message: issue.message })));
  }
  return { sort, offset, limit, filter: filter.data as z.infer<F> };
}

/** A filter value react-admin sends for getMany: `{"id": [..]}`; also accepts one id. */
export const idListFilter = z.union([z.uuid(), z.array(z.uuid()).max(MAX_PAGE_SIZE)]).transform((v) => (Array.isArray(v) ? v : [v]));

export interface Page<T> {
  items: T[];
  total: number;
}

export function contentRange(resource: string, offset: number, count: number, total: number): string {
  const end = count === 0 ? offset : offset + count - 1;
  return `${resource} ${offset}-${end}/${total}`;
}
