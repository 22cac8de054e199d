import { crc32, createInflateRaw } from 'node:zlib';
import type { ValidationIssue } from '@carescore/engine';
import { DomainError, payloadTooLarge, unprocessable } from '../errors/domain-error';
import { msg } from '../i18n/messages';

/**
 * What an uploaded workbook may unpack to. The sizes a zip declares are never trusted: every
 * entry is actually inflated, and the bytes it produces are counted as they come out.
 */
export interface UnpackLimits {
  /** Bytes all entries together may inflate to (a facts sheet of 80 000 rows × 11 columns is ~32 MB, which exceljs then reads in ~15 s). */
  maxTotalBytes: number;
  /** Entries in the zip (a workbook has ~10, plus ~3 per worksheet). */
  maxEntries: number;
  /** Inflated bytes per compressed byte consumed, per entry, checked once it has produced `ratioCheckFromBytes`. */
  maxRatio: number;
  ratioCheckFromBytes: number;
}

export const XLSX_UNPACK_LIMITS: UnpackLimits = {
  maxTotalBytes: 32 * 1024 * 1024,
  maxEntries: 1000,
  maxRatio: 200,
  ratioCheckFromBytes: 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const MiB = 1024 * 1024;

const tooLarge = (message: string, code: string) => payloadTooLarge(msg('xlsx.too_large', { problem: message }), [{ path: 'file', message, code }]);
const damaged = (why: string, code = 'xlsx_unreadable'): never => {
  const issue: ValidationIssue = { path: 'file', message: msg('facts.sheet.not_xlsx.detail'), code };
  throw unprocessable(msg('xlsx.unreadable', { why }), [issue]);
};

/**
 * Reads every entry of a zip from its central directory and inflates it with a hard cap on the
 * bytes actually produced (whatever the headers say), on the entry count and on the compression
 * ratio. Over a limit → 413 as soon as the limit is crossed; a damaged, encrypted, multi-disk or
 * zip64 archive → 422. Nothing else in the app reads the upload's zip structure: callers parse
 * only what this returned (see `storedZip`).
 */
export async function unpackZip(bytes: Buffer, limits: UnpackLimits = XLSX_UNPACK_LIMITS): Promise<ZipEntry[]> {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd >= 20 && bytes.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) damaged(msg('xlsx.why.zip64'), 'xlsx_zip64');
  if (bytes.readUInt16LE(eocd + 4) !== 0 || bytes.readUInt16LE(eocd + 6) !== 0) damaged(msg('xlsx.why.multi_disk'));
  const count = bytes.readUInt16LE(eocd + 10);
  if (count > limits.maxEntries) {
    throw tooLarge(msg('xlsx.too_many_entries', { count, max: limits.maxEntries }), 'xlsx_too_many_entries');
  }
  const directoryEnd = bytes.readUInt32LE(eocd + 16) + bytes.readUInt32LE(eocd + 12);
  if (directoryEnd > eocd) damaged(msg('xlsx.why.directory'));

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let produced = 0;
  let at = bytes.readUInt32LE(eocd + 16);
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== CENTRAL) damaged(msg('xlsx.why.directory'));
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    at = next;

    if (flags & 0x1) damaged(msg('xlsx.why.encrypted', { name }), 'xlsx_encrypted');
    if (method !== STORED && method !== DEFLATED) damaged(msg('xlsx.why.method', { name, method }));
    if (names.has(name)) damaged(msg('xlsx.why.twice', { name }));
    names.add(name);
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL) damaged(msg('xlsx.why.no_header', { name }));
    const start = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    if (start + compressedSize > bytes.length) damaged(msg('xlsx.why.cut_off', { name }));
    const compressed = bytes.subarray(start, start + compressedSize);

    const budget = limits.maxTotalBytes - produced;
    const data = method === STORED ? compressed : await inflateCapped(compressed, name, budget, limits);
    if (data.length > budget) throw totalExceeded(limits);
    produced += data.length;
    entries.push({ name, data });
  }
  return entries;
}

function totalExceeded(limits: UnpackLimits) {
  return tooLarge(msg('xlsx.unpacked_too_large', { mb: limits.maxTotalBytes / MiB }), 'xlsx_unpacked_too_large');
}

/** Inflates one entry on zlib's thread pool, counting each chunk and stopping at the first one over a limit. */
async function inflateCapped(compressed: Buffer, name: string, budget: number, limits: UnpackLimits): Promise<Buffer> {
  const inflater = createInflateRaw({ chunkSize: 256 * 1024 });
  const chunks: Buffer[] = [];
  let produced = 0;
  inflater.end(compressed);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      produced += chunk.length;
      if (produced > budget) throw totalExceeded(limits);
      // Against the compressed bytes consumed so far, so a bomb is caught early in its stream.
      if (produced >= limits.ratioCheckFromBytes && produced > inflater.bytesWritten * limits.maxRatio) {
        throw tooLarge(msg('xlsx.compression_ratio', { name, ratio: limits.maxRatio }), 'xlsx_compression_ratio');
      }
      chunks.push(chunk);
    }
  } catch (error) {
    inflater.destroy();
    if (error instanceof DomainError) throw error;
    damaged(msg('xlsx.why.inflate', { name, problem: error instanceof Error ? error.message : String(error) }));
  }
  return Buffer.concat(chunks, produced);
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65 535.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  return damaged('its zip directory is missing');
}

/**
 * A zip of the given entries, uncompressed (method 0, "stored"), with true sizes and CRCs: what
 * passed `unpackZip` is handed to the spreadsheet reader in this form, so the reader never
 * inflates anything itself.
 */
export function storedZip(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x800, 6); // names in UTF-8
    local.writeUInt16LE(STORED, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(STORED, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, entry.data);
    directory.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}
