import { Inject, Injectable } from '@nestjs/common';
import { checkFacts, countListNumbers, type InputDeclaration, issue, LIST_NUMBERS_MAX_PER_REQUEST, joinPath, periodKindOf, type SchemeDocument, schemeDocumentSchema, type ValidationIssue } from '@carescore/engine';
import type { RequestContext } from '../../common/auth/auth-user';
import { payloadTooLarge, unprocessable } from '../../common/errors/domain-error';
import { engineText, msg } from '../../common/i18n/messages';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { BindingsService } from '../bindings/bindings.service';
import { DocumentsRepository } from '../documents/documents.repository';
import { STAFF_CODE_MAX } from '../staff/staff.dto';
import { StaffRepository, type StaffRef } from '../staff/staff.repository';
import { TeamsRepository } from '../teams/teams.repository';
import type { FactInputs, FactValue } from './fact.entity';
import { type CellResult, columnLetter, isEmptyCell, readCodeCell, readHeaderCell, readInputCell, readPeriodCell, type SheetCell } from './fact-cells';
import { headerIssues, type Sheet, type SheetFormat } from './fact-sheet';
import type { FactRowRequest, IngestResponse } from './facts.dto';
import { type FactWrite, FactsRepository } from './facts.repository';

/** More problems than this are counted in the message but not listed. */
export const MAX_LISTED_PROBLEMS = 200;

export type FactsSource = 'json' | SheetFormat;

export interface IngestOptions {
  /** Store the valid rows and report the others, instead of all or nothing. */
  partial: boolean;
  /** The uploaded file's name, for the audit entry. */
  fileName?: string | null;
}

/** How one field of a received row is read, and where its problems are reported. */
interface ReceivedField<T> {
  path: string;
  /** Names the spreadsheet column in messages (`column C (nps): `); empty for JSON. */
  prefix: string;
  /** Position in the row, so that problems are listed in reading order. */
  order: number;
  read(): CellResult<T>;
}

interface ReceivedInput extends Omit<ReceivedField<never>, 'read'> {
  name: string;
  /** The value typed as the scheme declares the input; null = not provided. */
  read(declaration: InputDeclaration): CellResult<FactValue | null>;
}

/** One row of an upload as received, JSON item or spreadsheet row alike. */
interface ReceivedRow {
  index: number;
  /** `row 5` (spreadsheet) or `item 3` (JSON), for messages that point at another row: built when one does. */
  name(): string;
  path: string;
  staffCode: ReceivedField<string>;
  period: ReceivedField<string>;
  inputs: ReceivedInput[];
  /** A problem with the row as a whole (its number of fields). */
  problem: string | null;
}

interface Received {
  source: FactsSource;
  rows: ReceivedRow[];
  /** How rows are numbered, for the 422 message. */
  numbering(): string;
}

interface RowIssue extends ValidationIssue {
  index: number;
  order: number;
}

/** A row whose staff member and period are known and whose period has a scheme. */
interface Candidate {
  row: ReceivedRow;
  code: string;
  period: string;
  staff?: StaffRef;
  versionId?: string;
}

interface Checked {
  writes: FactWrite[];
  values: number;
  issues: RowIssue[];
  rejected: number;
}


/**
 * Ingests facts — a JSON array or a CSV/XLSX sheet — checking every row against the inputs that
 * the scheme bound to its period declares, then upserting by (staff, period) in one transaction.
 * All or nothing by default: any problem → 422 listing each (`rows[<row>].<column>` or
 * `[<i>].inputs.<input>`), nothing stored. With `partial`, the valid rows are stored and the
 * problems of the others returned. Sending the same data twice changes nothing the second time.
 */
