import { describe, expect, it } from 'vitest';
import { isBlankRecord, parseCsv } from './parse-csv';

function fields(text: string): string[][] {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.records.map((record) => record.fields);
}

describe('parseCsv', () => {
  it('splits plain fields and records', () => {
    expect(fields('a,b,c\n1,2,3\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
  });

  it('accepts CRLF, LF and CR line breaks and a missing final break', () => {
    expect(fields('a,b\r\n1,2\r3,4\n5,6')).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fields('a,,c\n,,\n1,2,')).toEqual([['a', '', 'c'], ['', '', ''], ['1', '2', '']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(fields('name,note\n"Li, Wei","said ""hi""\nthen left"\n"",x\n')).toEqual([
      ['name', 'note'],
      ['Li, Wei', 'said "hi"\nthen left'],
      ['', 'x'],
    ]);
  });

  it('skips blank lines and reports the line each record starts on', () => {
    const result = parseCsv('h1,h2\n\n"a\nb",c\r\n\r\nd,e\n');
    expect(result.ok && result.records.map((record) => record.line)).toEqual([1, 3, 6]);
  });

  it('handles an empty text', () => {
    expect(fields('')).toEqual([]);
    expect(fields('\n\n')).toEqual([]);
  });

  it('rejects an unterminated quoted field, naming where it opened', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual({ ok: false, error: { line: 2, column: 3, message: 'unterminated quoted field' } });
  });

  it('rejects text after a closing quote and a quote inside an unquoted field', () => {
    const after = parseCsv('a,b\n"x"y,2\n');
    expect(after.ok).toBe(false);
    expect(!after.ok && [after.error.line, after.error.column]).toEqual([2, 4]);
    const inside = parseCsv('a,b\nx"y,2\n');
    expect(!inside.ok && [inside.error.line, inside.error.column]).toEqual([2, 2]);
  });

  it('keeps non-ASCII text and spaces as written', () => {
    expect(fields('团队, 北区 \n')).toEqual([['团队', ' 北区 ']]);
  });

  it('drops a UTF-8 byte-order mark', () => {
    const result = parseCsv('\ufeffcode,name\nD001,王敏\n');
    expect(result.ok && result.records.map((r) => r.fields)).toEqual([['code', 'name'], ['D001', '王敏']]);
  });

  it('recognises records of empty or space-only fields as blank', () => {
    expect(isBlankRecord(['', ' ', ''])).toBe(true);
    expect(isBlankRecord(['', 'x'])).toBe(false);
  });
});
