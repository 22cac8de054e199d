/**
 * The scoring engine's validator, bundled into the editor: the same code the API runs, so the
 * editor's live checks and the server's 422s agree. Imported by relative path (the engine is plain
 * TypeScript with zod, mathjs and yaml) and only from the lazily loaded editor chunk.
 */
export { parseDocumentText, validateDocument } from '../../../../../libs/engine/src/validation/parse-document';
export { CONDITION_OPERATORS } from '../../../../../libs/engine/src/conditions/condition.schema';
export { SCHEME_CONDITION_FACTS } from '../../../../../libs/engine/src/validation/validate-scheme';
export { FORMULA_FUNCTIONS } from '../../../../../libs/engine/src/formula/sandbox';
export { localizeIssue, messageLanguage } from '../../../../../libs/engine/src/messages/render';
