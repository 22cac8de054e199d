import { crc32, deflateRawSync } from 'node:zlib';
import { Workbook } from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { craftedEntry, craftZip, deflatedRepeat, deflatedSheetRows, lyingWorkbook, workbookParts } from '../../../../../test/support/zip-bombs';
import { DomainError } from '../errors/domain-error';
import { readWorkbook } from './read-workbook';
import { storedZip, type UnpackLimits, unpackZip, XLSX_UNPACK_LIMITS } from './unpack-zip';

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const MiB = 1024 * 1024;
const limits = (overrides: Partial<UnpackLimits>): UnpackLimits => ({ ...XLSX_UNPACK_LIMITS, ...overrides });

describe('unpackZip', { timeout: 30_000 }, () => {
  // Made once, before the timed tests: deflating 1 GiB takes a few seconds on a busy machine.
  let ratioBomb: Buffer;
  let sheetBomb: Buffer;
  beforeAll(async () => {
    ratioBomb = await lyingWorkbook(await deflatedRepeat('<row/>', 1024 * MiB), 4096);
    sheetBomb = await lyingWorkbook(await deflatedSheetRows(40 * MiB), 4096);
  }, 120_000);

  it('unpacks a real workbook, and what it returns re-packed (stored) reads back in exceljs', async () => {
    const book = new Workbook();
    book.addWorksheet('Facts').addRow(['staffCode', 'period', 'visits']);
    book.getWorksheet('Facts')?.addRow(['S1', '2026-03', 28]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const entries = await unpackZip(bytes);
    expect(entries.map((entry) => entry.name)).toContain('xl/worksheets/sheet1.xml');
    const read = await readWorkbook(bytes);
    expect(read.worksheets[0].getRow(2).values).toEqual([undefined, 'S1', '2026-03', 28]);
    expect((await unpackZip(storedZip(entries))).map((entry) => entry.data.toString('latin1'))).toEqual(entries.map((entry) => entry.data.toString('latin1')));
  });

  it('refuses, within a second, a 1 GiB worksheet whose headers claim 4 KiB (413 by ratio, after ~1 MiB inflated)', async () => {
    const bomb = ratioBomb;
    expect(bomb.length).toBeLessThan(2 * MiB);
    const started = performance.now();
    const error = await refusal(unpackZip(bomb));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.code).toBe('PayloadTooLarge');
    expect(error.details).toEqual([{ path: 'file', code: 'xlsx_compression_ratio', message: expect.stringContaining('xl/worksheets/sheet1.xml inflates more than 200 times') }]);
  });

  it('refuses worksheet XML of ordinary ratio that unpacks past the total cap although its headers claim 4 KiB', async () => {
    expect(sheetBomb.length).toBeLessThan(10 * MiB); // under the upload limit
    const error = await refusal(unpackZip(sheetBomb));
    expect(error.code).toBe('PayloadTooLarge');
    expect(error.details).toEqual([{ path: 'file', code: 'xlsx_unpacked_too_large', message: `the workbook unpacks to more than ${XLSX_UNPACK_LIMITS.maxTotalBytes / MiB} MB` }]);
  });

  it('stops inflating as soon as the cap is crossed, not after the whole entry', async () => {
    // Relative to inflating all 40 MiB on the same machine at the same moment, so the load of the machine cancels out.
    let started = performance.now();
    await unpackZip(sheetBomb, limits({ maxTotalBytes: 64 * MiB }));
    const whole = performance.now() - started;
    started = performance.now();
    expect((await refusal(unpackZip(sheetBomb, limits({ maxTotalBytes: 4 * MiB })))).details[0].code).toBe('xlsx_unpacked_too_large');
    expect(performance.now() - started).toBeLessThan(whole / 3);
  });

  it('counts the total over all entries, at the exact byte (stored and deflated alike)', async () => {
    const half = Buffer.alloc(500, 'a');
    const zip = craftZip([craftedEntry('a.xml', half), craftedEntry('b.xml', half)]);
    expect((await unpackZip(zip, limits({ maxTotalBytes: 1000 }))).map((entry) => entry.data.length)).toEqual([500, 500]);
    const over = await refusal(unpackZip(zip, limits({ maxTotalBytes: 999 })));
    expect(over.details[0].code).toBe('xlsx_unpacked_too_large');
    const stored = storedZip([{ name: 'a.xml', data: half }, { name: 'b.xml', data: half }]);
    expect(await unpackZip(stored, limits({ maxTotalBytes: 1000 }))).toHaveLength(2);
    expect((await refusal(unpackZip(stored, limits({ maxTotalBytes: 999 })))).details[0].code).toBe('xlsx_unpacked_too_large');
  });

  it('takes a compression ratio of exactly the limit and refuses one above it', async () => {
    const data = Buffer.alloc(100_000, 'x');
    const entry = craftedEntry('sheet.xml', data);
    const ratio = data.length / entry.deflated.length;
    const zip = craftZip([entry]);
    expect(await unpackZip(zip, limits({ maxRatio: ratio, ratioCheckFromBytes: 1 }))).toHaveLength(1);
    const error = await refusal(unpackZip(zip, limits({ maxRatio: ratio - 0.01, ratioCheckFromBytes: 1 })));
    expect(error.details[0].code).toBe('xlsx_compression_ratio');
  });

  it('reads at most maxEntries entries', async () => {
    const entries = Array.from({ length: 5 }, (_, index) => craftedEntry(`part${index}.xml`, Buffer.from('<x/>')));
    expect(await unpackZip(craftZip(entries), limits({ maxEntries: 5 }))).toHaveLength(5);
    const error = await refusal(unpackZip(craftZip(entries), limits({ maxEntries: 4 })));
    expect(error.code).toBe('PayloadTooLarge');
    expect(error.details).toEqual([{ path: 'file', code: 'xlsx_too_many_entries', message: 'the workbook has 5 parts; at most 4 are read' }]);
  });

  it('refuses damaged, encrypted, zip64 and unknown-method archives (422)', async () => {
    const good = craftZip([craftedEntry('a.xml', Buffer.from('<a/>'))]);
    const cases: Array<[string, Buffer]> = [];
    cases.push(['no directory', Buffer.from('PK\u0003\u0004 and nothing else of a zip')]);
    cases.push(['cut off', good.subarray(0, good.length - 10)]);
    const encrypted = Buffer.from(good);
    encrypted.writeUInt16LE(1, encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    cases.push(['encrypted', encrypted]);
    const bzip = Buffer.from(good);
    bzip.writeUInt16LE(12, bzip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    cases.push(['bzip2', bzip]);
    const truncated = craftZip([{ name: 'a.xml', deflated: deflateRawSync(Buffer.alloc(10_000, 'a')).subarray(0, 5), declaredSize: 10_000, crc: crc32('') }]);
    cases.push(['truncated deflate', truncated]);
    const zip64 = Buffer.concat([good.subarray(0, good.length - 22), Buffer.from([0x50, 0x4b, 0x06, 0x07]), Buffer.alloc(16), good.subarray(good.length - 22)]);
    cases.push(['zip64', zip64]);
    for (const [label, bytes] of cases) {
      const error = await refusal(unpackZip(bytes));
      expect({ label, code: error.code, path: error.details[0]?.path }).toEqual({ label, code: 'Unprocessable', path: 'file' });
    }
  });

  it('keeps each part of a workbook as written', async () => {
    const parts = await workbookParts([['staffCode', 'period'], ['S1', '2026-03']]);
    const roundTrip = await unpackZip(craftZip(parts.map((part) => craftedEntry(part.name, part.data))));
    expect(roundTrip.map((entry) => [entry.name, entry.data.toString('utf8')])).toEqual(parts.map((part) => [part.name, part.data.toString('utf8')]));
  });
});
