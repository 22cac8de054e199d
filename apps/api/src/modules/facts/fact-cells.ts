import { type CellResult, readFactText } from '../../../../../libs/csv/src/fact-cell';
import { msg } from '../../common/i18n/messages';
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

export { type CellResult, parseDecimal } from '../../../../../libs/csv/src/fact-cell';

export const EMPTY_CELL: SheetCell = { kind: 'empty' };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(message: string): CellResult<T> => ({ ok: false, message });

/** A cell with nothing in it (or only spaces): the input is not provided by this row. */
export function isEmptyCell(cell: SheetCell): boolean {
  return cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '');
}

/** How a non-text, non-number cell is named in messages. */
function describeOther(cell: Extract<SheetCell, { kind: 'date' | 'boolean' | 'error' }>): string {
  switch (cell.kind) {
    case 'date':
      return msg('facts.cell.date', { date: cell.value.toISOString().slice(0, 10) });
    case 'boolean':
      return msg('facts.cell.boolean', { value: cell.value ? 'TRUE' : 'FALSE' });
    case 'error':
      return msg('facts.cell.error', { text: cell.text });
  }
}

/** A text cell's problem (worded in English by libs/csv) in the reader's language, by its code. */
function worded<T>(result: CellResult<T>): CellResult<T> {
  if (result.ok || result.code === undefined) return result;
  return { ok: false, message: msg(`facts.cell.${result.code}`, result.params) };
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
      return worded(readFactText(cell.text, type));
    case 'empty':
      return ok(null);
    default:
      return fail(msg(type === 'number' ? 'facts.cell.other_not_number' : 'facts.cell.other_not_number_list', { other: describeOther(cell) }));
  }
}

/** A staff code cell: text as written (trimmed); a whole number typed into a spreadsheet counts as its digits. */
export function readCodeCell(cell: SheetCell): CellResult<string> {
  switch (cell.kind) {
    case 'empty':
      return ok('');
    case 'text':
      return ok(cell.text.trim());
    case 'number':
      return Number.isInteger(cell.value) ? ok(String(cell.value)) : fail(msg('facts.cell.code_number', { value: cell.value }));
    default:
      return fail(msg('facts.cell.code_other', { other: describeOther(cell) }));
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
        return fail(msg('facts.cell.period_other', { other: describeOther(cell) }));
      }
      return ok(`${String(date.getUTCFullYear()).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`);
    }
    case 'number':
      return fail(msg('facts.cell.period_number', { value: cell.value }));
    default:
      return fail(msg('facts.cell.period_other', { other: describeOther(cell) }));
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
