import type { CellValue } from 'exceljs';
import { readWorkbook } from '../../common/xlsx/read-workbook';
import type { ValidationIssue } from '@carescore/engine';
import { isBlankRecord, parseCsv } from '../../../../../libs/csv/src/parse-csv';
import { badRequest, unprocessable } from '../../common/errors/domain-error';
import { NUL_CODE } from '../../common/http/nul-characters';
import { columnLetter, EMPTY_CELL, isEmptyCell, type SheetCell } from './fact-cells';
import { msg } from '../../common/i18n/messages';

/** Uploads larger than this are refused with 413 (multipart, text/csv and raw XLSX bodies alike). */
export const FACTS_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** More rows than this in one upload are refused: split the file. */
export const FACTS_MAX_ROWS = 100_000;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type SheetFormat = 'csv' | 'xlsx';

/** One non-blank row of a sheet and the spreadsheet row (CSV line) it starts on. */
export interface SheetRow {
  line: number;
  cells: SheetCell[];
}

/** A CSV or the first worksheet of a workbook: its header row and the rows below it. */
export interface Sheet {
  format: SheetFormat;
  header: SheetRow;
  rows: SheetRow[];
}

/** The upload as received: a file from a multipart form, or a body. */
export interface UploadedFileLike {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export interface Upload {
  format: SheetFormat;
  /** The file name, when the upload was a multipart file. */
  fileName: string | null;
  content: string | Buffer;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // "PK\3\4"
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]); // Excel 97–2003 .xls and other OLE documents

/**
 * What was uploaded and in which format: a multipart file (XLSX when its bytes start with the
 * zip signature `PK`, else UTF-8 CSV), a text/csv body, a raw XLSX body, or JSON `{csv}`.
 */
export function identifyUpload(file: UploadedFileLike | undefined, body: unknown): Upload {
  if (file) return identifyBytes(file.buffer, file.originalname, file.mimetype);
  if (Buffer.isBuffer(body)) return identifyBytes(body, null, XLSX_CONTENT_TYPE);
  if (typeof body === 'string') return { format: 'csv', fileName: null, content: body };
  if (body !== null && typeof body === 'object' && !Array.isArray(body) && typeof (body as { csv?: unknown }).csv === 'string') {
    return { format: 'csv', fileName: null, content: (body as { csv: string }).csv };
  }
  throw badRequest(msg('facts.sheet.how_to_send'), [
    { path: 'file', message: msg('facts.row.required') },
  ]);
}

function identifyBytes(bytes: Buffer, fileName: string | null, contentType: string): Upload {
  const name = fileName ?? '';
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) return { format: 'xlsx', fileName, content: bytes };
  if (bytes.subarray(0, 4).equals(OLE_MAGIC) || /\.xls$/i.test(name)) {
    throw unprocessable(msg('facts.sheet.xls'), [{ path: 'file', message: msg('facts.sheet.xls.detail') }]);
  }
  if (/\.xlsx$/i.test(name) || contentType === XLSX_CONTENT_TYPE) {
    throw unprocessable(msg('facts.sheet.not_xlsx', { name: name || msg('facts.sheet.the_upload') }), [{ path: 'file', message: msg('facts.sheet.not_xlsx.detail') }]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unprocessable(msg('facts.sheet.not_utf8'), [{ path: 'file', message: msg('facts.sheet.not_utf8.detail') }]);
  }
  return { format: 'csv', fileName, content: text };
}

/** Reads an upload into a sheet; an unreadable file or one without a header is 422. */
export async function readSheet(upload: Upload): Promise<Sheet> {
  const sheet = upload.format === 'xlsx' ? await sheetFromXlsx(upload.content as Buffer) : sheetFromCsv(upload.content as string);
  if (sheet.rows.length > FACTS_MAX_ROWS) {
    throw unprocessable(msg('facts.sheet.too_many_rows', { rows: sheet.rows.length, max: FACTS_MAX_ROWS }), [{ path: 'rows', message: msg('facts.sheet.too_many_rows.detail', { max: FACTS_MAX_ROWS }) }]);
  }
  const nul = firstNulCell(sheet);
  if (nul) throw unprocessable(msg('facts.sheet.nothing_stored', { problem: nul.message }), [nul]);
  return sheet;
}

