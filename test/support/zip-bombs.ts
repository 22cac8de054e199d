import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import { Workbook } from 'exceljs';
import { unpackZip } from '../../apps/api/src/common/xlsx/unpack-zip';

/** One entry of a hand-made zip: its compressed bytes and what its headers claim. */
export interface CraftedEntry {
  name: string;
  /** Raw deflate data (method 8). */
  deflated: Buffer;
  /** The uncompressed size written into both the local and the central header (may lie). */
  declaredSize: number;
  crc: number;
}

export const craftedEntry = (name: string, data: Buffer): CraftedEntry => ({ name, deflated: deflateRawSync(data), declaredSize: data.length, crc: crc32(data) });

/**
 * Raw deflate data that inflates to `totalBytes` bytes made of `unit` repeated, produced a MiB at
 * a time so the test never holds the inflated payload itself.
 */
export async function deflatedRepeat(unit: string, totalBytes: number): Promise<Buffer> {
  const block = Buffer.from(unit.repeat(Math.ceil((1024 * 1024) / unit.length)).slice(0, 1024 * 1024));
  const deflater = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  for (let written = 0; written < totalBytes; written += block.length) {
    const piece = block.subarray(0, Math.min(block.length, totalBytes - written));
    if (!deflater.write(piece)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  return Buffer.concat(chunks);
}

/**
 * Sheet rows as a spreadsheet program writes them, numbered, for `totalBytes` bytes: XML that
 * compresses like a real worksheet does (tens of times, far under any bomb ratio).
 */
export async function deflatedSheetRows(totalBytes: number): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: 6 });
  const chunks: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let written = 0;
  for (let row = 2; written < totalBytes; row += 1000) {
    let text = '';
    for (let r = row; r < row + 1000; r += 1) text += `<row r="${r}"><c r="A${r}" t="s"><v>${r % 50}</v></c><c r="B${r}"><v>28</v></c></row>`;
    written += text.length;
    if (!deflater.write(text)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  return Buffer.concat(chunks);
}

/** A zip of deflated entries whose local and central headers state `declaredSize` and `crc` as given. */
export function craftZip(entries: readonly CraftedEntry[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.deflated.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.deflated.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, entry.deflated);
    directory.push(central, name);
    offset += 30 + name.length + entry.deflated.length;
  }
  const size = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}

/** The parts of a small, valid workbook that exceljs wrote (names and uncompressed contents). */
export async function workbookParts(rows: unknown[][]): Promise<Array<{ name: string; data: Buffer }>> {
  const book = new Workbook();
  const sheet = book.addWorksheet('Facts');
  for (const row of rows) sheet.addRow(row);
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  return unpackZip(bytes);
}

/**
 * A valid workbook whose first worksheet is replaced by `deflated` (a bomb), the headers of which
 * declare `declaredSize` bytes: the bomb that lies about its size.
 */
export async function lyingWorkbook(deflated: Buffer, declaredSize = 4096): Promise<Buffer> {
  const parts = await workbookParts([['staffCode', 'period']]);
  return craftZip(
    parts.map((part) =>
      part.name === 'xl/worksheets/sheet1.xml' ? { name: part.name, deflated, declaredSize, crc: crc32(part.data) } : craftedEntry(part.name, part.data),
    ),
  );
}
