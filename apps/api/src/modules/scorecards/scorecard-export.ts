import type { ExportRow } from './scorecards.repository';
import { inertText } from '../../common/spreadsheet/inert-text';
import { loadExcelJs } from '../../common/xlsx/load-exceljs';
import { localized, mergedInOrder, type SchemeOutline } from './scheme-outline';

export type ExportLocale = 'zh' | 'en';

/** One cell: text, a number (shown with two decimals) or empty. */
export type ExportCell = string | number | null;

export interface ExportTable {
  header: string[];
  rows: ExportCell[][];
}

const FIXED_HEADERS: Record<ExportLocale, string[]> = {
  zh: ['工号', '姓名', '团队', '层级', '考核方案', '综合得分', '等级', '预警区', '可晋升'],
  en: ['Staff code', 'Name', 'Team', 'Tier', 'Scheme', 'Composite', 'Band', 'Zone', 'Promotion eligible'],
};
/** The composite's position among the fixed columns; the score columns follow the fixed ones. */
const COMPOSITE_COLUMN = 5;
const ZONE_WORDS: Record<ExportLocale, Record<'red' | 'yellow' | 'blue', string>> = {
  zh: { red: '红区', yellow: '黄区', blue: '蓝区' },
  en: { red: 'red', yellow: 'yellow', blue: 'blue' },
};
const YES_NO: Record<ExportLocale, [string, string]> = { zh: ['是', '否'], en: ['yes', 'no'] };

/**
 * The request's locale: `?locale=` when given, else the most preferred of zh and en in
 * Accept-Language (zh-CN, zh-Hans… count as zh); English when neither is asked for.
 */
export function requestLocale(explicit: ExportLocale | undefined, acceptLanguage: string | undefined): ExportLocale {
  if (explicit) return explicit;
  const preferences = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)).find((match) => match !== null);
      return { language: tag.split('-')[0], q: q ? Number(q[1]) : 1, index };
    })
    .filter((preference) => (preference.language === 'zh' || preference.language === 'en') && preference.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return preferences[0]?.language === 'zh' ? 'zh' : 'en';
}

const twoDecimals = (value: number | null | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 100) / 100 : null);

/**
 * One row per staff member: code, name, team, tier, scheme, composite, band, zone, promotion,
 * then each top-level dimension's score and each indicator's score. The dimension and indicator
 * columns are those of the schemes used (newest version first, then columns only older ones
 * have), headed by their names in the locale.
 */
export function exportTable(rows: readonly ExportRow[], outlines: readonly SchemeOutline[], locale: ExportLocale): ExportTable {
  const dimensions = mergedInOrder(
    outlines,
    (outline) => outline.dimensions.filter((dimension) => dimension.parentId === null),
    (dimension) => dimension.id,
  );
  const indicators = mergedInOrder(outlines, (outline) => outline.indicators, (indicator) => indicator.id);
  const header = [
    ...FIXED_HEADERS[locale],
    ...dimensions.map((dimension) => localized(dimension.name, locale, dimension.id)),
    ...indicators.map((indicator) => localized(indicator.name, locale, indicator.id)),
  ];
  const [yes, no] = YES_NO[locale];
  return {
    header,
    rows: rows.map((row) => [
      row.staffCode,
      row.staffName,
      row.teamName,
      row.tier,
      `${row.schemeKey} v${row.schemeVersion}`,
      twoDecimals(row.composite),
      row.band,
      row.zone === null ? null : ZONE_WORDS[locale][row.zone],
      row.promotionEligible === null ? null : row.promotionEligible ? yes : no,
      ...dimensions.map((dimension) => twoDecimals(row.dimensions[dimension.id])),
      ...indicators.map((indicator) => twoDecimals(row.indicators[indicator.id])),
    ]),
  };
}

/** UTF-8 with a byte order mark (so Excel reads Chinese correctly), CRLF line ends, RFC 4180 quoting. */
export function toCsv(table: ExportTable): Buffer {
  const lines = [table.header, ...table.rows].map((cells) => cells.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function csvCell(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return cell.toFixed(2);
  const text = inertText(cell);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One worksheet named after the period: a bold, frozen header row; scores as numbers shown with two decimals. */
export async function toXlsx(table: ExportTable, sheetName: string): Promise<Buffer> {
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  // Text cells of a workbook are never formulas as written, but become one when a reader edits the
  // cell or saves the sheet as CSV: they are made inert like the CSV's.
  const inert = (cells: readonly ExportCell[]) => cells.map((cell) => (typeof cell === 'string' ? inertText(cell) : cell));
  sheet.addRow(inert(table.header)).font = { bold: true };
  for (const cells of table.rows) sheet.addRow(inert(cells));
  table.header.forEach((title, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = Math.min(Math.max(title.length * 2, 10), 40);
    if (index === COMPOSITE_COLUMN || index >= FIXED_HEADERS.en.length) column.numFmt = '0.00';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
