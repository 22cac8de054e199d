import { z } from 'zod';
import { type CommandResult, EXIT, formatIssue, Output } from './command-result';
import {
  type MessageLanguage,
  checkPeriod,
  type CompiledScheme,
  compileScheme,
  DocumentInvalidError,
  EvaluationInputError,
  parseAndValidateDocument,
  type Scorecard,
  scorecardSchema,
  type ValidationIssue,
  zodIssuesToValidationIssues,
} from './engine';
import { readFacts } from './facts-input';
import { type ReadText, readTextFile } from './read-file';

export interface EvaluateArgs {
  scheme: string;
  facts: string;
  period?: string;
  history?: string;
  /** Language of the problems printed; English by default. */
  lang?: MessageLanguage;
}

const historySchema = z.array(scorecardSchema);

/** Parses a `--history` file: a JSON array of earlier scorecards, such as a previous `evaluate` output. */
export function parseHistory(text: string): { ok: true; value: Scorecard[] } | { ok: false; issues: ValidationIssue[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = historySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: zodIssuesToValidationIssues(parsed.error) };
  return { ok: true, value: parsed.data };
}

/** Validates and compiles a scheme file's text; a workflow or an invalid scheme yields issues. */
export function loadScheme(text: string): { ok: true; value: CompiledScheme } | { ok: false; issues: ValidationIssue[] } {
  const document = parseAndValidateDocument(text);
  if (!document.ok) return { ok: false, issues: document.issues };
  if (document.value.kind !== 'scheme') {
    return { ok: false, issues: [{ path: 'kind', message: `evaluate needs a scheme, this is a ${document.value.kind}` }] };
  }
  try {
    return { ok: true, value: compileScheme(document.value) };
  } catch (error) {
    if (error instanceof DocumentInvalidError) return { ok: false, issues: error.issues };
    throw error;
  }
}

/**
 * `carescore evaluate SCHEME FACTS [--period P] [--history FILE]`: prints the scorecards as a
 * JSON array. Exit 1 for an invalid scheme, facts, history or period; 2 for an unreadable file.
 */
export function evaluateCommand(args: EvaluateArgs, readText: ReadText = readTextFile): CommandResult {
  const output = new Output();

  // Read everything first: an unreadable file is reported before any content problem.
  const files: Array<[string, string]> = [['scheme', args.scheme], ['facts', args.facts]];
  if (args.history !== undefined) files.push(['history', args.history]);
  const texts = new Map<string, string>();
  for (const [role, file] of files) {
    const read = readText(file);
    if (!read.ok) {
      output.stderr(`carescore: ${read.message}`);
      return output.result(EXIT.usage);
    }
    texts.set(role, read.text);
  }

  const scheme = loadScheme(texts.get('scheme') as string);
  if (!scheme.ok) {
    for (const issue of scheme.issues) output.stderr(formatIssue(args.scheme, issue, args.lang));
    return output.result(EXIT.invalid);
  }

  if (args.period !== undefined) {
    const problem = checkPeriod(args.period, scheme.value.document.period);
    if (problem) {
      output.stderr(`carescore: --period: ${problem}`);
      return output.result(EXIT.invalid);
    }
  }

  let invalid = false;
  const facts = readFacts(args.facts, texts.get('facts') as string, scheme.value.document);
  if (!facts.ok) {
    for (const issue of facts.issues) output.stderr(formatIssue(args.facts, issue, args.lang));
    invalid = true;
  }
  let history: Scorecard[] = [];
  if (args.history !== undefined) {
    const parsed = parseHistory(texts.get('history') as string);
    if (parsed.ok) history = parsed.value;
    else {
      for (const issue of parsed.issues) output.stderr(formatIssue(args.history, issue, args.lang));
      invalid = true;
    }
  }
  if (invalid || !facts.ok) return output.result(EXIT.invalid);

  let scorecards: Scorecard[];
  try {
    scorecards = scheme.value.evaluate(facts.value, { period: args.period, history });
  } catch (error) {
    if (error instanceof EvaluationInputError) {
      output.stderr(`carescore: ${error.message}`);
      return output.result(EXIT.invalid);
    }
    throw error;
  }
  output.stdout(JSON.stringify(scorecards, null, 2));
  return output.result(EXIT.ok);
}
