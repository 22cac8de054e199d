import { type CommandResult, EXIT, formatIssue, Output } from './command-result';
import { type MessageLanguage, parseAndValidateDocument } from './engine';
import { type ReadText, readTextFile } from './read-file';

/**
 * `carescore validate FILE…`: checks each scheme or workflow (YAML or JSON).
 * Exit 0 when all are valid, 1 when any is invalid, 2 when any cannot be read.
 */
export function validateCommand(files: readonly string[], readText: ReadText = readTextFile, lang: MessageLanguage = 'en'): CommandResult {
  const output = new Output();
  let invalid = false;
  let unreadable = false;
  for (const file of files) {
    const read = readText(file);
    if (!read.ok) {
      output.stderr(`carescore: ${read.message}`);
      unreadable = true;
      continue;
    }
    const result = parseAndValidateDocument(read.text);
    if (result.ok) {
      output.stdout(`${file}: valid (${result.value.kind} ${result.value.key})`);
    } else {
      invalid = true;
      for (const issue of result.issues) output.stdout(formatIssue(file, issue, lang));
    }
  }
  return output.result(unreadable ? EXIT.usage : invalid ? EXIT.invalid : EXIT.ok);
}
