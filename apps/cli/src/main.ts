import { parseArgs } from 'node:util';
import { type CommandResult, EXIT } from './command-result';
import { type MessageLanguage } from './engine';
import { evaluateCommand } from './evaluate-command';
import { validateCommand } from './validate-command';

export const USAGE = `Usage:
  carescore validate FILE… [--lang zh|en]
      Check scheme and workflow documents (YAML or JSON).
      Prints "FILE: valid (scheme KEY)" per valid file, and one line
      FILE: {"path":"…","message":"…"} per problem.
  carescore evaluate SCHEME FACTS [--period P] [--history FILE] [--lang zh|en]
      Evaluate staff facts with a scheme; prints the JSON array of scorecards.
      FACTS is JSON [{"staffId","team","tier","inputs":{…}}, …] or CSV with the
      header staffId,team,tier,<input>… (list inputs ;-separated, empty cell = absent).

Options:
  --period P       period evaluated, e.g. 2026-03 or 2026-Q1 (needed for promotion)
  --history FILE   JSON array of earlier scorecards (e.g. a previous evaluate output)
  --lang zh|en     language of the problems printed (default: zh when LANG starts
                   with zh, else en); paths and the JSON keys stay the same
  -h, --help       show this help

Exit codes: 0 ok, 1 invalid document, facts, history or period,
            2 usage error or unreadable file.
`;

function usageError(message: string): CommandResult {
  return { exitCode: EXIT.usage, stdout: '', stderr: `carescore: ${message}\n\n${USAGE}` };
}

/** `--lang`, else LANG (zh_CN.UTF-8 → zh), else English. */
function languageOf(option: string | undefined, env: Readonly<Record<string, string | undefined>>): MessageLanguage | null {
  if (option !== undefined) return option === 'zh' || option === 'en' ? option : null;
  return (env.LANG ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Runs the CLI on its arguments (without `node` and the script) and returns what to print. */
export function runCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): CommandResult {
  const [command, ...rest] = argv;
  if (command === undefined) return usageError('missing command');
  if (command === '-h' || command === '--help' || command === 'help') return { exitCode: EXIT.ok, stdout: USAGE, stderr: '' };
  if (command !== 'validate' && command !== 'evaluate') {
    return usageError(command.startsWith('-') ? `unknown option ${command}` : `unknown command ${command}`);
  }

  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options:
        command === 'evaluate'
          ? { period: { type: 'string' }, history: { type: 'string' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } }
          : { lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    // parseArgs explains unknown options and missing option values in one sentence.
    return usageError(`${command}: ${(error as Error).message.split('\n')[0]}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { exitCode: EXIT.ok, stdout: USAGE, stderr: '' };
  const lang = languageOf(values.lang as string | undefined, env);
  if (lang === null) return usageError(`--lang must be zh or en, not ${String(values.lang)}`);

  if (command === 'validate') {
    if (positionals.length === 0) return usageError('validate needs at least one FILE');
    return validateCommand(positionals, undefined, lang);
  }
  if (positionals.length < 2) return usageError('evaluate needs SCHEME and FACTS');
  if (positionals.length > 2) return usageError(`evaluate takes SCHEME and FACTS, got ${positionals.length} files`);
  const options = values as { period?: string; history?: string };
  return evaluateCommand({ scheme: positionals[0], facts: positionals[1], period: options.period, history: options.history, lang });
}

/** The process entry point used by bin/carescore.js: writes the streams, sets the exit code, never throws. */
export function main(argv: readonly string[] = process.argv.slice(2)): void {
  // `carescore evaluate … | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  let result: CommandResult;
  try {
    result = runCli(argv);
  } catch (error) {
    result = { exitCode: EXIT.invalid, stdout: '', stderr: `carescore: internal error: ${(error as Error).message ?? String(error)}\n` };
  }
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
