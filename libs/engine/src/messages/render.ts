import { ENGINE_MESSAGES, type EngineMessageCode, type MessageLanguage, type MessageParams, isEngineMessageCode, noun } from './catalog';

/** Params that name a thing the catalog translates (indicator, dimension, higher, …). */
const NOUN_PARAMS = new Set(['kind', 'field', 'direction', 'bound', 'type']);

/** `{name}` → the param, nouns translated; an absent param leaves the braces, so a gap shows in tests. */
export function interpolate(template: string, params: MessageParams, lang: MessageLanguage): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (!Object.hasOwn(params, key)) return whole;
    return NOUN_PARAMS.has(key) ? noun(params[key], lang) : String(params[key]);
  });
}

export function renderEngineMessage(code: EngineMessageCode, params: MessageParams = {}, lang: MessageLanguage = 'en'): string {
  const text = ENGINE_MESSAGES[code][lang];
  return typeof text === 'function' ? text(params, lang) : interpolate(text, params, lang);
}

/** `zh`, `zh-CN`, `zh-Hans-CN;q=0.9` … → zh; anything else → en. Takes an Accept-Language header or a locale. */
export function messageLanguage(tag: string | null | undefined): MessageLanguage {
  const first = (tag ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh' : 'en';
}

/** An issue's message in `lang`, when its code is in the catalog; otherwise its message as it came. */
export function localizeIssue<T extends { message: string; code?: string; params?: MessageParams }>(issue: T, lang: MessageLanguage): T {
  if (!isEngineMessageCode(issue.code)) return issue;
  return { ...issue, message: renderEngineMessage(issue.code, issue.params ?? {}, lang) };
}