@Injectable()
export class IngestFacts {
  constructor(
    @Inject(FactsRepository) private readonly facts: FactsRepository,
    @Inject(StaffRepository) private readonly staff: StaffRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(BindingsService) private readonly bindings: BindingsService,
    @Inject(DocumentsRepository) private readonly documents: DocumentsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  fromJson(ctx: RequestContext, rows: FactRowRequest[], options: IngestOptions): Promise<IngestResponse> {
    return this.execute(ctx, receivedFromJson(rows), options);
  }

  fromSheet(ctx: RequestContext, sheet: Sheet, options: IngestOptions): Promise<IngestResponse> {
    return this.execute(ctx, receivedFromSheet(sheet), options);
  }

  private execute(ctx: RequestContext, received: Received, options: IngestOptions): Promise<IngestResponse> {
    const institutionId = ctx.user.institutionId;
    if (received.rows.length === 0) throw unprocessable(msg('facts.no_rows'), [{ path: 'rows', message: msg('facts.no_rows.detail') }]);
    return this.transactions.run(async (tx) => {
      const checked = await this.check(institutionId, received.rows, tx);
      if (checked.issues.length > 0 && !options.partial) {
        throw unprocessable(
          msg('facts.problems', { count: checked.issues.length, rows: checked.rejected, listed: MAX_LISTED_PROBLEMS, numbering: received.numbering() }),
          checked.issues.slice(0, MAX_LISTED_PROBLEMS).map(rowProblem),
        );
      }
      const { created, updated } = await this.facts.upsert(institutionId, checked.writes, tx);
      const rows = checked.writes.length;
      const result: IngestResponse = {
        rows,
        values: checked.values,
        created,
        updated,
        unchanged: rows - created - updated,
        rejected: checked.rejected,
        errors: checked.issues.slice(0, MAX_LISTED_PROBLEMS).map(rowProblem),
      };
      if (created + updated > 0) {
        const periods = [...new Set(checked.writes.map((write) => write.period))].sort();
        const { errors: _listed, ...counts } = result;
        await this.audit.record(ctx, 'import', 'fact', null, { source: received.source, fileName: options.fileName ?? null, periods, ...counts }, tx);
      }
      return result;
    });
  }

  private async check(institutionId: string, rows: ReceivedRow[], tx: Tx): Promise<Checked> {
    const issues: RowIssue[] = [];
    const report = (row: ReceivedRow, at: { path: string; prefix: string; order: number } | null, message: string, code?: string) => {
      const issue: RowIssue = at ? { index: row.index, order: at.order, path: at.path, message: at.prefix + message } : { index: row.index, order: -1, path: row.path, message };
      if (code !== undefined) issue.code = code;
      issues.push(issue);
    };

    // 1. Each row names a staff code and a well-formed period, once per upload.
    const candidates: Candidate[] = [];
    const firstRowOf = new Map<string, ReceivedRow>();
    for (const row of rows) {
      if (row.problem !== null) {
        report(row, null, row.problem);
        continue;
      }
      const code = readRequired(row.staffCode, (value) => (value.length > STAFF_CODE_MAX ? msg('facts.row.too_long', { max: STAFF_CODE_MAX }) : null));
      const period = readRequired(row.period, (value) => (periodKindOf(value) === null ? msg('facts.row.period_format') : null));
      if (!code.ok) report(row, row.staffCode, code.message);
      if (!period.ok) report(row, row.period, period.message);
      if (!code.ok || !period.ok) continue;
      const key = `${code.value}\u0000${period.value}`;
      const first = firstRowOf.get(key);
      if (first) {
        report(row, row.staffCode, msg('facts.row.repeats', { code: code.value, period: period.value, first: first.name() }));
        continue;
      }
      firstRowOf.set(key, row);
      candidates.push({ row, code: code.value, period: period.value });
    }

    // 2. Staff codes: one query for all of them, within the caller's institution only.
    const staffByCode = new Map((await this.staff.findRefsByCodes(institutionId, [...new Set(candidates.map((c) => c.code))], tx)).map((s) => [s.code, s]));
    const known = candidates.filter((candidate) => {
      const staff = staffByCode.get(candidate.code);
      if (!staff) report(candidate.row, candidate.row.staffCode, msg('facts.row.unknown_staff', { code: candidate.code }));
      else if (!staff.active) report(candidate.row, candidate.row.staffCode, msg('facts.row.inactive_staff', { code: candidate.code }));
      else candidate.staff = staff;
      return candidate.staff !== undefined;
    });

    // 3. The scheme that scores each (period, team): resolved once per pair.
    const versionOf = new Map<string, string | null>();
    for (const candidate of known) {
      const teamId = candidate.staff?.teamId ?? null;
      const pair = `${candidate.period}|${teamId ?? ''}`;
      if (!versionOf.has(pair)) versionOf.set(pair, (await this.bindings.resolve(institutionId, candidate.period, teamId, tx))?.documentVersionId ?? null);
      candidate.versionId = versionOf.get(pair) ?? undefined;
    }
    const unbound = known.filter((candidate) => candidate.versionId === undefined);
    const teamNames = new Map((await this.teams.findByIds(institutionId, [...new Set(unbound.map((c) => c.staff?.teamId).filter((id): id is string => !!id))], tx)).map((t) => [t.id, t.name]));
    for (const candidate of unbound) {
      const teamId = candidate.staff?.teamId ?? null;
      const problem =
        teamId === null
          ? msg('facts.row.unbound.institution', { period: candidate.period, code: candidate.code })
          : msg('facts.row.unbound.team', { period: candidate.period, team: teamNames.get(teamId) ?? teamId });
      report(candidate.row, candidate.row.period, problem);
    }

    // 4. The inputs each bound scheme declares.
    const bound = known.filter((candidate) => candidate.versionId !== undefined);
    const schemes = new Map<string, SchemeDocument | string>();
    for (const version of await this.documents.findVersionsByIds(institutionId, [...new Set(bound.map((c) => c.versionId as string))], tx)) {
      const parsed = schemeDocumentSchema.safeParse(version.content);
      schemes.set(version.id, parsed.success ? parsed.data : msg('facts.row.scheme_unreadable', { version: version.version }));
    }

    // 5. Every input value: declared by the scheme, of its type, within its range (the engine's checks).
    const groups = new Map<string, { scheme: SchemeDocument; members: Array<{ candidate: Candidate; values: FactInputs }>; population: Array<{ staffId: string; inputs: FactInputs }> }>();
    for (const candidate of bound) {
      const scheme = schemes.get(candidate.versionId as string);
      if (scheme === undefined || typeof scheme === 'string') {
        report(candidate.row, candidate.row.period, scheme ?? msg('facts.row.scheme_missing'));
        continue;
      }
      let group = groups.get(candidate.versionId as string);
      if (!group) {
        // Tiers belong to staff, not to facts: the engine's tier check is left out here.
        group = { scheme: { ...scheme, tiers: [] }, members: [], population: [] };
        groups.set(candidate.versionId as string, group);
      }
      const values: FactInputs = {};
      for (const input of candidate.row.inputs) {
        // Unknown inputs are reported here, where the column they came from is known.
        const declaration = Object.hasOwn(scheme.inputs, input.name) ? scheme.inputs[input.name] : undefined;
        if (!declaration) {
          const unknown = issue('', 'facts.unknown_input', { name: input.name, declared: Object.keys(scheme.inputs).join(', ') });
          report(candidate.row, input, engineText(unknown), unknown.code);
          continue;
        }
        const value = input.read(declaration);
        if (!value.ok) report(candidate.row, input, value.message);
        else if (value.value !== null) values[input.name] = value.value;
      }
      group.population.push({ staffId: String(group.members.length), inputs: values });
      group.members.push({ candidate, values });
    }
    for (const group of groups.values()) {
      for (const problem of checkFacts(group.scheme, group.population)) {
        const located = /^\[(\d+)\](?:\.inputs\.(.+))?/.exec(problem.path);
        const member = located ? group.members[Number(located[1])] : undefined;
        if (!member) throw new Error(`checkFacts reported an issue outside the rows it was given: ${problem.path}`);
        const input = located?.[2] === undefined ? undefined : member.candidate.row.inputs.find((candidateInput) => candidateInput.name === located[2]);
        report(member.candidate.row, input ?? null, engineText(problem), problem.code);
      }
    }
    let listNumbers = 0;
    for (const group of groups.values()) listNumbers += countListNumbers(group.population);
    if (listNumbers > LIST_NUMBERS_MAX_PER_REQUEST) {
      const message = msg('facts.list_numbers_exceeded', { count: listNumbers, max: LIST_NUMBERS_MAX_PER_REQUEST });
      throw payloadTooLarge(message, [{ path: 'rows', message, code: 'list_numbers_exceeded' }]);
    }

    // 6. The rows without problems are what gets stored.
    const rejectedRows = new Set(issues.map((issue) => issue.index));
    const writes: FactWrite[] = [];
    let valueCount = 0;
    for (const group of groups.values()) {
      for (const { candidate, values } of group.members) {
        if (rejectedRows.has(candidate.row.index)) continue;
        writes.push({ staffId: (candidate.staff as StaffRef).id, period: candidate.period, inputs: values });
        valueCount += Object.keys(values).length;
      }
    }
    issues.sort((a, b) => a.index - b.index || a.order - b.order);
    return { writes, values: valueCount, issues, rejected: rejectedRows.size };
  }
}

/** A row's problem as answered: `{path, message}`, and `code` when the rule broken has one. */
function rowProblem({ path, message, code }: RowIssue): ValidationIssue {
  return code === undefined ? { path, message } : { path, message, code };
}

/** A required text field: present, non-empty and passing `check`. */
function readRequired(field: ReceivedField<string>, check: (value: string) => string | null): CellResult<string> {
  const read = field.read();
  if (!read.ok) return read;
  if (read.value === '') return { ok: false, message: msg('facts.row.required') };
  const problem = check(read.value);
  return problem === null ? read : { ok: false, message: problem };
}

/*
 * The fields of a JSON row as classes: a large upload has hundreds of thousands of input values,
 * and a closure per value (under tsx each one also named with defineProperty) cost about a second
 * for 10 000 rows. Paths are only built for the values that have a problem.
 */
class JsonText implements ReceivedField<string> {
  readonly prefix = '';
  constructor(
    private readonly at: string,
    private readonly name: 'staffCode' | 'period',
    readonly order: number,
    private readonly value: string,
  ) {}

