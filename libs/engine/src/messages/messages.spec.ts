import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { miniScheme } from '../__fixtures__/mini-scheme';
import { compileScheme } from '../evaluation/compile-scheme';
import { LIST_INPUT_MAX_LENGTH, validateFacts } from '../evaluation/staff-facts';
import type { SchemeDocument, SchemeDocumentInput } from '../schema/scheme.schema';
import { type SurveyDocument, surveyDocumentSchema } from '../schema/survey.schema';
import type { WorkflowDocumentInput } from '../schema/workflow.schema';
import { checkSurveyAnswer, type RawSurveyAnswer } from '../survey/survey-answer';
import { type ValidationIssue, zodIssuesToValidationIssues } from '../validation/issues';
import { parseAndValidateDocument, validateDocument } from '../validation/parse-document';
import { validateScheme } from '../validation/validate-scheme';
import { validateSurvey } from '../validation/validate-survey';
import { validateWorkflow } from '../validation/validate-workflow';
import { ENGINE_MESSAGE_CODES, ENGINE_MESSAGES, type EngineMessageCode, isEngineMessageCode } from './catalog';
import { localizeIssue, messageLanguage, renderEngineMessage } from './render';

function scheme(mutate: (doc: SchemeDocumentInput) => void): ValidationIssue[] {
  const doc = miniScheme();
  mutate(doc);
  const result = validateScheme(doc);
  return result.ok ? [] : result.issues;
}

function workflow(mutate: (doc: WorkflowDocumentInput) => void): ValidationIssue[] {
  const doc: WorkflowDocumentInput = {
    kind: 'workflow',
    key: 'loop',
    name: { en: 'Loop' },
    trigger: { when: { any: [{ fact: 'nps', operator: 'lessThanInclusive', value: 6 }] } },
    stages: [{ id: 'first', role: 'quality_officer', slaHours: 24, fields: [{ id: 'note', type: 'text' }] }],
    reopenTo: [],
    escalation: [],
  };
  mutate(doc);
  const result = validateWorkflow(doc);
  return result.ok ? [] : result.issues;
}

/** Request and fact shapes use the same mapping of zod issues as documents do. */
function zodIssues(schema: z.ZodType, value: unknown): ValidationIssue[] {
  const result = schema.safeParse(value);
  return result.success ? [] : zodIssuesToValidationIssues(result.error);
}

const valid = validateScheme(miniScheme());
const mini = (valid.ok ? valid.value : undefined) as SchemeDocument;

function facts(raw: unknown): ValidationIssue[] {
  const result = validateFacts(mini, raw);
  return result.ok ? [] : result.issues;
}

function scorecardErrors(mutate: (doc: SchemeDocumentInput) => void, staff: Record<string, unknown>): ValidationIssue[] {
  const doc = miniScheme();
  mutate(doc);
  return compileScheme(doc).evaluate([{ staffId: 's1', ...staff }]).flatMap((card) => card.errors);
}

const SURVEY: SurveyDocument = surveyDocumentSchema.parse({
  kind: 'survey',
  key: 'pulse',
  dimensions: [{ id: 'trust', question: { zh: '信任吗？' } }],
  nps: { question: { zh: '推荐吗？' }, required: false },
  comment: { question: { zh: '意见' }, maxLength: 5 },
});
function surveyAnswer(raw: RawSurveyAnswer, survey: SurveyDocument = SURVEY): ValidationIssue[] {
  const result = checkSurveyAnswer(survey, raw);
  return result.ok ? [] : result.issues;
}

const someIndicators = (doc: SchemeDocumentInput) => doc.indicators;
const stageFields = (doc: WorkflowDocumentInput) => doc.stages[0].fields as Array<Record<string, unknown>>;

/**
 * One way to make the engine emit each code. A `Record` over the code union: a code added to the catalog without a
 * case here does not type-check, so no message can go untested in either language.
 */
