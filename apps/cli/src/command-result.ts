import { localizeIssue, type MessageLanguage, type MessageParams } from './engine';

/** What a command produces: the CLI entry point writes the streams and exits with the code. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Exit codes of the `carescore` command. */
export const EXIT = {
  ok: 0,
  /** A document, facts or history file is invalid, or the period is wrong. */
  invalid: 1,
  /** Usage error, or a file could not be read. */
  usage: 2,
} as const;

/** Collects output lines; `result` joins them into a CommandResult. */
export class Output {
  private readonly out: string[] = [];
  private readonly err: string[] = [];

  stdout(line: string): void {
    this.out.push(line);
  }

  stderr(line: string): void {
    this.err.push(line);
  }

  result(exitCode: number): CommandResult {
    const join = (lines: string[]) => (lines.length > 0 ? `${lines.join('\n')}\n` : '');
    return { exitCode, stdout: join(this.out), stderr: join(this.err) };
  }
}

/**
 * One problem as printed: `FILE: {"path":"…","message":"…"}` (machine-readable after the file name). An engine issue
 * (catalog code and params) is worded in `lang`; other messages are printed as they are.
 */
export function formatIssue(file: string, issue: { path: string; message: string; row?: number; code?: string; params?: MessageParams }, lang: MessageLanguage = 'en'): string {
  const message = issue.params === undefined ? issue.message : localizeIssue(issue, lang).message;
  const printed: { path: string; message: string; row?: number } = { path: issue.path, message };
  if (issue.row !== undefined) printed.row = issue.row;
  return `${file}: ${JSON.stringify(printed)}`;
}