  get path(): string {
    return joinPath(this.at, this.name);
  }

  read(): CellResult<string> {
    return { ok: true, value: this.value.trim() };
  }
}

class JsonInput implements ReceivedInput {
  readonly prefix = '';
  constructor(
    private readonly at: string,
    readonly name: string,
    readonly order: number,
    private readonly value: unknown,
  ) {}

  get path(): string {
    return joinPath(this.at, 'inputs', this.name);
  }

  read(declaration: InputDeclaration): CellResult<FactValue | null> {
    return readJsonValue(this.value, declaration);
  }
}

function receivedFromJson(items: FactRowRequest[]): Received {
  const rows = items.map((item, index): ReceivedRow => {
    const at = `[${index}]`;
    const inputs: ReceivedInput[] = [];
    let position = 2;
    for (const name in item.inputs) if (Object.hasOwn(item.inputs, name)) inputs.push(new JsonInput(at, name, position++, item.inputs[name]));
    return {
      index,
      name: () => msg('facts.row.name.json', { index }),
      path: at,
      staffCode: new JsonText(at, 'staffCode', 0, item.staffCode),
      period: new JsonText(at, 'period', 1, item.period),
      inputs,
      problem: null,
    };
  });
  return { source: 'json', rows, numbering: () => msg('facts.numbering.json') };
}

/** A JSON input value: numbers and lists of numbers go on to the scheme's checks; null is "not provided". */
function readJsonValue(value: unknown, declaration: InputDeclaration): CellResult<FactValue | null> {
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === 'number' || (Array.isArray(value) && value.every((item) => typeof item === 'number'))) return { ok: true, value: value as FactValue };
  return { ok: false, message: msg(declaration.type === 'number' ? 'facts.row.not_number' : 'facts.row.not_number_list') };
}

