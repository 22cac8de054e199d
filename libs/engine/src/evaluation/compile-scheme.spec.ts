import { describe, expect, it } from 'vitest';
import { miniScheme } from '../__fixtures__/mini-scheme';
import type { SchemeDocumentInput } from '../schema/scheme.schema';
import { DocumentInvalidError } from '../validation/issues';
import { compileScheme, EvaluationInputError } from './compile-scheme';
import type { Scorecard } from './scorecard.schema';
import type { StaffFacts } from './staff-facts';

const s1: StaffFacts = {
  staffId: 's1', team: 't1', tier: 'mid',
  inputs: { followups_planned: 30, followups_done: 28, records_complete: 90, alert_response_minutes: [60, 120], nps: 40, plan_updates: 3, complaints_major: 0 },
};
const s2: StaffFacts = {
  staffId: 's2', team: 't1', tier: 'junior',
  inputs: { followups_planned: 30, followups_done: 24, records_complete: 70, plan_updates: 0, complaints_major: 1 },
};
const s3: StaffFacts = {
  staffId: 's3', team: 't2', tier: 'junior',
  inputs: { followups_planned: 30, followups_done: 30, records_complete: 95, nps: 80, plan_updates: 5, complaints_major: 0 },
};

function evaluate(population: StaffFacts[], doc: SchemeDocumentInput = miniScheme(), period = '2026-Q1', history?: Scorecard[]) {
  const cards = compileScheme(doc).evaluate(population, { period, history });
  return new Map(cards.map((card) => [card.staffId, card]));
}

describe('compileScheme + evaluate: one full scorecard (SPEC §2 shape)', () => {
  const card = evaluate([s1, s2, s3]).get('s1') as Scorecard;

  it('scores every indicator with its value, weight, share and the inputs it read', () => {
    // 28/30 = 93.333 %; 80 + (93.333 − 90)/(98 − 90) × 20 = 88.333
    expect(card.indicators.followup_rate.value).toBeCloseTo(93.333333, 5);
    expect(card.indicators.followup_rate.score).toBeCloseTo(88.333333, 5);
    expect(card.indicators.followup_rate).toMatchObject({ weight: 60, status: 'ok', inputs: { followups_done: 28, followups_planned: 30 } });
    expect(card.indicators.followup_rate.share).toBeCloseTo(0.24, 10); // 0.6 × 0.4
    // mean(60, 120) / 60 = 1.5 h; 80 + (2 − 1.5)/(2 − 1) × 20 = 90
    expect(card.indicators.alert_response).toMatchObject({ value: 1.5, score: 90, status: 'ok', inputs: { alert_response_minutes: [60, 120] } });
    expect(card.indicators.nps_score).toMatchObject({ value: 40, score: 70 });
    const shares = Object.values(card.indicators).reduce((sum, result) => sum + (result.share ?? 0), 0);
    expect(shares).toBeCloseTo(1, 12);
  });

  it('weights nested dimensions and adds clamped adjustments', () => {
    // execution = (60 × 88.333 + 40 × 90)/100 = 89; influence = (50 × 90 + 50 × 70)/100 = 80
    expect(card.dimensions.execution).toEqual({ score: expect.closeTo(89, 9) as unknown as number, weight: 40 });
    expect(card.dimensions.responsiveness.score).toBe(90);
    expect(card.dimensions.relationship.score).toBe(70);
    expect(card.dimensions.influence.score).toBe(80);
    // adjustment: max(3 − 1, 0) × 2 = 4
    expect(card.adjustments).toEqual({ extra_plan_updates: 4 });
    // composite = (40 × 89 + 60 × 80)/100 + 4 = 87.6
    expect(card.composite).toBeCloseTo(87.6, 9);
    expect(card.band).toBe('B');
  });

  it('carries the header fields', () => {
    expect(card).toMatchObject({ staffId: 's1', team: 't1', period: '2026-Q1', scheme: { key: 'mini', version: 4 }, tier: 'mid', zone: null, zones: [], hints: [], promotion: null, errors: [] });
  });
});

