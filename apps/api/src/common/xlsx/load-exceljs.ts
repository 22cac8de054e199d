import type * as ExcelJS from 'exceljs';

/**
 * exceljs, loaded on first use (it is large and only XLSX uploads and exports need it). It is
 * CommonJS, which Node's import() (the app under tsx) shows as a default export only, while
 * vitest also shows the names: take whichever holds the Workbook.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  const module = await import('exceljs');
  return (module as { default?: typeof ExcelJS }).default ?? module;
}
