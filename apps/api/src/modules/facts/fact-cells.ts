import type { FactValue } from './fact.entity';

/**
 * One spreadsheet cell as read from a CSV (always text) or an XLSX worksheet (typed by the
 * spreadsheet program). Formula cells are reduced to their cached result before they get here.
 */
export type SheetCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: Date }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; text: string };

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

export const EMPTY_CELL: SheetCell = { kind: 'empty' };

/** The separator of the numbers of a list input in one cell: `12;30;45`. */
export const LIST_SEPARATOR = ';';

/** Decimal notation only: no thousands separators, hex, `Infinity` or stray text. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(message: string): CellResult<T> => ({ ok: false, message });

/** A cell with nothing in it (or only spaces): the input is not provided by this row. */
export function isEmptyCell(cell: SheetCell): boolean {
  return cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '');
}

/** Parses a number written as text, strictly: `12`, `-0.5`, `1e3`; null for anything else. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** How a non-text, non-number cell is named in messages. */
function describeOther(cell: Extract<SheetCell, { kind: 'date' | 'boolean' | 'error' }>): string {
  switch (cell.kind) {
    case 'date':
      return `is a date (${cell.value.toISOString().slice(0, 10)})`;
    case 'boolean':
      return `is ${cell.value ? 'TRUE' : 'FALSE'}`;
    case 'error':
      return `holds the spreadsheet error ${cell.text}`;
  }
}

/**
 * The value of an input cell, read as the scheme declares the input: a single number, or a list
 * of numbers separated by `;` (a lone number is a list of one). Null for an empty cell.
 */
export function readInputCell(cell: SheetCell, type: 'number' | 'number[]'): CellResult<FactValue | null> {
  if (isEmptyCell(cell)) return ok(null);
  switch (cell.kind) {
    case 'number':
      return ok(type === 'number' ? cell.value : [cell.value]);
    case 'text':
      return type === 'number' ? readNumberText(cell.text) : readListText(cell.text);
    case 'empty':
      return ok(null);
    default:
      return fail(`${describeOther(cell)}, not ${type === 'number' ? 'a number' : 'a list of numbers'}`);
  }
}

function readNumberText(text: string): CellResult<number> {
  if (text.includes(LIST_SEPARATOR)) return fail(`must be a single number ("${text.trim()}" is a list; only list inputs take ${LIST_SEPARATOR}-separated numbers)`);
  const value = parseDecimal(text);
  return value === null ? fail(`"${text.trim()}" is not a number`) : ok(value);
}

function readListText(text: string): CellResult<number[]> {
  const items = text.split(LIST_SEPARATOR);
  const values: number[] = [];
  for (const [index, item] of items.entries()) {
    if (item.trim() === '') return fail(`item ${index + 1} of "${text.trim()}" is empty; separate the numbers with a single ${LIST_SEPARATOR}`);
    const value = parseDecimal(item);
    if (value === null) return fail(`item ${index + 1} ("${item.trim()}") is not a number`);
    values.push(value);
  }
  return ok(values);
}

/** A staff code cell: text as written (trimmed); a whole number typed into a spreadsheet counts as its digits. */
export function readCodeCell(cell: SheetCell): CellResult<string> {
  switch (cell.kind) {
    case 'empty':
      return ok('');
    case 'text':
      return ok(cell.text.trim());
    case 'number':
      return Number.isInteger(cell.value) ? ok(String(cell.value)) : fail(`is the number ${cell.value}; a staff code is text`);
    default:
      return fail(`${describeOther(cell)}; a staff code is text`);
  }
}

/**
 * A period cell as text (checked later like any other period). Spreadsheet programs turn a typed
 * `2026-03` into the date 1 March 2026; a date on the first of a month is read back as that month.
 */
export function readPeriodCell(cell: SheetCell): CellResult<string> {
  switch (cell.kind) {
    case 'empty':
      return ok('');
    case 'text':
      return ok(cell.text.trim());
    case 'date': {
      const date = cell.value;
      if (Number.isNaN(date.getTime()) || date.getUTCDate() !== 1 || date.getUTCHours() !== 0 || date.getUTCMinutes() !== 0) {
        return fail(`${describeOther(cell)}; write the period as text like 2026-03 or 2026-Q1`);
      }
      return ok(`${String(date.getUTCFullYear()).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`);
    }
    case 'number':
      return fail(`is the number ${cell.value}; write the period as text like 2026-03 or 2026-Q1`);
    default:
      return fail(`${describeOther(cell)}; write the period as text like 2026-03 or 2026-Q1`);
  }
}

/** A header cell as a column name (trimmed, lower-cased: input names are lower-case identifiers). */
export function readHeaderCell(cell: SheetCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text.trim().toLowerCase();
    case 'number':
      return String(cell.value);
    case 'empty':
      return '';
    case 'date':
      return cell.value.toISOString().slice(0, 10);
    case 'boolean':
      return cell.value ? 'true' : 'false';
    case 'error':
      return cell.text;
  }
}

/** Spreadsheet column letters for a 0-based column position: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(position: number): string {
  let n = position + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
