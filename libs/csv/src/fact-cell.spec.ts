import { describe, expect, it } from 'vitest';
import { parseDecimal, readFactText } from './fact-cell';

describe('parseDecimal', () => {
  it('accepts decimal numbers only', () => {
    expect(['12', ' -3.5 ', '+4', '.5', '5.', '1e3', '2.5E-2'].map(parseDecimal)).toEqual([12, -3.5, 4, 0.5, 5, 1000, 0.025]);
    const bad = ['', ' ', 'abc', '0x10', 'Infinity', 'NaN', '1,5', '1 000', '12abc', '--1', '1.2.3', '1e999', '½'];
    expect(bad.map(parseDecimal)).toEqual(bad.map(() => null));
  });
});

describe('readFactText', () => {
  it('reads a number, and a list of ;-separated numbers (spaces around items allowed, a lone number a list of one)', () => {
    expect(readFactText(' 93.5 ', 'number')).toEqual({ ok: true, value: 93.5 });
    expect(readFactText('12; 30 ;45', 'number[]')).toEqual({ ok: true, value: [12, 30, 45] });
    expect(readFactText('7', 'number[]')).toEqual({ ok: true, value: [7] });
  });

  it('refuses an empty item anywhere in a list, a trailing or leading ; included, naming the item', () => {
    expect(readFactText('4;5;', 'number[]')).toEqual({ ok: false, message: 'item 3 of "4;5;" is empty; separate the numbers with a single ;', code: 'empty_item', params: { index: 3, text: '4;5;' } });
    expect(readFactText(';4', 'number[]')).toEqual({ ok: false, message: 'item 1 of ";4" is empty; separate the numbers with a single ;', code: 'empty_item', params: { index: 1, text: ';4' } });
    expect(readFactText('4;;5', 'number[]')).toEqual({ ok: false, message: 'item 2 of "4;;5" is empty; separate the numbers with a single ;', code: 'empty_item', params: { index: 2, text: '4;;5' } });
    expect(readFactText('4; ;5', 'number[]')).toEqual({ ok: false, message: 'item 2 of "4; ;5" is empty; separate the numbers with a single ;', code: 'empty_item', params: { index: 2, text: '4; ;5' } });
    expect(readFactText(';', 'number[]')).toEqual({ ok: false, message: 'item 1 of ";" is empty; separate the numbers with a single ;', code: 'empty_item', params: { index: 1, text: ';' } });
  });

  it('refuses a list for a single number and text that is not a number', () => {
    expect(readFactText('1;2', 'number')).toEqual({ ok: false, message: 'must be a single number ("1;2" is a list; only list inputs take ;-separated numbers)', code: 'list_in_single', params: { text: '1;2' } });
    expect(readFactText('4;', 'number')).toEqual({ ok: false, message: 'must be a single number ("4;" is a list; only list inputs take ;-separated numbers)', code: 'list_in_single', params: { text: '4;' } });
    expect(readFactText('abc', 'number')).toEqual({ ok: false, message: '"abc" is not a number', code: 'not_number', params: { text: 'abc' } });
    expect(readFactText('12;x', 'number[]')).toEqual({ ok: false, message: 'item 2 ("x") is not a number', code: 'item_not_number', params: { index: 2, item: 'x' } });
  });
});
