import type { MessageLanguage } from '@carescore/engine';
import { z } from 'zod';
import { type ApiMessageKey, msgIn } from '../../common/i18n/messages';
import { INBOX_KINDS, INBOX_TARGET_TYPES, type InboxItemRow, type InboxParams } from './inbox.repository';

export const inboxFilterSchema = z.strictObject({ unread: z.boolean().optional() });
export type InboxFilter = z.infer<typeof inboxFilterSchema>;

export const inboxItemResponseSchema = z.object({
  id: z.uuid(),
  kind: z.enum(INBOX_KINDS),
  /** What the item links to: a case, a scorecard, a period (its id, like 2026-03), an evaluation run or a change request. */
  target: z.object({ type: z.enum(INBOX_TARGET_TYPES), id: z.string() }),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.object({ zh: z.string(), en: z.string() })])),
  /** Rendered in the reader's language (Accept-Language) when read. */
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type InboxItemResponse = z.infer<typeof inboxItemResponseSchema>;
export const unreadCountResponseSchema = z.object({ unread: z.number().int() });
export const readAllResponseSchema = z.object({ marked: z.number().int() });

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A period as people say it: 2026-03 → 2026年3月 / March 2026; 2026-Q1 → 2026年第1季度 / Q1 2026. */
export function periodLabel(period: string, language: MessageLanguage): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return language === 'zh' ? `${quarter[1]}年第${quarter[2]}季度` : `Q${quarter[2]} ${quarter[1]}`;
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (month) return language === 'zh' ? `${month[1]}年${Number(month[2])}月` : `${MONTHS_EN[Number(month[2]) - 1]} ${month[1]}`;
  return period;
}

function paramsIn(params: InboxParams, language: MessageLanguage): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'object') out[name] = value[language] || value.en || value.zh;
    else if (name === 'period' && typeof value === 'string') out[name] = periodLabel(value, language);
    else out[name] = value;
  }
  return out;
}

/** The title and body of an item in a language, from its kind and params. */
export function inboxText(row: Pick<InboxItemRow, 'kind' | 'params'>, language: MessageLanguage): { title: string; body: string } {
  const params = paramsIn(row.params, language);
  if (row.kind === 'change_request_decided') {
    const decided = `inbox.change_request_decided.${row.params.decision === 'approved' ? 'approved' : 'rejected'}`;
    return { title: msgIn(language, `${decided}.title` as ApiMessageKey, params), body: msgIn(language, `${decided}.body` as ApiMessageKey, params) };
  }
  const body = (row.kind === 'appeal_decided' ? `inbox.appeal_decided.${row.params.decision === 'corrected' ? 'corrected' : 'upheld'}.body` : `inbox.${row.kind}.body`) as ApiMessageKey;
  return { title: msgIn(language, `inbox.${row.kind}.title` as ApiMessageKey, params), body: msgIn(language, body, params) };
}

export function toInboxItemResponse(row: InboxItemRow, language: MessageLanguage): InboxItemResponse {
  return {
    id: row.id,
    kind: row.kind,
    target: { type: row.targetType, id: row.targetId },
    params: row.params,
    ...inboxText(row, language),
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}
