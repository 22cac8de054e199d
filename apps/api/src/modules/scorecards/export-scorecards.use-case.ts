import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { SchemeOutlines } from './scheme-outlines';
import { type ExportLocale, exportTable, toCsv, toXlsx } from './scorecard-export';
import type { ExportQuery } from './scorecards.dto';
import { ScorecardsRepository } from './scorecards.repository';
import { readerScopeOf } from '../../common/access/reader-scope';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** A period's current scorecards (those the reader may see) as a CSV or XLSX file, one row per staff member. */
@Injectable()
export class ExportScorecards {
  constructor(
    @Inject(ScorecardsRepository) private readonly scorecards: ScorecardsRepository,
    @Inject(SchemeOutlines) private readonly outlines: SchemeOutlines,
  ) {}

  async execute(user: AuthUser, query: ExportQuery, locale: ExportLocale): Promise<ExportFile> {
    const rows = await this.scorecards.forExport(readerScopeOf(user), query.period, query.teamId ?? null);
    const byVersion = await this.outlines.get(user.institutionId, rows.map((row) => row.documentVersionId));
    const outlines = [...byVersion.values()].sort((a, b) => b.version - a.version || a.key.localeCompare(b.key));
    const table = exportTable(rows, outlines, locale);
    const fileName = `scorecards-${query.period}.${query.format}`;
    if (query.format === 'xlsx') return { fileName, contentType: XLSX_CONTENT_TYPE, body: await toXlsx(table, query.period) };
    return { fileName, contentType: 'text/csv; charset=utf-8', body: toCsv(table) };
  }
}
