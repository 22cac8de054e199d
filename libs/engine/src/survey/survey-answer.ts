import { LIKERT_MAX, LIKERT_MIN, NPS_MAX, NPS_MIN, type SurveyDocument } from '../schema/survey.schema';
import { issue, joinPath, type ValidationIssue, type ValidationResult } from '../validation/issues';

/** One client's answer to a survey, in the shape of a feedback response (`likert`, `nps`, `comment`). */
export interface SurveyAnswer {
  likert: Record<string, number>;
  nps: number | null;
  comment: string | null;
}

/** What a client sent: numbers, or the strings of a form post (`"4"`; `""` is no answer). */
export interface RawSurveyAnswer {
  likert?: Readonly<Record<string, unknown>> | null;
  nps?: unknown;
  comment?: unknown;
}

type Read = { kind: 'absent' } | { kind: 'value'; value: number } | { kind: 'invalid' };

function readWhole(value: unknown): Read {
  if (value === undefined || value === null || value === '') return { kind: 'absent' };
  if (typeof value === 'number') return Number.isInteger(value) ? { kind: 'value', value } : { kind: 'invalid' };
  if (typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value)) return { kind: 'value', value: Number(value) };
  return { kind: 'invalid' };
}

/**
 * Checks a client's answer against the survey: every required question answered, Likert answers whole numbers 1–5,
 * NPS 0–10, the comment within its length, and no answer to a question the survey does not ask. The result maps onto
 * a feedback response exactly (`likert.<dimension id>`, `nps`, `comment`); every problem is listed, by path.
 */
export function checkSurveyAnswer(survey: SurveyDocument, raw: RawSurveyAnswer): ValidationResult<SurveyAnswer> {
  const issues: ValidationIssue[] = [];
  const likert: Record<string, number> = {};
  const given = raw.likert ?? {};
  const asked = new Set(survey.dimensions.map((dimension) => dimension.id));
  for (const key of Object.keys(given)) {
    if (!asked.has(key) && readWhole(given[key]).kind !== 'absent') issues.push(issue(joinPath('likert', key), 'survey.answer_unknown', { id: key }));
  }
  for (const dimension of survey.dimensions) {
    const path = joinPath('likert', dimension.id);
    const read = readWhole(Object.hasOwn(given, dimension.id) ? given[dimension.id] : undefined);
    if (read.kind === 'absent') {
      if (dimension.required) issues.push(issue(path, 'survey.answer_required'));
    } else if (read.kind === 'invalid' || read.value < LIKERT_MIN || read.value > LIKERT_MAX) {
      issues.push(issue(path, 'survey.answer_range', { min: LIKERT_MIN, max: LIKERT_MAX }));
    } else {
      likert[dimension.id] = read.value;
    }
  }
  let nps: number | null = null;
  const npsRead = readWhole(raw.nps);
  if (!survey.nps) {
    if (npsRead.kind !== 'absent') issues.push(issue('nps', 'survey.answer_unknown', { id: 'nps' }));
  } else if (npsRead.kind === 'absent') {
    if (survey.nps.required) issues.push(issue('nps', 'survey.answer_required'));
  } else if (npsRead.kind === 'invalid' || npsRead.value < NPS_MIN || npsRead.value > NPS_MAX) {
    issues.push(issue('nps', 'survey.answer_range', { min: NPS_MIN, max: NPS_MAX }));
  } else {
    nps = npsRead.value;
  }
  let comment: string | null = null;
  const text = typeof raw.comment === 'string' ? raw.comment.trim() : raw.comment;
  if (text !== undefined && text !== null && text !== '') {
    if (typeof text !== 'string') issues.push(issue('comment', 'survey.comment_type'));
    else if (!survey.comment) issues.push(issue('comment', 'survey.answer_unknown', { id: 'comment' }));
    else if ([...text].length > survey.comment.maxLength) issues.push(issue('comment', 'survey.comment_too_long', { max: survey.comment.maxLength }));
    else comment = text;
  } else if (survey.comment?.required) {
    issues.push(issue('comment', 'survey.answer_required'));
  }
  if (issues.length === 0 && Object.keys(likert).length === 0 && nps === null) issues.push(issue('', 'survey.answer_empty'));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { likert, nps, comment }, issues: [] };
}
