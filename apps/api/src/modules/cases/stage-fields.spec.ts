import { describe, expect, it } from 'vitest';
import { stageSchema } from '@carescore/engine';
import { checkStageFields } from './stage-fields';

const stage = stageSchema.parse({
  id: 'review',
  slaHours: 24,
  fields: [
    { id: 'summary', type: 'text', required: true, minLength: 5, maxLength: 20 },
    { id: 'kind', type: 'select', options: ['a', 'b'], required: true },
    { id: 'tags', type: 'multiselect', options: ['x', 'y'] },
    { id: 'score', type: 'number', min: 0, max: 10 },
    { id: 'on', type: 'date' },
    { id: 'ok', type: 'boolean', required: true },
  ],
});

describe('checkStageFields', () => {
  it('accepts valid values, trims text, drops blank optional ones and keeps false', () => {
    expect(checkStageFields(stage, { summary: '  all good  ', kind: 'a', tags: [], score: 0, on: '2026-02-28', ok: false })).toEqual({
      issues: [],
      fields: { summary: 'all good', kind: 'a', score: 0, on: '2026-02-28', ok: false },
    });
    expect(checkStageFields(stage, { summary: 'fine!', kind: 'b', ok: true, on: '2026-03-01T08:00:00+08:00', tags: ['y', 'x'] }).issues).toEqual([]);
  });

  it('names every problem by field, in the stage’s order, then unknown fields', () => {
    const { issues } = checkStageFields(stage, { summary: 'abc', kind: 'c', tags: ['x', 'x'], score: 11, on: '2026-02-30', ok: 'yes', extra: 1 });
    expect(issues).toEqual([
      { path: 'fields.summary', message: 'must be at least 5 characters (has 3)' },
      { path: 'fields.kind', message: 'must be one of a, b (got "c")' },
      { path: 'fields.tags', message: 'must not repeat an option' },
      { path: 'fields.score', message: 'must be at most 10' },
      { path: 'fields.on', message: 'must be a date like 2026-03-15' },
      { path: 'fields.ok', message: 'must be true or false' },
      { path: 'fields.extra', message: 'is not a field of stage review (its fields: summary, kind, tags, score, on, ok)' },
    ]);
  });

  it('treats null, empty text and empty lists as missing', () => {
    const { issues } = checkStageFields(stage, { summary: '   ', kind: null });
    expect(issues.map((issue) => issue.path)).toEqual(['fields.summary', 'fields.kind', 'fields.ok']);
    expect(checkStageFields(stage, { summary: 'x'.repeat(21), kind: 'a', ok: true, score: Number.NaN, tags: 'x' }).issues).toEqual([
      { path: 'fields.summary', message: 'must be at most 20 characters (has 21)' },
      { path: 'fields.tags', message: 'must be a list of x, y' },
      { path: 'fields.score', message: 'must be a number' },
    ]);
  });
});
