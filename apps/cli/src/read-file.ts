import { readFileSync } from 'node:fs';

export type ReadTextResult = { ok: true; text: string } | { ok: false; message: string };
export type ReadText = (file: string) => ReadTextResult;

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file (a parent is not a directory)',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
};

/** Reads a UTF-8 text file; a failure becomes a one-line message (`cannot read x.json: no such file`). */
export function readTextFile(file: string): ReadTextResult {
  try {
    const text = readFileSync(file, 'utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = (code && REASONS[code]) ?? (code ? code.toLowerCase() : (error as Error).message);
    return { ok: false, message: `cannot read ${file}: ${reason}` };
  }
}
