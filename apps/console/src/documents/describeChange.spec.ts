import { describe, expect, it } from 'vitest';
import { pickLocalized } from '../common/localized';
import { mergeMessages } from '../i18n/merge-messages';
import type { LocalizedText } from '../providers/dataProvider';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { describeChange, namesOf } from './describeChange';

const content = {
  dimensions: [{ id: 'execution', name: { zh: '服务执行力', en: 'Service execution' }, children: [{ id: 'speed', name: { zh: '响应' } }] }],
  indicators: [{ id: 'followup_rate', name: { zh: '随访完成率', en: 'Follow-up rate' } }],
  inputs: { followups_done: { type: 'number', name: { zh: '完成随访次数' } } },
};

/** A small stand-in for polyglot: nested lookup with the `_` fallback. */
function translator(messages: object) {
  return (key: string, options: Record<string, unknown> = {}) => {
    const found = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
    return typeof found === 'string' ? found : typeof options._ === 'string' ? options._ : key;
  };
}

const names = namesOf(content);
const say = (locale: 'en' | 'zh', path: string, kind: 'added' | 'removed' | 'changed', before?: unknown, after?: unknown) =>
  describeChange(
    { path, kind, before, after, text: '' },
    names,
    translator(mergeMessages(locale === 'en' ? en : zhCN)),
    (text: LocalizedText | undefined, fallback: string) => pickLocalized(text, locale, fallback),
  );

describe('describeChange', () => {
  it('names dimensions and indicators by their names in the reader’s language', () => {
    expect(say('en', 'dimensions.execution.weight', 'changed', 40, 35)).toBe('Dimension Service execution › Weight: 40 → 35');
    expect(say('zh', 'dimensions.execution.weight', 'changed', 40, 35)).toBe('维度 服务执行力 › 权重：40 → 35');
    expect(say('en', 'dimensions.execution.indicators.followup_rate.weight', 'changed', 60, 50)).toBe('Dimension Service execution › Indicator Follow-up rate › Weight: 60 → 50');
  });

  it('falls back to the other language, then to the id, and keeps unknown fields as spelled', () => {
    expect(say('en', 'dimensions.execution.children.speed.weight', 'changed', 50, 40)).toBe('Dimension Service execution › Sub-dimension 响应 › Weight: 50 → 40');
    expect(say('en', 'indicators.nps', 'added', undefined, { id: 'nps' })).toBe('Added: Indicator nps');
    expect(say('zh', 'inputs.followups_done.max', 'changed', 100, 50)).toBe('输入项 完成随访次数 › 最大值：100 → 50');
    expect(say('en', 'escalation.frobnicate', 'changed', 1, 2)).toBe('Escalation › frobnicate: 1 → 2');
  });

  it('describes a whole-list change such as a reordering', () => {
    expect(say('en', 'indicators', 'changed', ['a', 'b'], ['b', 'a'])).toBe('Indicators: ["a","b"] → ["b","a"]');
  });
});