/**
 * A NUL character (U+0000) in a cell of an uploaded file (a CSV, or `_x0000_` in an XLSX string),
 * named by spreadsheet row and column letter; the request interceptor covers everything else.
 */
function firstNulCell(sheet: Sheet): ValidationIssue | null {
  for (const row of [sheet.header, ...sheet.rows]) {
    for (const [position, cell] of row.cells.entries()) {
      if ((cell.kind === 'text' || cell.kind === 'error') && cell.text.includes('\u0000')) {
        return { path: `rows[${row.line}]`, message: msg('facts.sheet.nul', { line: row.line, column: columnLetter(position) }), code: NUL_CODE };
      }
    }
  }
  return null;
}

export function sheetFromCsv(text: string): Sheet {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw unprocessable(msg('facts.sheet.csv_unreadable', { line, column, problem: message }), [{ path: `rows[${line}]`, message }]);
  }
  const records = parsed.records.filter((record, index) => index === 0 || !isBlankRecord(record.fields));
  if (records.length === 0) throw emptyFile();
  const toRow = (record: { line: number; fields: string[] }): SheetRow => ({
    line: record.line,
    cells: record.fields.map((text): SheetCell => (text === '' ? EMPTY_CELL : { kind: 'text', text })),
  });
  return { format: 'csv', header: toRow(records[0]), rows: records.slice(1).map(toRow) };
}

/** The first worksheet of an XLSX workbook; rows keep their spreadsheet numbers, empty rows are skipped. */
export async function sheetFromXlsx(bytes: Buffer): Promise<Sheet> {
  const workbook = await readWorkbook(bytes);
  const worksheet = workbook.worksheets[0];
  if (!worksheet) throw unprocessable(msg('facts.sheet.no_worksheet'), [{ path: 'file', message: msg('facts.sheet.no_worksheet.detail') }]);
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as CellValue[];
    // row.values is 1-based: values[1] is column A.
    const cells: SheetCell[] = [];
    for (let column = 1; column < values.length; column += 1) cells.push(excelCell(values[column]));
    if (cells.some((cell) => !isEmptyCell(cell))) rows.push({ line: rowNumber, cells });
  });
  if (rows.length === 0) throw emptyFile();
  return { format: 'xlsx', header: rows[0], rows: rows.slice(1) };
}

/** An exceljs cell value as a sheet cell: formulas by their cached result, rich text and links by their text. */
export function excelCell(value: CellValue): SheetCell {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'error', text: String(value) };
  if (typeof value === 'string') return value === '' ? EMPTY_CELL : { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return { kind: 'date', value };
  if ('error' in value) return { kind: 'error', text: value.error };
  if ('richText' in value) return excelCell(value.richText.map((part) => part.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? EMPTY_CELL : excelCell(value.result);
  if ('text' in value) {
    const text: unknown = value.text;
    if (typeof text === 'string') return excelCell(text);
    if (text !== null && typeof text === 'object' && 'richText' in text) return excelCell(text as CellValue);
  }
  return { kind: 'error', text: 'an unreadable value' };
}

function emptyFile() {
  return unprocessable(msg('facts.sheet.empty'), [
    { path: 'header', message: msg('facts.sheet.header_shape') },
  ]);
}

/** Issues for a header that cannot be read as staffCode,period,<input>…; empty when it can. */
export function headerIssues(columns: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  columns.forEach((name, position) => {
    if (name === '') issues.push({ path: `header[${position}]`, message: msg('facts.sheet.header_empty') });
    else if (seen.has(name)) issues.push({ path: `header[${position}]`, message: msg('facts.sheet.header_twice', { name }) });
    else seen.set(name, position);
  });
  for (const required of ['staffcode', 'period']) {
    if (!seen.has(required)) issues.push({ path: 'header', message: msg('facts.sheet.header_missing', { name: required === 'staffcode' ? 'staffCode' : 'period' }) });
  }
  return issues;
}