describe('tiers, missing values, zones and hints', () => {
  const cards = evaluate([s1, s2, s3]);
  const junior = cards.get('s2') as Scorecard;

  it('excludes indicators outside the tier and applies tier weight overrides', () => {
    expect(junior.indicators.alert_response).toEqual({ status: 'excluded' });
    expect(junior.indicators.followup_rate).toMatchObject({ value: 80, score: 60, weight: 50 });
    // execution = (50 × 60 + 40 × 70)/90 = 64.444
    expect(junior.dimensions.execution.score).toBeCloseTo(64.444444, 5);
  });

  it('scores missing: zero as 0 and drops a dimension with nothing left', () => {
    expect(junior.indicators.nps_score).toMatchObject({ status: 'missing', score: 0, reason: 'nps is absent' });
    expect(junior.dimensions.responsiveness).toEqual({ score: null, weight: 50 });
    expect(junior.dimensions.influence.score).toBe(0);
    // composite = (40 × 64.444 + 60 × 0)/100 + 0 = 25.778
    expect(junior.composite).toBeCloseTo(25.777778, 5);
    expect(junior.band).toBe('D');
  });

  it('lists every zone hit and takes the most severe; conditions on excluded indicators are false', () => {
    expect(junior.zones).toEqual([{ id: 'major_complaint', zone: 'red', action: 'suspend_and_train' }]);
    expect(junior.zone).toBe('red');
  });

  it('compares with the team mean over staff whose indicator is present', () => {
    // team t1 mean follow-up rate = (93.333 + 80)/2 = 86.667; s2 is below, s1 is not
    expect(junior.hints).toEqual([{ id: 'followup_below_team', text: { zh: '随访完成率低于团队平均', en: 'Follow-up rate below the team mean' } }]);
    expect(cards.get('s1')?.hints).toEqual([]);
    expect(cards.get('s3')?.hints).toEqual([]);
  });

  it('reports promotion criteria, eligibility needs consecutive periods on the same tier', () => {
    const top = cards.get('s3') as Scorecard;
    // execution = (50 × 100 + 40 × 95)/90 = 97.778; influence = 90; (40 × 97.778 + 60 × 90)/100 = 93.111; + min(8, 6)
    expect(top.composite).toBeCloseTo(99.111111, 5);
    expect(top.band).toBe('A');
    expect(top.adjustments.extra_plan_updates).toBe(6);
    expect(top.promotion).toEqual({ to: 'mid', criteriaMet: true, eligible: false });
    expect(junior.promotion).toEqual({ to: 'mid', criteriaMet: false, eligible: false });

    const earlier = { ...top, period: '2025-Q4' };
    expect(evaluate([s3], miniScheme(), '2026-Q1', [earlier]).get('s3')?.promotion).toEqual({ to: 'mid', criteriaMet: true, eligible: true });
    const gap = { ...top, period: '2025-Q3' };
    expect(evaluate([s3], miniScheme(), '2026-Q1', [gap]).get('s3')?.promotion?.eligible).toBe(false);
    const otherTier = { ...top, period: '2025-Q4', tier: 'mid' };
    expect(evaluate([s3], miniScheme(), '2026-Q1', [otherTier]).get('s3')?.promotion?.eligible).toBe(false);
    const notMet = { ...top, period: '2025-Q4', promotion: { to: 'mid', criteriaMet: false, eligible: false } };
    expect(evaluate([s3], miniScheme(), '2026-Q1', [notMet]).get('s3')?.promotion?.eligible).toBe(false);
  });

  it('lets conditions read the previous scorecard, which is null in a first period', () => {
    const doc = miniScheme();
    doc.hints = [{ id: 'declined', when: { all: [{ fact: 'previous', path: '$.composite', operator: 'greaterThan', value: { fact: 'composite' } }] }, text: { en: 'Lower than last period' } }];
    expect(evaluate([s1], doc).get('s1')?.hints).toEqual([]);
    const previous = { ...(cards.get('s1') as Scorecard), period: '2025-Q4', composite: 95 };
    expect(evaluate([s1], doc, '2026-Q1', [previous]).get('s1')?.hints.map((h) => h.id)).toEqual(['declined']);
  });
});

