import { extname } from 'node:path';
import { readFactText } from '../../../libs/csv/src/fact-cell';
import { parseCsv } from '../../../libs/csv/src/parse-csv';
import type { SchemeDocument, StaffFacts, ValidationIssue } from './engine';
import { validateFacts } from './engine';

/** A problem in a facts file; `row` is the CSV line it comes from (the header is line 1). */
export interface FactsIssue extends ValidationIssue {
  row?: number;
}

export type FactsResult = { ok: true; value: StaffFacts[] } | { ok: false; issues: FactsIssue[] };

export type FactsFormat = 'json' | 'csv';

const FIXED_COLUMNS = ['staffId', 'team', 'tier'] as const;

/** `.csv` and `.json` decide; otherwise JSON if the text starts with `[` or `{`, else CSV. */
export function detectFactsFormat(file: string, text: string): FactsFormat {
  const extension = extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.json') return 'json';
  const first = text.trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

/**
 * Turns CSV text (`staffId,team,tier,<input>…`) into staff facts. An empty cell is an absent input;
 * a `number[]` input is `;`-separated, read by `readFactText` like the API's import. Problems name
 * the row (file line) and column.
 */
export function csvToFacts(text: string, scheme: SchemeDocument): { facts: StaffFacts[]; rows: number[]; issues: FactsIssue[] } {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    return { facts: [], rows: [], issues: [{ path: '', row: line, message: `CSV syntax error at row ${line}, character ${column}: ${message}` }] };
  }
  const [header, ...records] = parsed.records;
  if (!header) return { facts: [], rows: [], issues: [{ path: '', row: 1, message: 'the CSV file is empty: it needs a header staffId,team,tier,<input>…' }] };

  const issues: FactsIssue[] = [];
  const columns = header.fields.map((name) => name.trim());
  const seen = new Set<string>();
  columns.forEach((name, index) => {
    if (name === '') issues.push({ path: '', row: header.line, message: `column ${index + 1} of the header has no name` });
    else if (seen.has(name)) issues.push({ path: '', row: header.line, message: `column ${name} appears twice in the header` });
    else if (!(FIXED_COLUMNS as readonly string[]).includes(name) && !(name in scheme.inputs)) {
      issues.push({ path: '', row: header.line, message: `unknown column ${name}: the scheme declares the inputs ${Object.keys(scheme.inputs).join(', ')}` });
    }
    seen.add(name);
  });
  if (!seen.has('staffId')) issues.push({ path: '', row: header.line, message: 'the header needs a staffId column' });
  if (issues.length > 0) return { facts: [], rows: [], issues };

  const facts: StaffFacts[] = [];
  const rows: number[] = [];
  records.forEach((record, index) => {
    const row = record.line;
    if (record.fields.length !== columns.length) {
      issues.push({ path: `[${index}]`, row, message: `row ${row} has ${record.fields.length} fields, the header has ${columns.length}` });
    }
    const staff: StaffFacts = { staffId: '', inputs: {} };
    const inputs: Record<string, number | number[]> = {};
    columns.forEach((name, column) => {
      const cell = (record.fields[column] ?? '').trim();
      if (name === 'staffId') {
        staff.staffId = cell;
        return;
      }
      if (name === 'team' || name === 'tier') {
        if (cell !== '') staff[name] = cell;
        return;
      }
      if (cell === '') return;
      // The same reading of a cell as POST /api/facts/import (libs/csv/src/fact-cell.ts).
      const read = readFactText(cell, scheme.inputs[name].type);
      if (!read.ok) {
        issues.push({ path: `[${index}].inputs.${name}`, row, message: `row ${row}, column ${name}: ${read.message}` });
        return;
      }
      inputs[name] = read.value;
    });
    staff.inputs = inputs;
    facts.push(staff);
    rows.push(row);
  });
  return { facts, rows, issues };
}

/** Adds the CSV row (and column, when the path names one) to an issue found in the converted facts. */
function locateInCsv(issue: ValidationIssue, rows: number[]): FactsIssue {
  const match = /^\[(\d+)\](?:\.inputs\.([a-z][a-z0-9_]*)|\.(staffId|team|tier))?/.exec(issue.path);
  const row = match ? rows[Number(match[1])] : undefined;
  if (!match || row === undefined) return issue;
  const column = match[2] ?? match[3];
  return { path: issue.path, row, message: `row ${row}${column ? `, column ${column}` : ''}: ${issue.message}` };
}

/** Reads a facts file's text (JSON or CSV) and validates it against the scheme. */
export function readFacts(file: string, text: string, scheme: SchemeDocument): FactsResult {
  if (detectFactsFormat(file, text) === 'json') {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return { ok: false, issues: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
    }
    const checked = validateFacts(scheme, raw);
    return checked.ok ? { ok: true, value: checked.value } : { ok: false, issues: checked.issues };
  }

  const converted = csvToFacts(text, scheme);
  if (converted.issues.length > 0 && converted.facts.length === 0) return { ok: false, issues: converted.issues };
  // Cells that failed to convert were left out, so the facts check does not report them twice.
  const checked = validateFacts(scheme, converted.facts);
  const issues: FactsIssue[] = [...converted.issues, ...(checked.ok ? [] : checked.issues.map((issue) => locateInCsv(issue, converted.rows)))];
  if (issues.length > 0) {
    issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    return { ok: false, issues };
  }
  return { ok: true, value: checked.ok ? checked.value : converted.facts };
}
