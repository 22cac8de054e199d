import { describe, expect, it } from 'vitest';
import type { StageDefinition } from './casesApi';
import type { ScorecardDetail } from '../scorecards/types';
import { appealInputRows, emptyStageValues, orderedFields, parseCorrectedFacts, stageFieldErrors, stagePayload } from './stageValues';

const field = (id: string, type: StageDefinition['fields'][number]['type'], extra: Partial<StageDefinition['fields'][number]> = {}) => ({
  id,
  name: null,
  type,
  required: false,
  options: null,
  minLength: null,
  maxLength: null,
  min: null,
  max: null,
  ...extra,
});

const STAGE: StageDefinition = {
  id: 'fix',
  name: { en: 'Service fix' },
  role: 'manager',
  slaHours: 168,
  fields: [
    field('changes', 'text', { required: true, minLength: 20 }),
    field('category', 'select', { options: ['attitude', 'other'] }),
    field('factors', 'multiselect', { options: ['workload', 'training'] }),
    field('score', 'number', { min: 1, max: 5 }),
    field('on', 'date'),
    field('verified', 'boolean', { required: true }),
  ],
};

describe('stage form', () => {
  it('starts every input empty', () => {
    expect(emptyStageValues(STAGE)).toEqual({ fields: { changes: '', category: '', factors: [], score: null, on: '', verified: null } });
  });

  it('sends typed values and leaves blank ones out for the API to judge', () => {
    const values = { fields: { changes: 'Call-back checklist in use', category: '', factors: ['training'], score: '4', on: new Date(2026, 2, 15), verified: false } };
    expect(stagePayload(STAGE, values)).toEqual({ changes: 'Call-back checklist in use', factors: ['training'], score: 4, on: '2026-03-15', verified: false });
    expect(stagePayload(STAGE, emptyStageValues(STAGE))).toEqual({});
  });

  it('puts a 422’s messages on the named fields, "required" in the console’s language', () => {
    const issues = [
      { path: 'fields.changes', message: 'is required to complete stage fix' },
      { path: 'fields.score', message: 'must be at most 5' },
      { path: 'stage', message: 'not a field error' },
    ];
    expect(stageFieldErrors(issues, '必填')).toEqual({ 'fields.changes': '必填', 'fields.score': 'must be at most 5' });
  });

  it('lists a stage’s stored values in the order the stage declares its fields, unknown ones last', () => {
    expect(orderedFields({ verified: true, legacy: 1, changes: 'x', score: 4 }, STAGE.fields)).toEqual([
      ['changes', 'x'],
      ['score', 4],
      ['verified', true],
      ['legacy', 1],
    ]);
  });
});

describe('parseCorrectedFacts', () => {
  it('reads one input per line, lists with ; (full-width too), and keeps unreadable text for the API to name', () => {
    expect(parseCorrectedFacts('records_complete = 10\nsatisfaction_ratings: 4;5；3\n\n')).toEqual({ records_complete: 10, satisfaction_ratings: [4, 5, 3] });
    expect(parseCorrectedFacts('single = 7;')).toBe('single = 7;');
    expect(parseCorrectedFacts('records_complete = ten')).toBe('records_complete = ten');
    expect(parseCorrectedFacts('no equals sign')).toBe('no equals sign');
  });
});

describe('appealInputRows', () => {
  const scorecard = {
    result: {
      indicators: {
        record_completeness: { status: 'ok' as const, inputs: { records_total: 10, records_complete: 9 } },
        followup_rate: { status: 'ok' as const, inputs: { followups_planned: 10, followups_done: 9 } },
      },
    },
  } as unknown as Pick<ScorecardDetail, 'result'>;

  it('lists the contested indicators’ inputs with the recorded and the corrected values, then corrected inputs they do not read', () => {
    expect(appealInputRows(scorecard, ['record_completeness'], { records_complete: 10, stray: 1 })).toEqual([
      { indicator: 'record_completeness', input: 'records_total', original: 10, corrected: undefined },
      { indicator: 'record_completeness', input: 'records_complete', original: 9, corrected: 10 },
      { indicator: null, input: 'stray', original: undefined, corrected: 1 },
    ]);
    expect(appealInputRows(scorecard, ['no_such'], null)).toEqual([]);
  });
});
