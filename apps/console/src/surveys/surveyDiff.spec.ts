import { describe, expect, it } from 'vitest';
import { pickLocalized } from '../common/localized';
import { describeChange, namesOf } from '../documents/describeChange';
import { OWN_MESSAGES } from '../i18n/messages';
import type { LocalizedText } from '../providers/dataProvider';

/** The diff of two survey versions as the console words it (the API's change paths, the console's words). */
const content = { kind: 'survey', dimensions: [{ id: 'trust', name: { zh: '信任感', en: 'Trust' }, question: { zh: '信任吗？' } }] };

function translator(messages: object) {
  return (key: string, options: Record<string, unknown> = {}) => {
    const found = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
    return typeof found === 'string' ? found : typeof options._ === 'string' ? options._ : key;
  };
}

const say = (locale: 'en' | 'zh', path: string, kind: 'added' | 'removed' | 'changed', before?: unknown, after?: unknown) =>
  describeChange({ path, kind, before, after, text: '' }, namesOf(content), translator(locale === 'en' ? OWN_MESSAGES.en : OWN_MESSAGES['zh-CN']), (text: LocalizedText | undefined, fallback: string) =>
    pickLocalized(text, locale, fallback),
  );

describe('a survey diff in words', () => {
  it('names a dimension by its name and a question by the survey’s words, in both languages', () => {
    expect(say('zh', 'dimensions.trust.question.zh', 'changed', '信任吗？', '您信任我们吗？')).toBe('维度 信任感 › 题目 › zh：信任吗？ → 您信任我们吗？');
    expect(say('en', 'dimensions.trust.question.zh', 'changed', '信任吗？', '您信任我们吗？')).toBe('Dimension Trust › Question › zh: 信任吗？ → 您信任我们吗？');
    expect(say('zh', 'nps.required', 'changed', true, false)).toBe('NPS 题 › 必填：true → false');
    expect(say('en', 'comment', 'removed')).toBe('Removed: Comment');
  });
});
