import { describe, expect, it } from 'vitest';
import { miniScheme } from '../__fixtures__/mini-scheme';
import type { SchemeDocumentInput } from '../schema/scheme.schema';
import { parseAndValidateDocument } from './parse-document';
import { validateScheme } from './validate-scheme';

function issuesOf(mutate: (doc: SchemeDocumentInput) => void) {
  const doc = miniScheme();
  mutate(doc);
  const result = validateScheme(doc);
  // The texts, as a reader sees them; messages.spec.ts holds every issue to its code and params.
  return result.ok ? [] : result.issues.map(({ path, message }) => ({ path, message }));
}

describe('validateScheme', () => {
  it('accepts the fixture', () => {
    expect(validateScheme(miniScheme())).toMatchObject({ ok: true, issues: [] });
  });

  it('reports shape problems with their paths', () => {
    expect(issuesOf((doc) => Object.assign(doc.indicators[2].scoring, { target: 'two' }))).toEqual([
      { path: 'indicators[2].scoring.target', message: expect.stringMatching(/number/) as unknown as string },
    ]);
    expect(issuesOf((doc) => Object.assign(doc, { colour: 'blue' }))[0]).toMatchObject({ path: '', message: expect.stringMatching(/colour/) });
    expect(issuesOf((doc) => Object.assign(doc.zones?.[0] ?? {}, { zone: 'green' }))[0].path).toBe('zones[0].zone');
    expect(issuesOf((doc) => Object.assign(doc.dimensions[0], { weight: -5 }))).toContainEqual({ path: 'dimensions[0].weight', message: 'must not be negative' });
  });

  it('rejects unknown condition operators where they stand', () => {
    const issues = issuesOf((doc) => Object.assign((doc.zones?.[0].when as { all: Array<Record<string, unknown>> }).all[0], { operator: 'moreThan' }));
    expect(issues[0].path).toBe('zones[0].when.all[0].operator');
  });

  it('requires sibling weights to sum to 100 at every level', () => {
    expect(issuesOf((doc) => (doc.dimensions[0].weight = 45))).toEqual([{ path: 'dimensions', message: 'weights of the top-level dimensions must sum to 100, they sum to 105' }]);
    expect(issuesOf((doc) => ((doc.dimensions[1].children ?? [])[0].weight = 40))).toEqual([{ path: 'dimensions[1].children', message: 'weights of sibling dimensions must sum to 100, they sum to 90' }]);
    expect(issuesOf((doc) => ((doc.dimensions[0].indicators ?? [])[0].weight = 59.99))).toEqual([
      { path: 'dimensions[0].indicators', message: 'weights of the indicators of dimension execution must sum to 100, they sum to 99.99' },
    ]);
    expect(issuesOf((doc) => ((doc.dimensions[0].indicators ?? [])[0].weight = 60.0005))).toEqual([]);
    const top = miniScheme();
    top.dimensions[0].weight = 47;
    expect(validateScheme(top).issues).toEqual([
      { path: 'dimensions', code: 'weights.sum', params: { level: 'dimensions', sum: 107 }, message: 'weights of the top-level dimensions must sum to 100, they sum to 107' },
    ]);
  });

  it('limits dimension depth to three and wants children or indicators, not both', () => {
    const deep = issuesOf((doc) => {
      doc.dimensions[1].children = [{ id: 'l2', weight: 100, children: [{ id: 'l3', weight: 100, children: [{ id: 'l4', weight: 100, indicators: [{ id: 'nps_score', weight: 100 }] }] }] }];
    });
    expect(deep).toContainEqual({ path: 'dimensions[1].children[0].children[0].children', message: 'dimensions may nest at most 3 levels deep' });
    expect(issuesOf((doc) => (doc.dimensions[0].children = [{ id: 'x', weight: 100, indicators: [{ id: 'nps_score', weight: 100 }] }]))).toContainEqual({
      path: 'dimensions[0]',
      message: 'dimension execution must have either children or indicators, not both',
    });
    expect(issuesOf((doc) => (doc.dimensions[0].indicators = []))).toContainEqual({ path: 'dimensions[0]', message: 'dimension execution must have either children or indicators' });
  });

  it('checks every reference', () => {
    expect(issuesOf((doc) => ((doc.dimensions[0].indicators ?? [])[0].id = 'ghost'))).toContainEqual({ path: 'dimensions[0].indicators[0].id', message: 'unknown indicator ghost' });
    expect(issuesOf((doc) => ((doc.dimensions[0].indicators ?? [])[1].id = 'nps_score'))).toContainEqual({
      path: 'dimensions[1].children[1].indicators[0].id',
      message: 'indicator nps_score is already weighted in dimension execution',
    });
    const tiers = issuesOf((doc) => {
      const junior = (doc.tiers ?? [])[0];
      junior.indicators = ['followup_rate', 'ghost'];
      junior.weights = { record_completeness: 10, phantom: 5 };
      if (junior.promotion) junior.promotion.to = 'chief';
    });
    expect(tiers).toEqual([
      { path: 'tiers[0].indicators[1]', message: 'unknown indicator ghost' },
      { path: 'tiers[0].weights.record_completeness', message: "indicator record_completeness is not in tier junior's indicator list" },
      { path: 'tiers[0].weights.phantom', message: 'unknown indicator phantom' },
      { path: 'tiers[0].promotion.to', message: 'unknown tier chief' },
    ]);
  });

  it('checks the facts and paths conditions name', () => {
    const issues = issuesOf((doc) => {
      doc.zones = [{ id: 'z', zone: 'blue', when: { any: [{ fact: 'complaints', operator: 'equal', value: 1 }, { fact: 'indicator', path: '$.ghost.value', operator: 'lessThan', value: 1 }] } }];
      doc.hints = [{ id: 'h', text: { en: 'x' }, when: { all: [{ fact: 'composite', operator: 'lessThan', value: { fact: 'team', path: '$.avg.followup_rate' } }] } }];
    });
    expect(issues.map((issue) => issue.path)).toEqual(['zones[0].when.any[0].fact', 'zones[0].when.any[1].path', 'hints[0].when.all[0].value.path']);
    expect(issues[1].message).toBe('unknown indicator ghost in path $.ghost.value');
  });

  it('checks reminders like hints: known facts, unique ids, at least one recipient', () => {
    const issues = issuesOf((doc) => {
      doc.reminders = [
        { id: 'r', text: { en: 'x' }, when: { all: [{ fact: 'indicator', path: '$.ghost.value', operator: 'lessThan', value: 1 }] } },
        { id: 'r', text: { en: 'y' }, when: { all: [{ fact: 'composite', operator: 'lessThan', value: 60 }] }, to: ['manager'] },
      ];
    });
    expect(issues.map((issue) => issue.path)).toEqual(['reminders[1].id', 'reminders[0].when.all[0].path']);
    const noRecipient = issuesOf((doc) => {
      doc.reminders = [{ id: 'r', text: { en: 'x' }, when: { all: [{ fact: 'composite', operator: 'lessThan', value: 60 }] }, to: [] }];
    });
    expect(noRecipient.map((issue) => [issue.path, issue.message])).toEqual([['reminders[0].to', 'name at least one recipient: staff or manager']]);
  });

  it('checks awards like hints: known facts and paths of change, unique ids, a name', () => {
    const issues = issuesOf((doc) => {
      doc.awards = [
        { id: 'progress', name: { zh: '进步奖' }, when: { all: [{ fact: 'change', path: '$.composite', operator: 'greaterThanInclusive', value: 10 }] } },
        { id: 'progress', name: { en: 'Again' }, when: { all: [{ fact: 'change', path: '$.indicator.ghost.value', operator: 'greaterThan', value: 0 }] } },
        { id: 'steady', name: { en: 'Steady' }, when: { all: [{ fact: 'change', path: '$.dimension.nowhere', operator: 'lessThan', value: 1 }, { fact: 'change', path: '$.total', operator: 'lessThan', value: 1 }] } },
        { id: 'kept', name: { en: 'Kept' }, when: { all: [{ fact: 'previous', path: '$.band', operator: 'equal', value: 'A' }, { fact: 'change', path: '$.dimension.relationship', operator: 'greaterThan', value: 0 }] } },
      ];
    });
    expect(issues).toEqual([
      { path: 'awards[1].id', message: 'duplicate award id progress' },
      { path: 'awards[1].when.all[0].path', message: 'unknown indicator ghost in path $.indicator.ghost.value' },
      { path: 'awards[2].when.all[0].path', message: 'unknown dimension nowhere in path $.dimension.nowhere' },
      { path: 'awards[2].when.all[1].path', message: 'unknown part total of change: a path on change starts with one of composite, dimension, indicator' },
    ]);
    expect(issuesOf((doc) => (doc.awards = [{ id: 'x', when: { all: [{ fact: 'composite', operator: 'greaterThan', value: 1 }] } } as never])).map((issue) => issue.path)).toEqual(['awards[0].name']);
    // `change` came after SPEC §1.1: a document with an input of that name stays valid, and that input is its `change` fact.
    expect(issuesOf((doc) => Object.assign(doc.inputs ?? {}, { change: { type: 'number' } }))).toEqual([]);
    const withInput = issuesOf((doc) => {
      Object.assign(doc.inputs ?? {}, { change: { type: 'number' } });
      doc.hints = [{ id: 'h', text: { en: 'x' }, when: { all: [{ fact: 'change', operator: 'greaterThan', value: 1 }] } }];
    });
    expect(withInput).toEqual([]);
  });

  it('requires unique ids', () => {
    const issues = issuesOf((doc) => {
      doc.indicators[1].id = 'followup_rate';
      (doc.dimensions[1].children ?? [])[0].id = 'execution';
      doc.bands = [{ id: 'A', min: 90 }, { id: 'A', min: 80 }];
    });
    expect(issues).toContainEqual({ path: 'indicators[1].id', message: 'duplicate indicator id followup_rate' });
    expect(issues).toContainEqual({ path: 'dimensions[1].children[0].id', message: 'duplicate dimension id execution' });
    expect(issues).toContainEqual({ path: 'bands[1].id', message: 'duplicate band id A' });
  });

  it('orders thresholds by direction', () => {
    expect(issuesOf((doc) => Object.assign(doc.indicators[0].scoring, { target: 99 }))).toEqual([
      { path: 'indicators[0].scoring.excellent', message: 'must be greater than target (99) for direction higher' },
    ]);
    expect(issuesOf((doc) => Object.assign(doc.indicators[2].scoring, { target: 5 }))).toEqual([
      { path: 'indicators[2].scoring.target', message: 'must be less than baseline (4) for direction lower' },
    ]);
    expect(issuesOf((doc) => Object.assign(doc.indicators[2].scoring, { floor: 3 }))).toEqual([
      { path: 'indicators[2].scoring.baseline', message: 'must be less than floor (3) for direction lower' },
    ]);
    expect(issuesOf((doc) => Object.assign(doc.indicators[0].scoring, { points: { target: 50 } }))).toEqual([
      { path: 'indicators[0].scoring.points', message: 'point scores must rise: baseline < target < excellent' },
    ]);
  });

  it('orders bands, checks linear ranges and raw direction', () => {
    expect(issuesOf((doc) => (doc.indicators[0].scoring = { type: 'bands', bands: [{ min: 70, score: 80 }, { min: 90, score: 100 }] }))).toEqual([
      { path: 'indicators[0].scoring.bands[1].min', message: 'bands must be ordered by min, highest first (90 after 70)' },
    ]);
    expect(issuesOf((doc) => (doc.indicators[2].scoring = { type: 'bands', bands: [{ min: 1, score: 80 }] }))).toEqual([
      { path: 'indicators[2].scoring.bands[0].max', message: 'is required for direction lower' },
      { path: 'indicators[2].scoring.bands[0].min', message: 'is not used for direction lower; use max' },
    ]);
    expect(issuesOf((doc) => (doc.indicators[3].scoring = { type: 'linear', min: 10, max: 10 }))).toEqual([{ path: 'indicators[3].scoring.max', message: 'must be greater than min (10)' }]);
    expect(issuesOf((doc) => (doc.indicators[1].direction = 'lower'))).toEqual([{ path: 'indicators[1].direction', message: 'raw scoring uses the value as the score, so direction must be higher' }]);
    expect(issuesOf((doc) => (doc.bands = [{ id: 'B', min: 80 }, { id: 'A', min: 90 }]))).toEqual([{ path: 'bands[1].min', message: 'bands must be ordered by min, highest first (90 after 80)' }]);
  });

  it('checks formulas against inputs and indicators and finds cycles', () => {
    expect(issuesOf((doc) => (doc.indicators[0].formula = 'followups_done / planned'))).toEqual([
      { path: 'indicators[0].formula', message: 'indicator followup_rate: unknown name planned: declare it as an input or use an indicator id' },
    ]);
    const cycle = issuesOf((doc) => {
      doc.indicators[0].formula = 'record_completeness * 1';
      doc.indicators[1].formula = 'followup_rate + 1';
    });
    expect(cycle).toEqual([{ path: 'indicators[0].formula', message: 'indicator followup_rate depends on itself: followup_rate → record_completeness → followup_rate' }]);
    expect(issuesOf((doc) => (doc.indicators[0].formula = 'followup_rate + 1'))).toEqual([
      { path: 'indicators[0].formula', message: 'indicator followup_rate depends on itself: followup_rate → followup_rate' },
    ]);
    expect(issuesOf((doc) => (doc.adjustments = [{ id: 'x', formula: 'import({}, {})' }]))[0].path).toBe('adjustments[0].formula');
  });

  it('keeps input and indicator names apart from reserved names', () => {
    expect(issuesOf((doc) => (doc.inputs = { ...doc.inputs, mean: { type: 'number' } }))).toContainEqual({ path: 'inputs.mean', message: 'mean is a reserved formula name; choose another input name' });
    expect(issuesOf((doc) => (doc.inputs = { ...doc.inputs, composite: { type: 'number' } }))).toContainEqual({ path: 'inputs.composite', message: 'composite is a reserved condition fact; choose another input name' });
    expect(issuesOf((doc) => (doc.indicators[0].id = 'nps'))).toContainEqual({ path: 'indicators[0].id', message: 'nps is already an input name' });
    expect(issuesOf((doc) => (doc.indicators[0].id = 'composite'))).toContainEqual({ path: 'indicators[0].id', message: 'composite is a reserved condition fact; choose another indicator id' });
  });

  it('reports every problem at once', () => {
    const issues = issuesOf((doc) => {
      doc.dimensions[0].weight = 10;
      doc.indicators[0].formula = 'nope';
      doc.indicators[1].id = 'followup_rate';
    });
    expect(issues.length).toBeGreaterThanOrEqual(3);
  });
});

describe('parseAndValidateDocument', () => {
  it('reports YAML syntax errors with their line, never a stack trace', () => {
    const result = parseAndValidateDocument('kind: scheme\nkey: [unclosed\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].message).toMatch(/^syntax error at line \d+, column \d+/);
  });
  it('rejects duplicate keys and unknown kinds', () => {
    const dup = parseAndValidateDocument('kind: scheme\nkind: workflow\n');
    expect(dup.ok).toBe(false);
    const unknown = parseAndValidateDocument('kind: policy\nkey: x\n');
    expect(unknown).toEqual({ ok: false, issues: [{ path: 'kind', message: 'must be one of scheme, workflow, survey', code: 'document.kind', params: { kinds: 'scheme, workflow, survey' } }] });
    expect(parseAndValidateDocument('[1, 2]')).toEqual({ ok: false, issues: [{ path: '', message: 'a rule document must be an object', code: 'document.not_object', params: {} }] });
  });
  it('accepts JSON as well as YAML', () => {
    expect(parseAndValidateDocument(JSON.stringify(miniScheme())).ok).toBe(true);
  });
});