describe('reminders (SPEC §6)', () => {
  const withReminders = () => {
    const doc = miniScheme();
    doc.reminders = [
      // Exactly at 90 % the rate is not below the line: the boundary belongs to "no reminder".
      { id: 'followup_low', name: { zh: '随访完成率', en: 'Follow-up rate' }, when: { all: [{ fact: 'indicator', path: '$.followup_rate.value', operator: 'lessThan', value: 90 }] }, text: { zh: '随访完成率低于 90%，请本周内补齐随访。', en: 'Follow-up rate below 90 %: catch up this week.' }, to: ['staff', 'manager'] },
      { id: 'slow_alerts', when: { all: [{ fact: 'indicator', path: '$.alert_response.value', operator: 'greaterThan', value: 1 }] }, text: { en: 'Answer risk alerts faster.' } },
    ];
    return doc;
  };

  it('lists the reminders that match, with their recipients (staff by default)', () => {
    const cards = evaluate([s1, s2], withReminders());
    // s2: 24/30 = 80 % < 90; s1: 28/30 = 93.3 %.
    expect(cards.get('s2')?.reminders).toEqual([{ id: 'followup_low', name: { zh: '随访完成率', en: 'Follow-up rate' }, text: { zh: '随访完成率低于 90%，请本周内补齐随访。', en: 'Follow-up rate below 90 %: catch up this week.' }, to: ['staff', 'manager'] }]);
    expect(cards.get('s1')?.reminders).toEqual([{ id: 'slow_alerts', text: { en: 'Answer risk alerts faster.' }, to: ['staff'] }]);
  });

  it('matches at the exact boundary only past it: 27/30 = 90 % is not below 90', () => {
    const at90 = evaluate([{ ...s2, inputs: { ...s2.inputs, followups_done: 27 } }], withReminders()).get('s2');
    expect(at90?.reminders).toEqual([]);
  });

  it('leaves scorecards of schemes without reminders exactly as they were', () => {
    expect(evaluate([s1]).get('s1')).not.toHaveProperty('reminders');
  });
});

describe('missing policies and failure reporting', () => {
  it('exclude renormalises the rest of the dimension', () => {
    const card = evaluate([{ ...s1, inputs: { ...s1.inputs, followups_done: undefined as unknown as number } }]).get('s1') as Scorecard;
    expect(card.indicators.followup_rate).toMatchObject({ status: 'missing', reason: 'followups_done is absent', inputs: { followups_done: null, followups_planned: 30 } });
    expect(card.indicators.followup_rate.share).toBeUndefined();
    expect(card.dimensions.execution.score).toBe(90); // only record completeness is left
    expect(card.indicators.record_completeness.share).toBeCloseTo(0.4, 12);
  });

  it('treats a failed formula or a non-finite result as missing, with the reason', () => {
    const cards = evaluate([
      { ...s1, staffId: 'empty', inputs: { ...s1.inputs, alert_response_minutes: [] } },
      { ...s1, staffId: 'zero', inputs: { ...s1.inputs, followups_planned: 0, followups_done: 0 } },
    ]);
    expect(cards.get('empty')?.indicators.alert_response.status).toBe('missing');
    expect(cards.get('empty')?.indicators.alert_response.reason).toMatch(/^the formula failed: .*empty/);
    expect(cards.get('zero')?.indicators.followup_rate).toMatchObject({ status: 'missing', reason: 'the formula produced NaN' });
  });

  it('missing: error leaves composite and band null and says why', () => {
    const doc = miniScheme();
    doc.indicators[0].missing = 'error';
    const card = evaluate([{ ...s1, inputs: { records_complete: 90 } }], doc).get('s1') as Scorecard;
    expect(card.composite).toBeNull();
    expect(card.band).toBeNull();
    expect(card.errors[0]).toEqual({
      path: 'indicators.followup_rate',
      message: 'indicator followup_rate is missing (followups_done is absent) and its missing policy is error',
      code: 'evaluation.indicator_missing',
      params: { id: 'followup_rate', reason: 'followups_done is absent' },
    });
  });

  it('reports a scorecard with nothing to score', () => {
    const doc = miniScheme();
    doc.indicators[3].missing = 'exclude';
    const card = evaluate([{ staffId: 'x', tier: 'mid', inputs: {} }], doc).get('x') as Scorecard;
    expect(card.composite).toBeNull();
    expect(card.errors).toContainEqual({ path: 'composite', message: 'no indicator could be scored', code: 'evaluation.nothing_scored', params: {} });
  });

  it('adds 0 for an adjustment that cannot be computed and reports it', () => {
    const card = evaluate([{ ...s1, inputs: { ...s1.inputs, plan_updates: null } }]).get('s1') as Scorecard;
    expect(card.adjustments.extra_plan_updates).toBe(0);
    expect(card.errors).toEqual([
      {
        path: 'adjustments.extra_plan_updates',
        message: 'adjustment extra_plan_updates added 0: plan_updates is absent',
        code: 'evaluation.adjustment_input_absent',
        params: { id: 'extra_plan_updates', name: 'plan_updates' },
      },
    ]);
    expect(card.composite).toBeCloseTo(83.6, 9);
  });

  it('clamps the composite to its range', () => {
    const doc = miniScheme();
    doc.adjustments = [{ id: 'bonus', formula: 'plan_updates * 10' }];
    expect(evaluate([s3], doc).get('s3')?.composite).toBe(100);
    doc.adjustments = [{ id: 'penalty', formula: '-plan_updates * 100' }];
    expect(evaluate([s3], doc).get('s3')?.composite).toBe(0);
  });

  it('requires a known tier when the scheme has tiers', () => {
    const card = evaluate([{ ...s1, tier: 'chief' }]).get('s1') as Scorecard;
    expect(card.errors).toContainEqual({ path: 'tier', message: 'unknown tier chief', code: 'reference.unknown', params: { kind: 'tier', id: 'chief' } });
    expect(card.composite).toBeNull();
  });

  it('takes only own tier weight overrides, also for an indicator named like an Object member', () => {
    const doc = miniScheme();
    doc.indicators[1].id = 'constructor';
    (doc.dimensions[0].indicators ?? [])[1].id = 'constructor';
    (doc.tiers ?? [])[0].indicators = ['followup_rate', 'constructor', 'nps_score'];
    const card = evaluate([s1], doc).get('s1') as Scorecard;
    expect(card.indicators['constructor']).toMatchObject({ value: 90, weight: 40, status: 'ok' });
    expect(card.dimensions.execution.score).toBeCloseTo(89, 9);
  });

  it('treats an input of the wrong type as absent', () => {
    const card = evaluate([{ ...s1, inputs: { ...s1.inputs, nps: [1, 2] } }]).get('s1') as Scorecard;
    expect(card.indicators.nps_score).toMatchObject({ status: 'missing', reason: 'nps is absent', score: 0 });
  });
});

