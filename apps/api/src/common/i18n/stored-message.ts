import type { MessageParams } from '@carescore/engine';
import { API_MESSAGES, type ApiMessageKey, msg } from './messages';

/** A message kept in the database for later readers: its catalog key and params, rendered in each reader's language. */
export interface StoredMessage {
  code: ApiMessageKey;
  params: MessageParams;
}

/** The text column's form of a stored message: `{"code": …, "params": {…}}`. */
export function storeMessage(code: ApiMessageKey, params: MessageParams = {}): string {
  return JSON.stringify({ code, params } satisfies StoredMessage);
}

function parseStored(text: string): StoredMessage | null {
  if (!text.startsWith('{')) return null;
  try {
    const value = JSON.parse(text) as Partial<StoredMessage> | null;
    if (!value || typeof value.code !== 'string' || !Object.hasOwn(API_MESSAGES, value.code)) return null;
    const params = value.params && typeof value.params === 'object' && !Array.isArray(value.params) ? value.params : {};
    return { code: value.code, params };
  } catch {
    return null;
  }
}

/** A stored message in the request's language; text stored before messages were coded (plain English) is shown as it is. */
export function renderStoredMessage(text: string): string {
  const stored = parseStored(text);
  return stored ? msg(stored.code, stored.params) : text;
}
