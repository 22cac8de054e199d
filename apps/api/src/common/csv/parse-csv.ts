/**
 * A small RFC 4180 CSV reader: comma-separated fields, fields quoted with `"` may hold commas,
 * line breaks and doubled quotes (`""` → `"`); records end with CRLF, LF or a lone CR. A UTF-8
 * byte-order mark at the start is dropped, and so are blank rows at the end of the text (empty
 * lines, or rows of empty fields such as `,,,` that spreadsheets export).
 *
 * The result has one entry per record, in order, so `records[i]` is what a spreadsheet shows as
 * row `i + 1` (a quoted field spanning several lines is still one row). A blank line in the middle
 * is kept as a record with one empty field; callers decide whether to skip it.
 */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    message: string,
    /** 1-based record (spreadsheet row) the problem is in. */
    readonly row: number,
  ) {
    super(message);
  }
}

export function parseCsv(text: string): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const n = input.length;

  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };

  // `atFieldStart` tells whether the next character opens a field (so a quote starts quoting).
  let atFieldStart = true;
  // Whether anything (a character or a delimiter) has been read since the last record ended.
  let pending = false;
  while (i < n) {
    const c = input[i];
    if (atFieldStart && c === '"') {
      // Quoted field: read up to the closing quote; "" is an escaped quote.
      const openedAt = records.length + 1;
      i += 1;
      for (;;) {
        if (i >= n) throw new CsvSyntaxError(`row ${openedAt}: a quoted field is not closed`, openedAt);
        const q = input[i];
        if (q === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += q;
        i += 1;
      }
      const next = input[i];
      if (i < n && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(`row ${records.length + 1}: unexpected text after a closing quote; quote the whole field and double the quotes inside it`, records.length + 1);
      }
      atFieldStart = false;
      pending = true;
      continue;
    }
    if (c === ',') {
      endField();
      atFieldStart = true;
      pending = true;
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      atFieldStart = true;
      pending = false;
      i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    // An unquoted character (a stray quote inside an unquoted field is kept as it is).
    field += c;
    atFieldStart = false;
    pending = true;
    i += 1;
  }
  if (pending) endRecord();

  while (records.length > 0 && isBlankRecord(records[records.length - 1])) records.pop();
  return records;
}

/** A record read from an empty line (one empty field) or from a line of spaces. */
export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((value) => value.trim() === '');
}