const PRODUCERS: Record<EngineMessageCode, () => ValidationIssue[]> = {
  'schema.invalid_type': () => scheme((doc) => Object.assign(doc.indicators[2].scoring, { target: 'two' })),
  'schema.too_small': () => scheme((doc) => (doc.dimensions[0].weight = -5)),
  'schema.too_big': () => scheme((doc) => (doc.key = 'k'.repeat(65))),
  'schema.invalid_format': () => scheme((doc) => (doc.key = 'Bad Key')),
  'schema.not_multiple_of': () => zodIssues(z.number().multipleOf(5), 7),
  'schema.unrecognized_keys': () => scheme((doc) => Object.assign(doc, { colour: 'blue' })),
  'schema.invalid_union': () => scheme((doc) => Object.assign(doc.zones?.[0] ?? {}, { when: 42 })),
  'schema.invalid_key': () => zodIssues(z.record(z.string().min(2), z.number()), { a: 1 }),
  'schema.invalid_value': () => scheme((doc) => Object.assign(doc.zones?.[0] ?? {}, { zone: 'green' })),
  'schema.custom': () => scheme((doc) => (doc.name = {})),
  'document.syntax': () => {
    const result = parseAndValidateDocument('kind: [');
    return result.ok ? [] : result.issues;
  },
  'document.not_object': () => {
    const result = validateDocument([1]);
    return result.ok ? [] : result.issues;
  },
  'document.kind': () => {
    const result = validateDocument({ kind: 'plan' });
    return result.ok ? [] : result.issues;
  },
  'id.duplicate': () => scheme((doc) => (doc.indicators[1].id = 'followup_rate')),
  'field.duplicate': () => workflow((doc) => stageFields(doc).push({ id: 'note', type: 'text' })),
  'reference.unknown': () => scheme((doc) => ((doc.dimensions[0].indicators ?? [])[0].id = 'ghost')),
  'input.reserved_formula_name': () => scheme((doc) => (doc.inputs = { ...doc.inputs, mean: { type: 'number' } })),
  'input.reserved_fact': () => scheme((doc) => (doc.inputs = { ...doc.inputs, composite: { type: 'number' } })),
  'indicator.id_is_input': () => scheme((doc) => (doc.indicators[0].id = 'nps')),
  'indicator.id_reserved_formula_name': () => scheme((doc) => (doc.indicators[0].id = 'sum')),
  'indicator.id_reserved_fact': () => scheme((doc) => (doc.indicators[0].id = 'composite')),
  'indicator.cycle': () =>
    scheme((doc) => {
      doc.indicators[1].formula = 'followup_rate';
      doc.indicators[0].formula = 'record_completeness';
    }),
  'indicator.weighted_twice': () => scheme((doc) => ((doc.dimensions[0].indicators ?? [])[1].id = 'nps_score')),
  'range.below_min': () => scheme((doc) => (doc.inputs = { ...doc.inputs, nps: { type: 'number', min: 5, max: 1 } })),
  'range.not_above_min': () => scheme((doc) => (doc.composite = { min: 100, max: 100 })),
  'weights.sum': () => scheme((doc) => (doc.dimensions[0].weight = 47)),
  'scoring.threshold_order': () => scheme((doc) => Object.assign(doc.indicators[0].scoring, { target: 99 })),
  'scoring.points_order': () => scheme((doc) => Object.assign(doc.indicators[0].scoring, { points: { target: 50 } })),
  'scoring.band_bound_required': () => scheme((doc) => (doc.indicators[0].scoring = { type: 'bands', bands: [{ max: 70, score: 80 }] })),
  'scoring.band_bound_unused': () => scheme((doc) => (doc.indicators[0].scoring = { type: 'bands', bands: [{ min: 70, max: 80, score: 80 }] })),
  'bands.order': () => scheme((doc) => (doc.bands = [{ id: 'B', min: 80 }, { id: 'A', min: 90 }])),
  'scoring.raw_direction': () => scheme((doc) => (doc.indicators[1].direction = 'lower')),
  'formula.syntax': () => scheme((doc) => (someIndicators(doc)[0].formula = 'followups_done / (')),
  'formula.constant': () => scheme((doc) => (someIndicators(doc)[0].formula = '"text"')),
  'formula.operator': () => scheme((doc) => (someIndicators(doc)[0].formula = 'followups_done!')),
  'formula.call': () => scheme((doc) => (someIndicators(doc)[0].formula = 'followups_done.f(1)')),
  'formula.function': () => scheme((doc) => (someIndicators(doc)[0].formula = 'sin(followups_done)')),
  'formula.unknown_name': () => scheme((doc) => (someIndicators(doc)[0].formula = 'followups_done / planned')),
  'formula.assignment': () => scheme((doc) => (someIndicators(doc)[0].formula = 'x = 1')),
  'formula.function_definition': () => scheme((doc) => (someIndicators(doc)[0].formula = 'f(x) = x')),
  'formula.access': () => scheme((doc) => (someIndicators(doc)[0].formula = 'followups_done[1]')),
  'formula.expression': () => scheme((doc) => (someIndicators(doc)[0].formula = '1:3')),
  'dimension.children_or_indicators': () => scheme((doc) => (doc.dimensions[0].indicators = [])),
  'dimension.too_deep': () =>
    scheme((doc) => {
      const leaf = { id: 'd4', weight: 100, indicators: [{ id: 'nps_score', weight: 100 }] };
      doc.dimensions[1].children = [{ id: 'd2', weight: 100, children: [{ id: 'd3', weight: 100, children: [leaf] }] }];
    }),
  'tier.indicator_not_listed': () => scheme((doc) => Object.assign(doc.tiers?.[0] ?? {}, { weights: { alert_response: 50 } })),
  'tier.self_promotion': () => scheme((doc) => Object.assign(doc.tiers?.[0].promotion ?? {}, { to: 'junior' })),
  'condition.path_prefix': () => scheme((doc) => Object.assign((doc.hints?.[0].when as { all: Array<{ value: Record<string, unknown> }> }).all[0].value, { path: '$.followup_rate' })),
  'condition.unknown_section': () => scheme((doc) => Object.assign((doc.zones?.[1].when as { all: Array<Record<string, unknown>> }).all[0], { fact: 'change', path: '$.total' })),
  'condition.unknown_in_path': () => scheme((doc) => Object.assign((doc.zones?.[1].when as { all: Array<Record<string, unknown>> }).all[0], { path: '$.ghost.score' })),
  'condition.unknown_fact': () => scheme((doc) => Object.assign((doc.zones?.[0].when as { all: Array<Record<string, unknown>> }).all[0], { fact: 'stars' })),
  'field.options_required': () => workflow((doc) => stageFields(doc).push({ id: 'pick', type: 'select' })),
  'field.options_unused': () => workflow((doc) => stageFields(doc).push({ id: 'other', type: 'text', options: ['a'] })),
  'field.length_text_only': () => workflow((doc) => stageFields(doc).push({ id: 'count', type: 'number', minLength: 1 })),
  'escalation.order': () => workflow((doc) => (doc.escalation = [{ afterHours: 24, notify: 'manager' }, { afterHours: 0, notify: 'director' }])),
  'survey.no_questions': () => {
    const result = validateSurvey({ kind: 'survey', key: 'empty' });
    return result.ok ? [] : result.issues;
  },
  'survey.answer_required': () => surveyAnswer({ nps: 9 }),
  'survey.answer_range': () => surveyAnswer({ likert: { trust: 6 } }),
  'survey.answer_unknown': () => surveyAnswer({ likert: { trust: 4, speed: 3 } }),
  'survey.answer_empty': () => surveyAnswer({}, { ...SURVEY, dimensions: [{ ...SURVEY.dimensions[0], required: false }] }),
  'survey.comment_type': () => surveyAnswer({ likert: { trust: 4 }, comment: 42 }),
  'survey.comment_too_long': () => surveyAnswer({ likert: { trust: 4 }, comment: '太长的一条意见' }),
  'facts.duplicate_staff': () => facts([{ staffId: 's1' }, { staffId: 's1', tier: 'mid' }]),
  'facts.tier': () => facts([{ staffId: 's1', tier: 'chief' }]),
  'facts.unknown_input': () => facts([{ staffId: 's1', tier: 'mid', inputs: { stars: 3 } }]),
  'facts.not_number': () => facts([{ staffId: 's1', tier: 'mid', inputs: { nps: 'ten' } }]),
  'facts.not_number_list': () => facts([{ staffId: 's1', tier: 'mid', inputs: { alert_response_minutes: 3 } }]),
  'facts.out_of_range': () => facts([{ staffId: 's1', tier: 'mid', inputs: { nps: 101 } }]),
  list_input_too_long: () => facts([{ staffId: 's1', tier: 'mid', inputs: { alert_response_minutes: new Array<number>(LIST_INPUT_MAX_LENGTH + 1).fill(1) } }]),
  'evaluation.adjustment_input_absent': () => scorecardErrors(() => undefined, { tier: 'mid', inputs: { nps: 10 } }),
  'evaluation.adjustment_skipped': () => scorecardErrors((doc) => (doc.adjustments = [{ id: 'odd', formula: 'nps / 0' }]), { tier: 'mid', inputs: { nps: 0 } }),
  'evaluation.tier_required': () => scorecardErrors(() => undefined, { inputs: { nps: 10 } }),
  'evaluation.indicator_missing': () => scorecardErrors((doc) => (doc.indicators[0].missing = 'error'), { tier: 'mid', inputs: { nps: 10 } }),
  'evaluation.nothing_scored': () => scorecardErrors((doc) => (doc.indicators[3].missing = 'exclude'), { tier: 'mid', inputs: {} }),
};

