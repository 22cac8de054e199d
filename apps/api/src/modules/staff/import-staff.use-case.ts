import { Inject, Injectable } from '@nestjs/common';
import type { ValidationIssue } from '@carescore/engine';
import type { RequestContext } from '../../common/auth/auth-user';
import { type CsvRecord, isBlankRecord, parseCsv } from '../../../../../libs/csv/src/parse-csv';
import { unprocessable } from '../../common/errors/domain-error';
import { msg } from '../../common/i18n/messages';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { TeamsRepository } from '../teams/teams.repository';
import { type ImportStaffResponse, STAFF_CODE_MAX, STAFF_IMPORT_MAX_ROWS, STAFF_NAME_MAX, type StaffFields } from './staff.dto';
import { type StaffTier, TIERS } from './staff.entity';
import { StaffRepository } from './staff.repository';

const REQUIRED_COLUMNS = ['code', 'name', 'team', 'tier'] as const;
const OPTIONAL_COLUMNS = ['active'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const EXPECTED_HEADER = 'code,name,team,tier[,active]';
/** More problems than this are counted in the message but not listed. */
const MAX_DETAILS = 200;

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/** One checked CSV row: the staff member it describes; `active` is null when the file leaves it out. */
interface StaffRow {
  row: number;
  code: string;
  name: string;
  teamId: string | null;
  tier: StaffTier;
  active: boolean | null;
}

/**
 * CSV import of staff, all or nothing, at most STAFF_IMPORT_MAX_ROWS rows: every row is checked first; any problem → 422 listing each
 * as `rows[<spreadsheet row>].<column>`, and nothing is stored. Otherwise staff are upserted by
 * code in one transaction, so importing the same file twice changes nothing the second time.
 */
@Injectable()
export class ImportStaff {
  constructor(
    @Inject(StaffRepository) private readonly staff: StaffRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async execute(ctx: RequestContext, csv: string): Promise<ImportStaffResponse> {
    const records = readRecords(csv);
    const rowCount = records.slice(1).filter((record) => !isBlankRecord(record.fields)).length;
    if (rowCount > STAFF_IMPORT_MAX_ROWS) {
      throw unprocessable(msg('staff_import.too_many_rows', { rows: rowCount, max: STAFF_IMPORT_MAX_ROWS }), [
        { path: 'rows', message: msg('facts.sheet.too_many_rows.detail', { max: STAFF_IMPORT_MAX_ROWS }), code: 'too_many_rows' },
      ]);
    }
    const columns = readHeader(records[0].fields);
    const institutionId = ctx.user.institutionId;
    return this.transactions.run(async (tx) => {
      const rows = await this.checkRows(institutionId, records, columns, tx);
      return this.upsert(ctx, rows, tx);
    });
  }

  private async checkRows(institutionId: string, records: CsvRecord[], columns: Map<Column, number>, tx: Tx): Promise<StaffRow[]> {
    const teamsByName = new Map((await this.teams.findAll(institutionId, tx)).map((team) => [team.name, team.id]));
    const issues: ValidationIssue[] = [];
    const rows: StaffRow[] = [];
    const firstRowOfCode = new Map<string, number>();
    for (let index = 1; index < records.length; index += 1) {
      const record = records[index].fields;
      // Spreadsheet row numbers: the line each record starts on (a quoted field may span lines).
      const row = records[index].line;
      if (isBlankRecord(record)) continue;
      const at = (column?: Column) => (column ? `rows[${row}].${column}` : `rows[${row}]`);
      if (record.length !== records[0].fields.length) {
        issues.push({ path: at(), message: msg('staff_import.row_fields', { count: record.length, width: records[0].fields.length }) });
        continue;
      }
      const cell = (column: Column) => {
        const position = columns.get(column);
        return position === undefined ? '' : record[position].trim();
      };
      const rowIssues: ValidationIssue[] = [];

      const code = cell('code');
      if (code === '') rowIssues.push({ path: at('code'), message: msg('facts.row.required') });
      else if (code.length > STAFF_CODE_MAX) rowIssues.push({ path: at('code'), message: msg('facts.row.too_long', { max: STAFF_CODE_MAX }) });
      else if (firstRowOfCode.has(code)) rowIssues.push({ path: at('code'), message: msg('staff_import.code_repeats', { code, row: firstRowOfCode.get(code) ?? '' }) });
      else firstRowOfCode.set(code, row);

      const name = cell('name');
      if (name === '') rowIssues.push({ path: at('name'), message: msg('facts.row.required') });
      else if (name.length > STAFF_NAME_MAX) rowIssues.push({ path: at('name'), message: msg('facts.row.too_long', { max: STAFF_NAME_MAX }) });

      const teamName = cell('team');
      const teamId = teamName === '' ? null : (teamsByName.get(teamName) ?? undefined);
      if (teamId === undefined) rowIssues.push({ path: at('team'), message: msg('staff_import.no_team', { name: teamName }) });

      const tier = cell('tier').toLowerCase();
      if (!(TIERS as readonly string[]).includes(tier)) rowIssues.push({ path: at('tier'), message: msg('one_of', { values: TIERS.join(', ') }) });

      const activeText = cell('active').toLowerCase();
      let active: boolean | null = null;
      if (activeText !== '') {
        if (TRUE_WORDS.has(activeText)) active = true;
        else if (FALSE_WORDS.has(activeText)) active = false;
        else rowIssues.push({ path: at('active'), message: msg('staff_import.active_word') });
      }

      if (rowIssues.length > 0) issues.push(...rowIssues);
      else rows.push({ row, code, name, teamId: teamId ?? null, tier: tier as StaffTier, active });
    }
    if (issues.length > 0) {
      throw unprocessable(msg('staff_import.problems', { count: issues.length, listed: MAX_DETAILS }), issues.slice(0, MAX_DETAILS));
    }
    if (rows.length === 0) throw unprocessable(msg('staff_import.no_rows'), [{ path: 'rows', message: msg('staff_import.no_rows.detail') }]);
    return rows;
  }

  private async upsert(ctx: RequestContext, rows: StaffRow[], tx: Tx): Promise<ImportStaffResponse> {
    const institutionId = ctx.user.institutionId;
    const existing = new Map((await this.staff.findByCodes(institutionId, rows.map((row) => row.code), tx)).map((staff) => [staff.code, staff]));
    const toCreate: StaffFields[] = [];
    const updated: Array<{ code: string; before: Partial<StaffFields>; after: Partial<StaffFields> }> = [];
    let unchanged = 0;
    for (const row of rows) {
      const current = existing.get(row.code);
      if (!current) {
        toCreate.push({ code: row.code, name: row.name, teamId: row.teamId, tier: row.tier, active: row.active ?? true });
        continue;
      }
      const before: Partial<StaffFields> = {};
      const after: Partial<StaffFields> = {};
      const compare = <K extends keyof StaffFields>(key: K, value: StaffFields[K]) => {
        if (current[key] !== value) {
          before[key] = current[key];
          after[key] = value;
        }
      };
      compare('name', row.name);
      compare('teamId', row.teamId);
      compare('tier', row.tier);
      if (row.active !== null) compare('active', row.active);
      if (Object.keys(after).length === 0) {
        unchanged += 1;
        continue;
      }
      await this.staff.updateFields(institutionId, current.id, after, tx);
      updated.push({ code: row.code, before, after });
    }
    await this.staff.insertMany(institutionId, toCreate, tx);
    if (toCreate.length > 0 || updated.length > 0) {
      await this.audit.record(
        ctx,
        'import',
        'staff',
        null,
        { created: toCreate.map((staff) => staff.code), updated, unchanged },
        tx,
      );
    }
    return { created: toCreate.length, updated: updated.length, unchanged };
  }
}

function readRecords(csv: string): CsvRecord[] {
  const parsed = parseCsv(csv);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw unprocessable(msg('staff_import.csv_unreadable', { line, column, problem: message }), [{ path: `rows[${line}]`, message }]);
  }
  const records = parsed.records;
  if (records.length === 0) throw unprocessable(msg('staff_import.empty', { header: EXPECTED_HEADER }), [{ path: 'header', message: msg('staff_import.header_must_be', { header: EXPECTED_HEADER }) }]);
  return records;
}

/** Column positions by name; names are matched without regard to case or surrounding spaces, in any order. */
function readHeader(header: string[]): Map<Column, number> {
  const known: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
  const columns = new Map<Column, number>();
  const issues: ValidationIssue[] = [];
  header.forEach((raw, position) => {
    const name = raw.trim().toLowerCase();
    if (!known.includes(name)) issues.push({ path: `header[${position}]`, message: msg('staff_import.header_unknown', { name: raw.trim(), header: EXPECTED_HEADER }) });
    else if (columns.has(name as Column)) issues.push({ path: `header[${position}]`, message: msg('facts.sheet.header_twice', { name }) });
    else columns.set(name as Column, position);
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.has(required)) issues.push({ path: 'header', message: msg('staff_import.header_missing', { name: required, header: EXPECTED_HEADER }) });
  }
  if (issues.length > 0) throw unprocessable(msg('staff_import.header_wrong'), issues);
  return columns;
}

