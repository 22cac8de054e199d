import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, isBlankRecord, parseCsv } from './parse-csv';

describe('parseCsv', () => {
  it('reads plain records', () => {
    expect(parseCsv('code,name\nS1,Ann\nS2,Bob')).toEqual([
      ['code', 'name'],
      ['S1', 'Ann'],
      ['S2', 'Bob'],
    ]);
  });

  it('accepts LF, CRLF and lone CR line endings, mixed', () => {
    expect(parseCsv('a,b\r\nc,d\re,f\ng,h\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    expect(parseCsv('code,name\r\n"S,1","Ann ""the nurse"" Li"\r\nS2,"line one\r\nline two"\r\n')).toEqual([
      ['code', 'name'],
      ['S,1', 'Ann "the nurse" Li'],
      ['S2', 'line one\r\nline two'],
    ]);
  });

  it('keeps empty fields, quoted or not, and a trailing empty field', () => {
    expect(parseCsv('a,,""\n,b,\n')).toEqual([
      ['a', '', ''],
      ['', 'b', ''],
    ]);
  });

  it('drops a UTF-8 byte-order mark', () => {
    const records = parseCsv('\uFEFFcode,name\nS1,张三\n');
    expect(records[0][0]).toBe('code');
    expect(records[1]).toEqual(['S1', '张三']);
  });

  it('drops blank rows at the end but keeps blank rows in the middle', () => {
    expect(parseCsv('a,b\n\nc,d\n\n\r\n,\n  \n')).toEqual([['a', 'b'], [''], ['c', 'd']]);
  });

  it('reads empty text and blank text as no records', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
    expect(parseCsv('\r\n\n')).toEqual([]);
  });

  it('counts a multi-line quoted field as one row', () => {
    const records = parseCsv('h\n"1\n2\n3"\nlast\n');
    expect(records).toHaveLength(3);
    expect(records[2]).toEqual(['last']);
  });

  it('keeps a stray quote inside an unquoted field as it is', () => {
    expect(parseCsv('a 5" screen,b\n')).toEqual([['a 5" screen', 'b']]);
  });

  it('keeps spaces around fields', () => {
    expect(parseCsv(' a , b \n')).toEqual([[' a ', ' b ']]);
  });

  it('rejects an unclosed quoted field, naming the row it opened on', () => {
    const error = (() => {
      try {
        parseCsv('a,b\nc,"unclosed\nmore\n');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).row).toBe(2);
    expect((error as CsvSyntaxError).message).toMatch(/row 2: a quoted field is not closed/);
  });

  it('rejects text after a closing quote', () => {
    expect(() => parseCsv('a,b\n"x"y,z\n')).toThrow(/row 2: unexpected text after a closing quote/);
  });

  it('round-trips fields written the RFC 4180 way', () => {
    const rows = [
      ['code', 'name', 'note'],
      ['S"1', 'a,b', 'x\ny'],
      ['', ' ', '""'],
    ];
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const text = rows.map((r) => r.map(quote).join(',')).join('\r\n');
    expect(parseCsv(text)).toEqual(rows);
  });
});

describe('isBlankRecord', () => {
  it('is true for records of empty or space-only fields', () => {
    expect(isBlankRecord([''])).toBe(true);
    expect(isBlankRecord(['', ' '])).toBe(true);
    expect(isBlankRecord(['', 'x'])).toBe(false);
  });
});
