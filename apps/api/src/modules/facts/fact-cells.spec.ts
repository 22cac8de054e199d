import { describe, expect, it } from 'vitest';
import { columnLetter, isEmptyCell, readCodeCell, readHeaderCell, readInputCell, readPeriodCell, type SheetCell } from './fact-cells';

const text = (value: string): SheetCell => ({ kind: 'text', text: value });
const number = (value: number): SheetCell => ({ kind: 'number', value });
const date = (iso: string): SheetCell => ({ kind: 'date', value: new Date(iso) });

describe('readInputCell', () => {
  it('leaves empty cells as not provided', () => {
    expect(readInputCell({ kind: 'empty' }, 'number')).toEqual({ ok: true, value: null });
    expect(readInputCell(text('   '), 'number[]')).toEqual({ ok: true, value: null });
  });

  it('reads a number input from a number or a text cell', () => {
    expect(readInputCell(number(28), 'number')).toEqual({ ok: true, value: 28 });
    expect(readInputCell(text(' 93.5 '), 'number')).toEqual({ ok: true, value: 93.5 });
  });

  it('reads a list input from ;-separated numbers, a lone number being a list of one', () => {
    expect(readInputCell(text('12;30; 45 '), 'number[]')).toEqual({ ok: true, value: [12, 30, 45] });
    expect(readInputCell(text('7'), 'number[]')).toEqual({ ok: true, value: [7] });
    expect(readInputCell(number(4), 'number[]')).toEqual({ ok: true, value: [4] });
  });

  it('names what is wrong with a cell', () => {
    expect(readInputCell(text('abc'), 'number')).toEqual({ ok: false, message: '"abc" is not a number' });
    expect(readInputCell(text('1;2'), 'number')).toEqual({ ok: false, message: 'must be a single number ("1;2" is a list; only list inputs take ;-separated numbers)' });
    expect(readInputCell(text('12;x;45'), 'number[]')).toEqual({ ok: false, message: 'item 2 ("x") is not a number' });
    expect(readInputCell(text('12;;45'), 'number[]')).toEqual({ ok: false, message: 'item 2 of "12;;45" is empty; separate the numbers with a single ;' });
    expect(readInputCell(text('12;'), 'number[]')).toEqual({ ok: false, message: 'item 2 of "12;" is empty; separate the numbers with a single ;' });
    expect(readInputCell(date('2026-03-05T00:00:00Z'), 'number')).toEqual({ ok: false, message: 'is a date (2026-03-05), not a number' });
    expect(readInputCell({ kind: 'boolean', value: true }, 'number[]')).toEqual({ ok: false, message: 'is TRUE, not a list of numbers' });
    expect(readInputCell({ kind: 'error', text: '#DIV/0!' }, 'number')).toEqual({ ok: false, message: 'holds the spreadsheet error #DIV/0!, not a number' });
  });
});

describe('readCodeCell and readPeriodCell', () => {
  it('reads staff codes as trimmed text; a whole number typed into a spreadsheet counts as its digits', () => {
    expect(readCodeCell(text(' S001 '))).toEqual({ ok: true, value: 'S001' });
    expect(readCodeCell(number(1001))).toEqual({ ok: true, value: '1001' });
    expect(readCodeCell({ kind: 'empty' })).toEqual({ ok: true, value: '' });
    expect(readCodeCell(number(1.5))).toEqual({ ok: false, message: 'is the number 1.5; a staff code is text' });
  });

  it('reads periods as text, and a first-of-the-month date (what a spreadsheet makes of 2026-03) as that month', () => {
    expect(readPeriodCell(text(' 2026-Q1 '))).toEqual({ ok: true, value: '2026-Q1' });
    expect(readPeriodCell(date('2026-03-01T00:00:00Z'))).toEqual({ ok: true, value: '2026-03' });
    expect(readPeriodCell(date('2026-03-15T00:00:00Z'))).toEqual({ ok: false, message: 'is a date (2026-03-15); write the period as text like 2026-03 or 2026-Q1' });
    expect(readPeriodCell(number(202603))).toEqual({ ok: false, message: 'is the number 202603; write the period as text like 2026-03 or 2026-Q1' });
  });
});

describe('headers and columns', () => {
  it('lower-cases and trims header names', () => {
    expect([text(' staffCode '), text('Period'), text('NPS_Responses'), { kind: 'empty' } as SheetCell].map(readHeaderCell)).toEqual(['staffcode', 'period', 'nps_responses', '']);
  });

  it('names columns with spreadsheet letters', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('treats empty and space-only cells as empty', () => {
    expect([{ kind: 'empty' } as SheetCell, text(' '), text('0'), number(0)].map(isEmptyCell)).toEqual([true, true, false, false]);
  });
});
