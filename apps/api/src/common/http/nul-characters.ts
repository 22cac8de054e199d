import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { formatPath, type ValidationIssue } from '@carescore/engine';
import { badRequest } from '../errors/domain-error';
import { msg } from '../i18n/messages';

export const NUL_CODE = 'nul_character';
const NUL = '\u0000';
/** Query parameters that carry JSON (ra-data-simple-rest); a NUL inside them is reported by its place in the JSON. */
const JSON_QUERY_PARAMS = new Set(['filter', 'sort', 'range']);

/**
 * The first NUL character (U+0000) in a value, as an issue naming where it is: `[3].inputs.name`,
 * `filter.q`. Walks without recursion, so no nesting depth a body parser accepts can overflow the
 * stack. Object keys count too (a key is reported at the object holding it).
 */
export function findNulCharacter(value: unknown, base: ReadonlyArray<PropertyKey> = []): ValidationIssue | null {
  // Each pending value knows its parent, so a path is built only for the one reported.
  type Place = { value: unknown; key: PropertyKey | null; parent: Place | null };
  const pathOf = (place: Place | null): string => {
    const segments: PropertyKey[] = [];
    for (let at = place; at !== null; at = at.parent) if (at.key !== null) segments.push(at.key);
    return formatPath([...base, ...segments.reverse()]);
  };
  const pending: Place[] = [{ value, key: null, parent: null }];
  while (pending.length > 0) {
    const place = pending.pop() as Place;
    const current = place.value;
    if (typeof current === 'string') {
      const at = current.indexOf(NUL);
      if (at >= 0) return { path: pathOf(place), message: msg('nul.in_text', { where: where(current, at) }), code: NUL_CODE };
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) pending.push({ value: current[index], key: index, parent: place });
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      const entries = Object.entries(current);
      if (entries.some(([key]) => key.includes(NUL))) {
        return { path: pathOf(place), message: msg('nul.in_key'), code: NUL_CODE };
      }
      for (let index = entries.length - 1; index >= 0; index -= 1) pending.push({ value: entries[index][1], key: entries[index][0], parent: place });
    }
  }
  return null;
}

/** " at line 3, column 7" for a multi-line text (a CSV or YAML body); nothing for a one-line value. */
function where(text: string, at: number): string {
  if (!/[\r\n]/.test(text)) return '';
  const before = text.slice(0, at);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = at - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return ` at line ${line}, column ${column}`;
}

/** The first NUL anywhere in what a request carries: route parameters, query (JSON params by their inner path), body. */
export function nulInRequest(request: Pick<Request, 'params' | 'query' | 'body'>): ValidationIssue | null {
  const params = findNulCharacter(request.params ?? {});
  if (params) return params;
  for (const [name, raw] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (name.includes(NUL)) return { path: '', message: msg('nul.in_query_name'), code: NUL_CODE };
    const issue = findNulCharacter(JSON_QUERY_PARAMS.has(name) && typeof raw === 'string' ? parsedOr(raw) : raw, [name]);
    if (issue) return issue;
  }
  return findNulCharacter(request.body);
}

function parsedOr(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * Every route, one rule: text never contains NUL (PostgreSQL cannot store it in text or jsonb).
 * A request carrying one is 400 naming the first place, before any validation or handler runs.
 * Files inside multipart uploads are checked by the sheet reader (their problems are by row).
 */
@Injectable()
export class RejectNulCharacters implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const issue = nulInRequest(context.switchToHttp().getRequest<Request>());
      if (issue) throw badRequest(msg('nul.request', { at: issue.path || msg('nul.its_body') }), [issue]);
    }
    return next.handle();
  }
}
