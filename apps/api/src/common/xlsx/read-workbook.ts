import type * as ExcelJS from 'exceljs';
import { unprocessable } from '../errors/domain-error';
import { msg } from '../i18n/messages';
import { loadExcelJs } from './load-exceljs';
import { storedZip, type UnpackLimits, unpackZip, XLSX_UNPACK_LIMITS } from './unpack-zip';

/**
 * An uploaded XLSX as an exceljs workbook. The zip is unpacked first under hard limits
 * (`unpackZip`: 413 past them), and exceljs reads only what was unpacked, re-packed without
 * compression, so no declared size in the upload's headers is ever relied on.
 */
export async function readWorkbook(bytes: Buffer, limits: UnpackLimits = XLSX_UNPACK_LIMITS): Promise<ExcelJS.Workbook> {
  const checked = storedZip(await unpackZip(bytes, limits));
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(checked as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw unprocessable(msg('xlsx.unreadable.cause', { why: error instanceof Error ? error.message : String(error) }), [
      { path: 'file', message: msg('facts.sheet.not_xlsx.detail'), code: 'xlsx_unreadable' },
    ]);
  }
  return workbook;
}
