import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../diff/diff-documents';
import { type SurveyDocument, type SurveyDocumentInput, surveyDocumentSchema } from '../schema/survey.schema';
import { checkSurveyAnswer } from '../survey/survey-answer';
import { parseAndValidateDocument, validateDocument } from './parse-document';
import { validateSurvey } from './validate-survey';

const base = (): SurveyDocumentInput => ({
  kind: 'survey',
  key: 'pulse',
  name: { zh: '回访', en: 'Pulse' },
  dimensions: [
    { id: 'trust', name: { zh: '信任感' }, question: { zh: '您信任我们吗？', en: 'Do you trust us?' } },
    { id: 'advice', name: { zh: '建议实用性' }, question: { zh: '建议实用吗？' } },
  ],
  nps: { question: { zh: '会推荐吗？' } },
  comment: { question: { zh: '还有什么？' } },
});

const issuesOf = (doc: unknown) => {
  const result = validateSurvey(doc);
  return result.ok ? [] : result.issues.map(({ path, code }) => ({ path, code }));
};

describe('survey documents', () => {
  it('validates a survey and fills in the defaults: scale 1–5, required ratings, optional comment of 1000, channel survey', () => {
    const result = validateDocument(base());
    expect(result.ok).toBe(true);
    if (!result.ok || result.value.kind !== 'survey') return;
    expect(result.value.scale).toEqual({ min: 1, max: 5 });
    expect(result.value.channel).toBe('survey');
    expect(result.value.dimensions.map((dimension) => dimension.required)).toEqual([true, true]);
    expect(result.value.nps?.required).toBe(true);
    expect(result.value.comment).toEqual({ question: { zh: '还有什么？' }, required: false, maxLength: 1000 });
  });

  it('lists every problem by path: duplicate dimension ids, a bad id, a scale other than 1–5, a missing question text, unknown keys', () => {
    const doc = base() as Record<string, unknown> & SurveyDocumentInput;
    doc.dimensions = [
      { id: 'trust', question: { zh: 'a' } },
      { id: 'trust', question: { zh: 'b' } },
    ];
    expect(issuesOf(doc)).toEqual([{ path: 'dimensions[1].id', code: 'id.duplicate' }]);
    expect(issuesOf({ ...base(), dimensions: [{ id: 'Trust', question: { zh: 'a' } }] })).toEqual([{ path: 'dimensions[0].id', code: 'schema.invalid_format' }]);
    expect(issuesOf({ ...base(), scale: { min: 0, max: 10 } }).map((item) => item.path)).toEqual(['scale.min', 'scale.max']);
    expect(issuesOf({ ...base(), nps: { question: {} } })).toEqual([{ path: 'nps.question', code: 'schema.custom' }]);
    expect(issuesOf({ ...base(), colour: 'blue' })).toEqual([{ path: '', code: 'schema.unrecognized_keys' }]);
    expect(issuesOf({ ...base(), comment: { question: { en: 'x' }, maxLength: 4001 } })).toEqual([{ path: 'comment.maxLength', code: 'schema.too_big' }]);
  });

  it('needs at least one rated question: a comment alone cannot become feedback', () => {
    expect(issuesOf({ kind: 'survey', key: 'only-comment', comment: { question: { zh: '说说看' } } })).toEqual([{ path: 'dimensions', code: 'survey.no_questions' }]);
    expect(issuesOf({ kind: 'survey', key: 'only-nps', nps: { question: { zh: '推荐吗？' } } })).toEqual([]);
    expect(issuesOf({ kind: 'survey', key: 'one', dimensions: [{ id: 'trust', question: { en: 'Trust?' } }] })).toEqual([]);
  });

  it('is one of the document kinds', () => {
    const wrongKind = validateDocument({ kind: 'questionnaire' });
    expect(wrongKind.ok ? [] : wrongKind.issues[0].message).toBe('must be one of scheme, workflow, survey');
  });

  it('ships the seeds questionnaire as the client-survey template: five Likert dimensions in zh and en, NPS and a comment', () => {
    const text = readFileSync(resolve(__dirname, '../../../../rule-templates/client-survey.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./schema/survey.schema.json');
    const result = parseAndValidateDocument(text);
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (!result.ok || result.value.kind !== 'survey') throw new Error('not a survey');
    const survey = result.value;
    expect(survey.dimensions.map((dimension) => [dimension.id, dimension.name?.zh])).toEqual([
      ['rapport', '沟通亲和力'],
      ['trust', '信任感'],
      ['advice', '建议实用性'],
      ['responsiveness', '响应速度'],
      ['privacy', '隐私保护'],
    ]);
    for (const dimension of survey.dimensions) {
      expect(dimension.question.zh, dimension.id).toMatch(/[\u4e00-\u9fff]/);
      expect(dimension.question.en, dimension.id).toBeTruthy();
    }
    expect(survey.nps?.question.zh).toMatch(/推荐/);
    expect(survey.nps?.question.en).toMatch(/recommend/);
    expect(survey.comment?.required).toBe(false);
    expect(survey.title?.zh && survey.title.en).toBeTruthy();
  });
});

describe('survey diff in words', () => {
  it('names dimensions by id and question texts by language', () => {
    const before = base();
    const after = base();
    after.dimensions = [
      { id: 'trust', name: { zh: '信任感' }, question: { zh: '您信任健康管理师吗？', en: 'Do you trust us?' } },
      { id: 'privacy', name: { zh: '隐私保护' }, question: { zh: '隐私受保护吗？' } },
    ];
    after.nps = { question: { zh: '会推荐吗？' }, required: false };
    after.comment = undefined;
    expect(diffDocuments(before, after).map((change) => change.text)).toEqual([
      'dimension advice removed',
      'dimensions.trust.question.zh: 您信任我们吗？ → 您信任健康管理师吗？',
      'dimension privacy added',
      'nps.required added: false',
      'comment removed (was {"question":{"zh":"还有什么？"}})',
    ]);
  });

  it('reports a reordering of dimensions once', () => {
    const before = base();
    const after = base();
    after.dimensions = [...(before.dimensions ?? [])].reverse();
    expect(diffDocuments(before, after)).toEqual([{ path: 'dimensions', kind: 'changed', before: ['trust', 'advice'], after: ['advice', 'trust'], text: 'dimensions reordered' }]);
  });
});

describe('a client answer to a survey', () => {
  const survey: SurveyDocument = surveyDocumentSchema.parse(base());

  it('maps onto a feedback response: likert by dimension id, nps, the trimmed comment; form strings are read as numbers', () => {
    expect(checkSurveyAnswer(survey, { likert: { trust: '2', advice: 5 }, nps: '0', comment: '  等太久了 ' })).toEqual({ ok: true, issues: [], value: { likert: { trust: 2, advice: 5 }, nps: 0, comment: '等太久了' } });
    expect(checkSurveyAnswer(survey, { likert: { trust: 1, advice: 1 }, nps: 10, comment: '' })).toEqual({ ok: true, issues: [], value: { likert: { trust: 1, advice: 1 }, nps: 10, comment: null } });
  });

  it('pins the ends of the scales: 1 and 5, 0 and 10 pass; 0, 6, -1, 11, 2.5 and words do not', () => {
    const at = (trust: unknown, nps: unknown) => {
      const result = checkSurveyAnswer(survey, { likert: { trust, advice: 3 }, nps });
      return result.ok ? 'ok' : result.issues.map((item) => `${item.path}:${item.code}`).join(',');
    };
    expect(at(1, 0)).toBe('ok');
    expect(at(5, 10)).toBe('ok');
    expect(at(0, -1)).toBe('likert.trust:survey.answer_range,nps:survey.answer_range');
    expect(at(6, 11)).toBe('likert.trust:survey.answer_range,nps:survey.answer_range');
    expect(at(2.5, 'ten')).toBe('likert.trust:survey.answer_range,nps:survey.answer_range');
    expect(at('', '')).toBe('likert.trust:survey.answer_required,nps:survey.answer_required');
  });

  it('refuses answers to questions the survey does not ask and a comment over its length', () => {
    const short = surveyDocumentSchema.parse({ ...base(), comment: { question: { zh: '?' }, maxLength: 3 } });
    const result = checkSurveyAnswer(short, { likert: { trust: 4, advice: 4, speed: 2 }, nps: 8, comment: '四个字啊' });
    expect(result.ok ? [] : result.issues.map((item) => [item.path, item.code, item.params])).toEqual([
      ['likert.speed', 'survey.answer_unknown', { id: 'speed' }],
      ['comment', 'survey.comment_too_long', { max: 3 }],
    ]);
    expect(checkSurveyAnswer(short, { likert: { trust: 4, advice: 4 }, nps: 8, comment: '三个字' }).ok).toBe(true);
  });
});
