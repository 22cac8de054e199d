/**
 * What makes a spreadsheet program read a cell as a formula or a command: `=`, `+`, `-`, `@` and
 * their full-width forms (＝ ＋ － ＠, which Excel on a Chinese system also accepts), `|` and `｜`
 * (DDE in older Excel and LibreOffice), possibly after spaces; or a leading tab, CR or LF.
 */
const FORMULA_START = /^(?:[\s\u3000]*[=+\-@|\uFF1D\uFF0B\uFF0D\uFF20\uFF5C]|[\t\r\n])/;

/**
 * A text cell of an export that no spreadsheet program will run: one that starts like a formula
 * gets a leading `'` (OWASP's advice against CSV injection), so it is shown, not evaluated.
 * Every CSV and XLSX the API writes passes its text cells through here; numbers stay numbers.
 */
export function inertText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