function receivedFromSheet(sheet: Sheet): Received {
  const columns = sheet.header.cells.map(readHeaderCell);
  const problems = headerIssues(columns);
  if (problems.length > 0) throw unprocessable(msg('facts.sheet.header_wrong'), problems);
  const codeAt = columns.indexOf('staffcode');
  const periodAt = columns.indexOf('period');
  const inputColumns = columns.map((name, position) => ({ name, position })).filter(({ position }) => position !== codeAt && position !== periodAt);
  // Column prefixes (`column C (nps): `) once per sheet, in the request's language.
  const prefixes = columns.map((name, position) => msg('facts.row.column', { column: columnLetter(position), name: position === codeAt ? 'staffCode' : position === periodAt ? 'period' : name }));
  const rows = sheet.rows.map((sheetRow, index): ReceivedRow => {
    const at = `rows[${sheetRow.line}]`;
    const cell = (position: number): SheetCell => sheetRow.cells[position] ?? { kind: 'empty' };
    const column = (name: string, position: number) => ({ path: `${at}.${name}`, prefix: prefixes[position], order: position });
    return {
      index,
      name: () => msg('facts.row.name.sheet', { line: sheetRow.line }),
      path: at,
      staffCode: { ...column('staffCode', codeAt), read: () => readCodeCell(cell(codeAt)) },
      period: { ...column('period', periodAt), read: () => readPeriodCell(cell(periodAt)) },
      inputs: inputColumns
        .filter(({ position }) => !isEmptyCell(cell(position)))
        .map(({ name, position }) => ({ name, ...column(name, position), read: (declaration: InputDeclaration) => readInputCell(cell(position), declaration.type) })),
      problem: rowShapeProblem(sheet.format, sheetRow.cells, columns.length),
    };
  });
  const first = sheet.header.line;
  return { source: sheet.format, rows, numbering: () => msg('facts.numbering.sheet', { header: first, first: first + 1 }) };
}

/** A CSV row must have as many fields as the header; a worksheet row must have nothing right of the last named column. */
function rowShapeProblem(format: SheetFormat, cells: readonly SheetCell[], width: number): string | null {
  if (format === 'csv') return cells.length === width ? null : msg('facts.row.fields', { count: cells.length, width });
  const stray = cells.findIndex((cell, position) => position >= width && !isEmptyCell(cell));
  return stray < 0 ? null : msg('facts.row.stray_value', { column: columnLetter(stray) });
}