describe('indicators built on indicators', () => {
  it('evaluates dependencies first and explains the chain', () => {
    const doc = miniScheme();
    doc.indicators.unshift({ id: 'followup_gap', formula: '100 - followup_rate', direction: 'lower', scoring: { type: 'linear', min: 0, max: 100 } });
    doc.dimensions[0].indicators = [{ id: 'followup_rate', weight: 50 }, { id: 'record_completeness', weight: 30 }, { id: 'followup_gap', weight: 20 }];
    doc.tiers = [];
    const card = evaluate([s1], doc).get('s1') as Scorecard;
    expect(card.indicators.followup_gap.value).toBeCloseTo(6.666667, 5);
    expect(card.indicators.followup_gap.inputs).toEqual({ followup_rate: expect.closeTo(93.333333, 5) as unknown as number });
    const missing = evaluate([{ ...s1, inputs: { records_complete: 1 } }], doc).get('s1') as Scorecard;
    expect(missing.indicators.followup_gap.reason).toBe('it depends on indicator followup_rate, which is missing');
  });
});

describe('compile-time checks', () => {
  it('refuses an invalid scheme with every issue', () => {
    const doc = miniScheme();
    doc.dimensions[0].weight = 30;
    doc.indicators[0].formula = 'followups_done / unknown_input';
    try {
      compileScheme(doc);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DocumentInvalidError);
      expect((error as DocumentInvalidError).issues.map((issue) => issue.path)).toEqual(['indicators[0].formula', 'dimensions']);
    }
  });

  it('refuses a period of the wrong kind', () => {
    const scheme = compileScheme(miniScheme());
    expect(() => scheme.evaluate([s1], { period: '2026-03' })).toThrow(EvaluationInputError);
    expect(() => scheme.evaluate([s1], { period: 'Q1' })).toThrow(/neither a month/);
  });

  it('evaluates without a period', () => {
    expect(compileScheme(miniScheme()).evaluate([s1])[0].period).toBeNull();
  });
});