const PLACEHOLDER = /\{(\w+)\}/g;
const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((match) => match[1]).sort();

describe('the engine message catalog', () => {
  it('has an English and a Chinese text for every code, naming the same params', () => {
    for (const code of ENGINE_MESSAGE_CODES) {
      const { en, zh } = ENGINE_MESSAGES[code];
      expect(en, code).toBeTruthy();
      expect(zh, code).toBeTruthy();
      if (typeof en === 'string' && typeof zh === 'string') {
        expect(placeholders(zh), code).toEqual(placeholders(en));
        expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('emits each code somewhere, with the catalog English as message and a Chinese text without gaps', () => {
    for (const code of ENGINE_MESSAGE_CODES) {
      const issues = PRODUCERS[code]();
      const found = issues.find((item) => item.code === code);
      expect(found, `${code} in ${JSON.stringify(issues)}`).toBeDefined();
      if (!found) continue;
      expect(found.message).toBe(renderEngineMessage(code, found.params, 'en'));
      const zh = renderEngineMessage(code, found.params, 'zh');
      expect(zh, code).not.toMatch(PLACEHOLDER);
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('gives every issue of the producers a catalog code and params', () => {
    const all = Object.values(PRODUCERS).flatMap((produce) => produce());
    expect(all.length).toBeGreaterThan(60);
    for (const item of all) {
      expect(isEngineMessageCode(item.code), JSON.stringify(item)).toBe(true);
      expect(item.params, JSON.stringify(item)).toBeDefined();
    }
  });

  it('renders representative messages in both languages at exact text', () => {
    expect(renderEngineMessage('weights.sum', { level: 'dimensions', sum: 107 }, 'en')).toBe('weights of the top-level dimensions must sum to 100, they sum to 107');
    expect(renderEngineMessage('weights.sum', { level: 'dimensions', sum: 107 }, 'zh')).toBe('顶层维度的权重之和必须为 100，当前为 107');
    expect(renderEngineMessage('reference.unknown', { kind: 'indicator', id: 'ghost' }, 'zh')).toBe('未知的指标 ghost');
    expect(renderEngineMessage('evaluation.adjustment_input_absent', { id: 'bonus', name: 'nps_responses' }, 'en')).toBe('adjustment bonus added 0: nps_responses is absent');
    expect(renderEngineMessage('evaluation.adjustment_input_absent', { id: 'bonus', name: 'nps_responses' }, 'zh')).toBe('调整项 bonus 计为 0：缺少 nps_responses');
    expect(renderEngineMessage('schema.custom', { detail: 'must be a finite number' }, 'zh')).toBe('必须是有限的数字');
    expect(renderEngineMessage('schema.invalid_type', { detail: 'Invalid input: expected number, received string', expected: 'number', received: 'string' }, 'zh')).toBe('应为数字，实际是文本');
  });

  it('localises an issue by its code and leaves an issue without a catalog code as it is', () => {
    const [found] = PRODUCERS['id.duplicate']();
    expect(localizeIssue(found, 'zh').message).toBe('指标 id followup_rate 重复');
    const other = { path: 'x', message: 'is closed', code: 'period_closed' };
    expect(localizeIssue(other, 'zh')).toBe(other);
  });

  it('picks Chinese for zh… language tags and English for anything else', () => {
    expect(messageLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(messageLanguage('zh')).toBe('zh');
    expect(messageLanguage('ZH-Hans')).toBe('zh');
    expect(messageLanguage('en-US,zh;q=0.5')).toBe('en');
    expect(messageLanguage('')).toBe('en');
    expect(messageLanguage(undefined)).toBe('en');
  });
});
