/**
 * The one reading of a fact written as text in a spreadsheet cell, for every reader of facts
 * files (the CLI's `evaluate` and the API's facts import): a number, or a list of numbers
 * separated by `;`. Callers say where the cell is (row and column) around the message.
 */
export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string; code?: CellProblemCode; params?: Record<string, string | number> };

/** Stable names of the problems below, so that a reader (the API) can word them in its reader's language. */
export type CellProblemCode = 'list_in_single' | 'not_number' | 'empty_item' | 'item_not_number';

/** The separator of the numbers of a list input in one cell: `12;30;45`. */
export const LIST_SEPARATOR = ';';

/** Decimal notation only: no thousands separators, hex, `Infinity` or stray text. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(message: string, code: CellProblemCode, params: Record<string, string | number>): CellResult<T> => ({ ok: false, message, code, params });

/** Parses a number written as text, strictly: `12`, `-0.5`, `1e3`; null for anything else. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/**
 * A non-empty text cell as the input's declared type. A list is numbers separated by single `;`
 * (a lone number is a list of one); an empty item anywhere, a trailing `;` included, is refused
 * rather than guessed at, since `4;5;` may as well be a number left out as a stray separator.
 */
export function readFactText(text: string, type: 'number' | 'number[]'): CellResult<number | number[]> {
  return type === 'number' ? readNumberText(text) : readListText(text);
}

function readNumberText(text: string): CellResult<number> {
  if (text.includes(LIST_SEPARATOR)) return fail(`must be a single number ("${text.trim()}" is a list; only list inputs take ${LIST_SEPARATOR}-separated numbers)`, 'list_in_single', { text: text.trim() });
  const value = parseDecimal(text);
  return value === null ? fail(`"${text.trim()}" is not a number`, 'not_number', { text: text.trim() }) : ok(value);
}

function readListText(text: string): CellResult<number[]> {
  const items = text.split(LIST_SEPARATOR);
  const values: number[] = [];
  for (const [index, item] of items.entries()) {
    if (item.trim() === '') return fail(`item ${index + 1} of "${text.trim()}" is empty; separate the numbers with a single ${LIST_SEPARATOR}`, 'empty_item', { index: index + 1, text: text.trim() });
    const value = parseDecimal(item);
    if (value === null) return fail(`item ${index + 1} ("${item.trim()}") is not a number`, 'item_not_number', { index: index + 1, item: item.trim() });
    values.push(value);
  }
  return ok(values);
}
