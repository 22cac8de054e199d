import { IDENTIFIER_PATTERN, type ValidationIssue } from '@carescore/engine';
import { DomainError, unprocessable } from '../../common/errors/domain-error';
import { msg } from '../../common/i18n/messages';
import { isEmptyCell, parseDecimal, type SheetCell } from '../facts/fact-cells';
import { readSheet, type Sheet, type Upload } from '../facts/fact-sheet';
import { FEEDBACK_MAX_ROWS } from './feedback.dto';

/** One response as received (JSON item or spreadsheet row), before it is checked. */
export interface ReceivedFeedback {
  /** `[3]` (JSON) or `rows[5]` (spreadsheet row 5). */
  path: string;
  raw: Record<string, unknown>;
  /** Where a problem with a field is reported: `[3].likert.attitude` or `rows[5].likert_attitude`. */
  pathOf(field: ReadonlyArray<PropertyKey>): string;
}


const FIXED_COLUMNS: Record<string, string> = {
  responseid: 'responseId',
  staffcode: 'staffCode',
  customerref: 'customerRef',
  channel: 'channel',
  nps: 'nps',
  comment: 'comment',
  respondedat: 'respondedAt',
};

type Column = { field: string; dimension?: string; header: string };

export function receivedFromJson(items: ReadonlyArray<Record<string, unknown>>): ReceivedFeedback[] {
  return items.map((raw, index) => ({ path: `[${index}]`, raw, pathOf: (field) => [`[${index}]`, ...field.map(String)].join('.') }));
}

/** Reads a CSV or XLSX upload of survey responses; a file that cannot be read is 422. */
export async function readFeedbackSheet(upload: Upload): Promise<Sheet> {
  let sheet: Sheet;
  try {
    sheet = await readSheet(upload);
  } catch (error) {
    // The facts reader describes an empty file in facts' terms.
    if (error instanceof DomainError && error.details.some((issue) => issue.path === 'header')) {
      throw unprocessable(msg('feedback.empty', { help: msg('feedback.header_help') }), [{ path: 'header', message: msg('feedback.header_help') }]);
    }
    throw error;
  }
  if (sheet.rows.length > FEEDBACK_MAX_ROWS) {
    throw unprocessable(msg('feedback.too_many_rows', { rows: sheet.rows.length, max: FEEDBACK_MAX_ROWS }), [{ path: 'rows', message: msg('facts.sheet.too_many_rows.detail', { max: FEEDBACK_MAX_ROWS }) }]);
  }
  return sheet;
}

function cellText(cell: SheetCell): string | undefined {
  switch (cell.kind) {
    case 'empty':
      return undefined;
    case 'text':
      return cell.text.trim() === '' ? undefined : cell.text.trim();
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.value.toISOString();
    case 'boolean':
      return String(cell.value);
    case 'error':
      return cell.text;
  }
}

/** A number column: numbers stay numbers, decimal text becomes a number, anything else stays as written (and fails the check). */
function cellNumber(cell: SheetCell): unknown {
  if (cell.kind === 'number') return cell.value;
  const text = cellText(cell);
  if (text === undefined) return undefined;
  return parseDecimal(text) ?? text;
}

function readHeader(sheet: Sheet): Column[] {
  const issues: ValidationIssue[] = [];
  const columns: Column[] = [];
  const seen = new Set<string>();
  sheet.header.cells.forEach((cell, position) => {
    const header = cellText(cell) ?? '';
    const lower = header.toLowerCase();
    let column: Column | null = null;
    if (lower.startsWith('likert_')) {
      const dimension = header.slice('likert_'.length);
      if (IDENTIFIER_PATTERN.test(dimension)) column = { field: 'likert', dimension, header };
      else issues.push({ path: `header[${position}]`, message: msg('feedback.likert_name', { header }) });
    } else if (FIXED_COLUMNS[lower.replace(/[_-]/g, '')]) {
      column = { field: FIXED_COLUMNS[lower.replace(/[_-]/g, '')], header };
    } else {
      issues.push({ path: `header[${position}]`, message: header === '' ? msg('feedback.header_empty', { help: msg('feedback.header_help') }) : msg('feedback.header_unknown', { name: header, help: msg('feedback.header_help') }) });
    }
    if (column) {
      const key = column.dimension ? `likert_${column.dimension}` : column.field;
      if (seen.has(key)) issues.push({ path: `header[${position}]`, message: msg('facts.sheet.header_twice', { name: header }) });
      seen.add(key);
      columns.push(column);
    } else {
      columns.push({ field: '', header });
    }
  });
  for (const required of ['responseId', 'staffCode']) if (!seen.has(required)) issues.push({ path: 'header', message: msg('feedback.header_missing', { name: required, help: msg('feedback.header_help') }) });
  if (issues.length > 0) throw unprocessable(msg('feedback.header_unreadable', { problems: issues.map((issue) => issue.message).join('; ') }), issues);
  return columns;
}

export function receivedFromSheet(sheet: Sheet): ReceivedFeedback[] {
  const columns = readHeader(sheet);
  const headerOf = (field: ReadonlyArray<PropertyKey>): string => {
    if (field[0] === 'likert' && field.length > 1) return columns.find((column) => column.dimension === String(field[1]))?.header ?? `likert_${String(field[1])}`;
    return columns.find((column) => column.field === String(field[0]) && !column.dimension)?.header ?? String(field[0] ?? '');
  };
  return sheet.rows.map((row) => {
    const raw: Record<string, unknown> = {};
    const likert: Record<string, unknown> = {};
    row.cells.forEach((cell, index) => {
      const column = columns[index];
      if (!column || column.field === '' || isEmptyCell(cell)) return;
      if (column.field === 'likert') likert[column.dimension as string] = cellNumber(cell);
      else if (column.field === 'nps') raw.nps = cellNumber(cell);
      else raw[column.field] = cellText(cell);
    });
    if (row.cells.length > columns.length) raw[`column ${columns.length + 1}`] = cellText(row.cells[columns.length]);
    if (Object.keys(likert).length > 0) raw.likert = likert;
    const path = `rows[${row.line}]`;
    return { path, raw, pathOf: (field) => (field.length === 0 ? path : `${path}.${headerOf(field)}`) };
  });
}
