import { Workbook } from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/errors/domain-error';
import { excelCell, headerIssues, identifyUpload, sheetFromCsv, sheetFromXlsx } from './fact-sheet';

const file = (buffer: Buffer, originalname: string, mimetype = 'application/octet-stream') => ({ buffer, originalname, mimetype, size: buffer.length });

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new Workbook();
  const sheet = book.addWorksheet('facts');
  for (const row of rows) sheet.addRow(row);
  book.addWorksheet('ignored').addRow(['staffCode', 'period']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function thrown(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('identifyUpload', () => {
  it('takes a file starting with the zip signature as XLSX, whatever its name', async () => {
    const bytes = await workbook([['staffCode', 'period']]);
    expect(identifyUpload(file(bytes, 'facts.csv'), {}).format).toBe('xlsx');
  });

  it('takes UTF-8 files and text bodies as CSV', () => {
    const upload = identifyUpload(file(Buffer.from('staffCode,period\n', 'utf8'), 'facts.csv', 'text/csv'), {});
    expect(upload).toEqual({ format: 'csv', fileName: 'facts.csv', content: 'staffCode,period\n' });
    expect(identifyUpload(undefined, 'a,b')).toEqual({ format: 'csv', fileName: null, content: 'a,b' });
    expect(identifyUpload(undefined, { csv: 'a,b' })).toEqual({ format: 'csv', fileName: null, content: 'a,b' });
  });

  it('refuses legacy .xls, a fake .xlsx, text that is not UTF-8 and a missing file', () => {
    expect(thrown(() => identifyUpload(file(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'old.xls'), {})).message).toMatch(/\.xls\) cannot be read/);
    expect(thrown(() => identifyUpload(file(Buffer.from('a,b'), 'facts.xlsx'), {})).message).toMatch(/facts\.xlsx is not an XLSX workbook/);
    expect(thrown(() => identifyUpload(file(Buffer.from([0x53, 0xc4, 0xe3, 0x0a]), 'gbk.csv'), {})).message).toMatch(/nor UTF-8 text/);
    const missing = thrown(() => identifyUpload(undefined, {}));
    expect([missing.code, missing.details]).toEqual(['BadRequest', [{ path: 'file', message: 'is required' }]]);
  });
});

describe('sheetFromCsv', () => {
  it('keeps spreadsheet line numbers and skips blank lines', () => {
    const sheet = sheetFromCsv('staffCode,period,a\n\nS1,2026-03,4\n,,\nS2,2026-03,\n');
    expect(sheet.header).toEqual({ line: 1, cells: [{ kind: 'text', text: 'staffCode' }, { kind: 'text', text: 'period' }, { kind: 'text', text: 'a' }] });
    expect(sheet.rows.map((row) => row.line)).toEqual([3, 5]);
    expect(sheet.rows[1].cells[2]).toEqual({ kind: 'empty' });
  });

  it('refuses broken quoting and an empty file (422)', () => {
    expect(thrown(() => sheetFromCsv('a,b\n"open,1\n')).details).toEqual([{ path: 'rows[2]', message: 'unterminated quoted field' }]);
    expect(thrown(() => sheetFromCsv('\n\n')).details[0].path).toBe('header');
  });
});

describe('sheetFromXlsx', () => {
  it('reads the first worksheet with typed cells and its row numbers', async () => {
    const bytes = await workbook([['staffCode', 'period', 'n', 'list'], [], [1001, '2026-03', 28, '12;30'], ['S2', new Date(Date.UTC(2026, 2, 1)), { formula: '1+1', result: 2 }, null]]);
    const sheet = await sheetFromXlsx(bytes);
    expect(sheet.format).toBe('xlsx');
    expect(sheet.header.line).toBe(1);
    expect(sheet.rows.map((row) => row.line)).toEqual([3, 4]);
    expect(sheet.rows[0].cells).toEqual([
      { kind: 'number', value: 1001 },
      { kind: 'text', text: '2026-03' },
      { kind: 'number', value: 28 },
      { kind: 'text', text: '12;30' },
    ]);
    expect(sheet.rows[1].cells.slice(0, 3)).toEqual([{ kind: 'text', text: 'S2' }, { kind: 'date', value: new Date(Date.UTC(2026, 2, 1)) }, { kind: 'number', value: 2 }]);
  });

  it('refuses a damaged workbook (422)', async () => {
    const bytes = await workbook([['staffCode', 'period']]);
    await expect(sheetFromXlsx(bytes.subarray(0, bytes.length - 30))).rejects.toThrow(/not a readable XLSX workbook/);
  });
});

describe('excelCell', () => {
  it('reduces formulas, rich text and links to their value or text', () => {
    expect(excelCell({ formula: 'A1', result: 'x' })).toEqual({ kind: 'text', text: 'x' });
    expect(excelCell({ formula: 'A1' })).toEqual({ kind: 'empty' });
    expect(excelCell({ sharedFormula: 'A1', result: 3 })).toEqual({ kind: 'number', value: 3 });
    expect(excelCell({ richText: [{ text: '12;' }, { text: '30' }] })).toEqual({ kind: 'text', text: '12;30' });
    expect(excelCell({ text: 'S1', hyperlink: 'mailto:x' })).toEqual({ kind: 'text', text: 'S1' });
    expect(excelCell({ error: '#DIV/0!' })).toEqual({ kind: 'error', text: '#DIV/0!' });
    expect(excelCell(true)).toEqual({ kind: 'boolean', value: true });
    expect(excelCell('')).toEqual({ kind: 'empty' });
  });
});

describe('headerIssues', () => {
  it('requires staffCode and period, named columns, each once', () => {
    expect(headerIssues(['staffcode', 'period', 'a'])).toEqual([]);
    expect(headerIssues(['period', '', 'a', 'a'])).toEqual([
      { path: 'header[1]', message: 'is empty; every column needs a name (staffCode, period or an input of the scheme)' },
      { path: 'header[3]', message: 'column a appears twice' },
      { path: 'header', message: 'is missing the column staffCode; the header must be staffCode,period,<input>…' },
    ]);
  });
});
