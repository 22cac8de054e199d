import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from './i18nProvider';
import { OWN_MESSAGES } from './messages';
import { raZhCN } from './ra-zh-CN';

const en = OWN_MESSAGES.en;
const zhCN = OWN_MESSAGES['zh-CN'];

/** Every leaf key of a message tree, as a.b.c. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

function leaves(tree: object): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'object' && value !== null ? leaves(value as object) : [String(value)]));
}

describe('console messages', () => {
  it('has every label of our own screens in both languages', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  it('translates every react-admin message into Chinese', () => {
    const missing = keys(englishMessages).filter((key) => !keys(raZhCN).includes(key));
    expect(missing).toEqual([]);
  });

  it('leaves no Chinese label blank, and translates the Chinese ones', () => {
    expect(leaves(zhCN).filter((text) => text.trim() === '')).toEqual([]);
    expect(leaves(raZhCN).filter((text) => text.trim() === '' && text !== ' ')).toEqual([]);
    // A label of ours left in English in zh-CN.ts would most likely be an oversight.
    const untranslated = keys(en).filter((key) => {
      const pick = (tree: object) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
      const english = pick(en);
      return english === pick(zhCN) && /[a-z]{3}/.test(String(english).replace(/%\{\w+\}/g, '')) && !/^(IP|CareScore)/.test(String(english));
    });
    expect(untranslated).toEqual([]);
  });

  it('lays zh-CN over the English messages so that nothing is ever blank', () => {
    expect(keys(MESSAGES['zh-CN']).sort()).toEqual(keys(MESSAGES.en).sort());
  });
});
