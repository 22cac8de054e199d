/**
 * The rule templates of SPEC §5: every document validates, every facts file validates against its
 * scheme, and each scheme scores sample staff exactly as SPEC §1.2 says. The expected numbers are
 * computed by hand from the facts in `facts/*.json` and the scheme text; the arithmetic is written
 * next to each expectation. Thresholds pass through (floor, 0), (baseline, 60), (target, 80),
 * (excellent, 100) unless a scheme sets other points.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileCondition,
  compileScheme,
  parseAndValidateDocument,
  validateFacts,
  type EvaluateOptions,
  type SchemeDocument,
  type Scorecard,
  type StaffFacts,
  type TopLevelCondition,
  type WorkflowDocument,
} from '@carescore/engine';

const SCHEMES = ['satisfaction-first', 'hm-3d9i', 'career-tiers', 'hospital-online-service'] as const;
const WORKFLOWS = ['negative-feedback', 'suspend_and_train', 'assign_mentor', 'process_improvement', 'score-appeal'] as const;
const SURVEYS = ['client-survey'] as const;
/** The zone actions of SPEC §1.3: each opens cases on the workflow of the same key. */
const ZONE_WORKFLOWS = ['suspend_and_train', 'assign_mentor', 'process_improvement'] as const;
type SchemeKey = (typeof SCHEMES)[number];

/** toBeCloseTo precision: |expected − actual| < 5e-7. */
const DIGITS = 6;

const readTemplate = (file: string): string => readFileSync(join(__dirname, file), 'utf8');

function loadScheme(key: SchemeKey): SchemeDocument {
  const result = parseAndValidateDocument(readTemplate(`${key}.yaml`));
  if (!result.ok || result.value.kind !== 'scheme') throw new Error(`${key}.yaml is not a valid scheme: ${JSON.stringify(result.issues)}`);
  return result.value;
}

function loadWorkflow(key: string): WorkflowDocument {
  const result = parseAndValidateDocument(readTemplate(`${key}.yaml`));
  if (!result.ok || result.value.kind !== 'workflow') throw new Error(`${key}.yaml is not a valid workflow: ${JSON.stringify(result.issues)}`);
  return result.value;
}

const loadFacts = (key: SchemeKey): unknown => JSON.parse(readTemplate(`facts/${key}.json`));

/** Evaluates a template over its sample facts; scorecards by staff id. */
function evaluate(key: SchemeKey, options: EvaluateOptions = {}): Record<string, Scorecard> {
  const cards = compileScheme(loadScheme(key)).evaluate(loadFacts(key) as StaffFacts[], options);
  return Object.fromEntries(cards.map((card) => [card.staffId, card]));
}

/** Asserts an indicator's status, value and score (value omitted for a missing indicator). */
function expectIndicator(card: Scorecard, id: string, expected: { value?: number; score?: number; status?: 'ok' | 'missing' | 'excluded' }): void {
  const result = card.indicators[id];
  expect(result, `indicator ${id} of ${card.staffId}`).toBeDefined();
  expect(result.status, `status of ${id}`).toBe(expected.status ?? 'ok');
  if (expected.value === undefined) expect(result.value, `value of ${id}`).toBeUndefined();
  else expect(result.value, `value of ${id}`).toBeCloseTo(expected.value, DIGITS);
  if (expected.score === undefined) expect(result.score, `score of ${id}`).toBeUndefined();
  else expect(result.score, `score of ${id}`).toBeCloseTo(expected.score, DIGITS);
}

function expectDimension(card: Scorecard, id: string, score: number | null): void {
  const result = card.dimensions[id];
  expect(result, `dimension ${id} of ${card.staffId}`).toBeDefined();
  if (score === null) expect(result.score, `score of dimension ${id}`).toBeNull();
  else expect(result.score, `score of dimension ${id}`).toBeCloseTo(score, DIGITS);
}

const hintIds = (card: Scorecard): string[] => card.hints.map((hint) => hint.id);

// ---------------------------------------------------------------------------------------------
describe('rule templates: documents and facts', () => {
  it.each([...SCHEMES, ...WORKFLOWS, ...SURVEYS])('%s.yaml parses and validates with no issues', (key) => {
    const text = readTemplate(`${key}.yaml`);
    const kind = (WORKFLOWS as readonly string[]).includes(key) ? 'workflow' : (SURVEYS as readonly string[]).includes(key) ? 'survey' : 'scheme';
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=./schema/${kind}.schema.json`);
    const result = parseAndValidateDocument(text);
    expect(result.issues).toEqual([]);
    if (!result.ok) throw new Error(`${key}.yaml is invalid`);
    expect(result.value.kind).toBe(kind);
    expect(result.value.key).toBe(key);
  });

  it.each(SCHEMES)('facts/%s.json validates against its scheme (6–12 staff, 2–3 teams)', (key) => {
    const scheme = loadScheme(key);
    const result = validateFacts(scheme, loadFacts(key));
    expect(result.issues).toEqual([]);
    if (!result.ok) throw new Error(`facts/${key}.json is invalid`);
    const staff = result.value;
    expect(staff.length).toBeGreaterThanOrEqual(6);
    expect(staff.length).toBeLessThanOrEqual(12);
    const teams = new Set(staff.map((member) => member.team));
    expect(teams.size).toBeGreaterThanOrEqual(2);
    expect(teams.size).toBeLessThanOrEqual(3);
  });

  it.each(SCHEMES)('%s: every sample staff member is scored, at least one has a missing indicator and one lands in a zone', (key) => {
    const cards = Object.values(evaluate(key));
    for (const card of cards) expect(card.composite, `composite of ${card.staffId}`).not.toBeNull();
    expect(cards.some((card) => Object.values(card.indicators).some((result) => result.status === 'missing'))).toBe(true);
    expect(cards.some((card) => card.zone !== null)).toBe(true);
  });

  it.each(SCHEMES)('%s: everything a reader sees is named in Chinese and English', (key) => {
    const doc = loadScheme(key);
    const named: Array<[string, { zh?: string; en?: string } | undefined]> = [['document', doc.name]];
    for (const [id, input] of Object.entries(doc.inputs)) named.push([`input ${id}`, input.name]);
    for (const indicator of doc.indicators) named.push([`indicator ${indicator.id}`, indicator.name]);
    const walk = (dimensions: SchemeDocument['dimensions']): void =>
      dimensions.forEach((dimension) => {
        named.push([`dimension ${dimension.id}`, dimension.name]);
        walk(dimension.children ?? []);
      });
    walk(doc.dimensions);
    for (const adjustment of doc.adjustments) named.push([`adjustment ${adjustment.id}`, adjustment.name]);
    for (const band of doc.bands) named.push([`band ${band.id}`, band.name]);
    for (const tier of doc.tiers) named.push([`tier ${tier.id}`, tier.name]);
    for (const zone of doc.zones) named.push([`zone ${zone.id}`, zone.name]);
    for (const hint of doc.hints) named.push([`hint ${hint.id} text`, hint.text]);
    for (const [what, name] of named) {
      expect(name?.zh, `${what} needs a zh name`).toBeTruthy();
      expect(name?.en, `${what} needs an en name`).toBeTruthy();
    }
  });

  it.each(WORKFLOWS)('%s: every stage and field is named in Chinese and English', (key) => {
    const doc = loadWorkflow(key);
    expect(doc.name?.zh && doc.name?.en).toBeTruthy();
    for (const stage of doc.stages) {
      expect(stage.name?.zh && stage.name?.en, `stage ${stage.id}`).toBeTruthy();
      for (const field of stage.fields) expect(field.name?.zh && field.name?.en, `field ${stage.id}.${field.id}`).toBeTruthy();
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('satisfaction-first (45 / 30 / 15 / 10)', () => {
  const doc = loadScheme('satisfaction-first');
  const cards = evaluate('satisfaction-first', { period: '2026-Q1' });

  it('has the article weights and the Likert mapping as a bands indicator', () => {
    expect(doc.dimensions.map((d) => [d.id, d.weight])).toEqual([
      ['satisfaction', 45],
      ['professional', 30],
      ['relationship', 15],
      ['teamwork', 10],
    ]);
    expect(doc.dimensions[0].indicators?.map((ref) => ref.id)).toEqual(['return_visit', 'nps', 'attitude', 'timeliness', 'advice_acceptance']);
    expect(doc.dimensions[2].indicators?.map((ref) => ref.id)).toEqual(['renewal_rate', 'referral_count', 'value_added_adoption']);
    const returnVisit = doc.indicators.find((indicator) => indicator.id === 'return_visit');
    // very satisfied 90–100, satisfied 70–89, average 60–69, dissatisfied 0–59
    expect(returnVisit?.scoring).toEqual({
      type: 'bands',
      bands: [
        { min: 4.5, score: 95 },
        { min: 3.5, score: 80 },
        { min: 2.5, score: 65 },
        { min: 0, score: 30 },
      ],
    });
  });

  it('sf-01: a strong quarter, band A', () => {
    const c = cards['sf-01'];
    // satisfaction (45)
    expectIndicator(c, 'return_visit', { value: 4.6666667, score: 95 }); // (5+5+4+5+4+5)/6 = 28/6 = 4.6667 ≥ 4.5 → very satisfied = 95
    expectIndicator(c, 'nps', { value: 52, score: 76 }); // (15−2)/25×100 = 52; linear −100…100: (52+100)/200×100 = 76
    expectIndicator(c, 'attitude', { value: 4.6, score: 93.3333333 }); // 23/5 = 4.6; 80 + (4.6−4.2)/(4.8−4.2)×20 = 93.333
    expectIndicator(c, 'timeliness', { value: 91.6666667, score: 93.3333333 }); // 11/12 = 91.667 %; 80 + (91.667−85)/(95−85)×20 = 93.333
    expectIndicator(c, 'advice_acceptance', { value: 75, score: 93.3333333 }); // 30/40 = 75 %; 80 + (75−65)/(80−65)×20 = 93.333
    // (30×95 + 20×76 + 20×93.333 + 15×93.333 + 15×93.333)/100 = (2850 + 1520 + 1866.667 + 1400 + 1400)/100
    expectDimension(c, 'satisfaction', 90.3666667);
    // professional (30)
    expectIndicator(c, 'assessment_accuracy', { value: 92, score: 92 }); // raw
    expectIndicator(c, 'plan_quality', { value: 85, score: 90 }); // 80 + (85−80)/(90−80)×20 = 90
    expectIndicator(c, 'followup_completion', { value: 95, score: 92.5 }); // 57/60 = 95 %; 80 + (95−90)/(98−90)×20 = 92.5
    expectIndicator(c, 'monitoring_completeness', { value: 90, score: 90 }); // 108/120 = 90 %; 80 + (90−85)/(95−85)×20 = 90
    expectDimension(c, 'professional', 91.25); // (25×92 + 25×90 + 30×92.5 + 20×90)/100 = 9125/100
    // relationship (15)
    expectIndicator(c, 'renewal_rate', { value: 80, score: 93.3333333 }); // 16/20 = 80 %; 80 + (80−70)/(85−70)×20 = 93.333
    expectIndicator(c, 'referral_count', { value: 4, score: 85 }); // 4 ≥ 3 → 85
    expectIndicator(c, 'value_added_adoption', { value: 24, score: 88 }); // 12/50 = 24 %; 80 + (24−20)/(30−20)×20 = 88
    expectDimension(c, 'relationship', 89.9166667); // (50×93.333 + 25×85 + 25×88)/100 = (4666.667 + 2125 + 2200)/100
    // teamwork (10)
    expectIndicator(c, 'knowledge_update', { value: 18, score: 85 }); // 80 + (18−16)/(24−16)×20 = 85
    expectIndicator(c, 'case_sharing', { value: 2, score: 80 }); // 2 ≥ 2 → 80
    expectIndicator(c, 'collaboration', { value: 88, score: 88 }); // raw
    expectDimension(c, 'teamwork', 84.4); // (40×85 + 30×80 + 30×88)/100 = 8440/100
    // (45×90.3667 + 30×91.25 + 15×89.9167 + 10×84.4)/100 = (4066.5 + 2737.5 + 1348.75 + 844)/100 = 89.9675
    expect(c.adjustments.valid_complaints).toBeCloseTo(0, DIGITS); // −3 × 0
    expect(c.adjustments.commendation_bonus).toBeCloseTo(2, DIGITS); // 2 commendations, max 3
    expect(c.composite).toBeCloseTo(91.9675, DIGITS); // 89.9675 + 0 + 2
    expect(c.band).toBe('A'); // ≥ 90
    expect(c.zone).toBeNull();
    expect(c.zones).toEqual([]);
    expect(hintIds(c)).toEqual([]); // 4 referrals ≥ clinic-a mean (4+1+2+3)/4 = 2.5
    expect(c.promotion).toBeNull();
    expect(c.errors).toEqual([]);
  });

  it('sf-02: dissatisfied clients, missing inputs, yellow zone', () => {
    const c = cards['sf-02'];
    expectIndicator(c, 'return_visit', { value: 2.2, score: 30 }); // 11/5 = 2.2 < 2.5 → dissatisfied = 30
    expectIndicator(c, 'nps', { value: -30, score: 35 }); // (3−9)/20×100 = −30; (−30+100)/200×100 = 35
    expectIndicator(c, 'attitude', { value: 3, score: 40 }); // 15/5 = 3; floor 2 → baseline 3.5: (3−2)/(3.5−2)×60 = 40
    expectIndicator(c, 'timeliness', { value: 60, score: 0 }); // 6/10 = 60 % < baseline 70, no floor → 0
    expectIndicator(c, 'advice_acceptance', { value: 40, score: 30 }); // 12/30 = 40 %; (40−30)/(50−30)×60 = 30
    expectDimension(c, 'satisfaction', 28.5); // (30×30 + 20×35 + 20×40 + 15×0 + 15×30)/100 = 2850/100
    expectIndicator(c, 'assessment_accuracy', { value: 78, score: 78 });
    expectIndicator(c, 'plan_quality', { value: 72, score: 64 }); // 60 + (72−70)/(80−70)×20 = 64
    expectIndicator(c, 'followup_completion', { value: 84, score: 68 }); // 42/50 = 84 %; 60 + (84−80)/(90−80)×20 = 68
    expectIndicator(c, 'monitoring_completeness', { status: 'missing' }); // monitoring_received absent; missing: exclude
    expect(c.indicators.monitoring_completeness.reason).toMatch(/monitoring_received/);
    expectDimension(c, 'professional', 69.875); // renormalised: (25×78 + 25×64 + 30×68)/(25+25+30) = 5590/80
    expectIndicator(c, 'renewal_rate', { status: 'missing' }); // 0/0 contracts due is not a finite number; exclude
    expectIndicator(c, 'referral_count', { value: 1, score: 60 }); // 1 ≥ 1 → 60
    expectIndicator(c, 'value_added_adoption', { value: 6.6666667, score: 0 }); // 3/45 = 6.667 % < 10, no floor → 0
    expectDimension(c, 'relationship', 30); // (25×60 + 25×0)/(25+25)
    expectIndicator(c, 'knowledge_update', { status: 'missing', score: 0 }); // training_hours absent; missing: zero → 0, still counts
    expectIndicator(c, 'case_sharing', { value: 0, score: 0 }); // 0 is below every band → 0
    expectIndicator(c, 'collaboration', { value: 70, score: 70 });
    expectDimension(c, 'teamwork', 21); // (40×0 + 30×0 + 30×70)/100
    // (45×28.5 + 30×69.875 + 15×30 + 10×21)/100 = (1282.5 + 2096.25 + 450 + 210)/100 = 40.3875
    expect(c.adjustments.valid_complaints).toBeCloseTo(-6, DIGITS); // −3 × 2, within min −9
    expect(c.adjustments.commendation_bonus).toBeCloseTo(0, DIGITS);
    expect(c.composite).toBeCloseTo(34.3875, DIGITS); // 40.3875 − 6
    expect(c.band).toBe('D');
    // satisfaction 28.5 < 60 → yellow; timeliness 60 % < 70 → blue; the scorecard's zone is the most severe
    expect(c.zones).toEqual([
      { id: 'satisfaction_below_pass', zone: 'yellow', action: 'assign_mentor' },
      { id: 'slow_issue_resolution', zone: 'blue', action: 'process_improvement' },
    ]);
    expect(c.zone).toBe('yellow');
    // 1 referral < clinic-a mean (4+1+2+3)/4 = 2.5; mean Likert 2.2 < 2.5
    expect(hintIds(c)).toEqual(['referrals_below_team', 'dissatisfied_return_visits']);
    expect(c.errors).toEqual([]);
  });

  it('sf-03: a Likert mean of exactly 3.5 is satisfied; a major complaint is red; the deduction stops at −9', () => {
    const c = cards['sf-03'];
    expectIndicator(c, 'return_visit', { value: 3.5, score: 80 }); // 21/6 = 3.5 ≥ 3.5 → satisfied = 80
    // satisfaction = (30×80 + 20×54.545 + 20×68.571 + 15×70.370 + 15×73.333)/100 = 70.18 ≥ 60: not yellow
    //   nps (8−6)/22×100 = 9.091 → 54.545; attitude 3.8 → 60 + 0.3/0.7×20 = 68.571;
    //   timeliness 7/9 = 77.778 % → 60 + 7.778/15×20 = 70.370; advice 21/35 = 60 % → 60 + 10/15×20 = 73.333
    expectDimension(c, 'satisfaction', 70.1789322);
    expect(c.adjustments.valid_complaints).toBeCloseTo(-9, DIGITS); // −3 × 4 = −12, clamped to min −9
    expect(c.zones).toEqual([{ id: 'major_complaint', zone: 'red', action: 'suspend_and_train' }]);
    expect(c.zone).toBe('red');
    expect(hintIds(c)).toEqual(['referrals_below_team']); // 2 < 2.5
  });
});

// ---------------------------------------------------------------------------------------------
describe('hm-3d9i (three dimensions, nine indicators: 40 / 35 / 25)', () => {
  const doc = loadScheme('hm-3d9i');
  const cards = evaluate('hm-3d9i', { period: '2026-03' });

  it('has three dimensions of three indicators each, with baseline/target/excellent lines', () => {
    expect(doc.dimensions.map((d) => [d.id, d.weight, d.indicators?.length])).toEqual([
      ['execution', 40, 3],
      ['influence', 35, 3],
      ['relationship', 25, 3],
    ]);
    expect(doc.indicators).toHaveLength(9);
    for (const indicator of doc.indicators) {
      if (indicator.id === 'nps') expect(indicator.scoring).toEqual({ type: 'linear', min: -100, max: 100 });
      else expect(indicator.scoring.type, indicator.id).toBe('thresholds');
    }
    const alert = doc.indicators.find((indicator) => indicator.id === 'alert_response');
    expect(alert?.direction).toBe('lower');
    expect(alert?.scoring).toMatchObject({ target: 2 }); // ≤ 2 h
  });

  it('hm-01: SPEC example, 28 of 30 follow-ups scores 88.33 on 80/90/98; band A', () => {
    const c = cards['hm-01'];
    // 28/30 = 93.333 %; 80 + (93.333−90)/(98−90)×20 = 88.333
    expectIndicator(c, 'followup_rate', { value: 93.3333333, score: 88.3333333 });
    expect(c.indicators.followup_rate.inputs).toEqual({ followups_done: 28, followups_planned: 30 });
    expectIndicator(c, 'plan_update_frequency', { value: 1.15, score: 100 }); // 46/40 = 1.15 ≥ excellent 1 → 100
    expectIndicator(c, 'record_completeness', { value: 95, score: 90 }); // 80 + (95−92)/(98−92)×20 = 90
    expectDimension(c, 'execution', 91.8333333); // (40×88.333 + 25×100 + 35×90)/100 = (3533.333 + 2500 + 3150)/100
    expectIndicator(c, 'education_sessions_held', { value: 3, score: 90 }); // 80 + (3−2)/(4−2)×20 = 90
    // mean(45, 90, 120)/60 = 85/60 = 1.41667 h; lower: 80 + (2−1.41667)/(2−1)×20 = 91.667
    expectIndicator(c, 'alert_response', { value: 1.4166667, score: 91.6666667 });
    expectIndicator(c, 'cross_discipline', { value: 2, score: 80 }); // = target
    expectDimension(c, 'influence', 87.6666667); // (30×90 + 40×91.667 + 30×80)/100 = (2700 + 3666.667 + 2400)/100
    expectIndicator(c, 'proactive_contact', { value: 1.5, score: 90 }); // 60/40 = 1.5; 80 + (1.5−1)/(2−1)×20 = 90
    expectIndicator(c, 'feedback_adoption', { value: 80, score: 90 }); // 8/10 = 80 %; 80 + (80−70)/(90−70)×20 = 90
    expectIndicator(c, 'nps', { value: 50, score: 75 }); // (12−2)/20×100 = 50; (50+100)/200×100 = 75
    expectDimension(c, 'relationship', 84); // (30×90 + 30×90 + 40×75)/100
    expect(c.adjustments.extra_plan_updates).toBeCloseTo(3, DIGITS); // max(46−40, 0)×0.5 = 3 ≤ 6
    // (40×91.8333 + 35×87.6667 + 25×84)/100 = (3673.333 + 3068.333 + 2100)/100 = 88.41667; + 3
    expect(c.composite).toBeCloseTo(91.4166667, DIGITS);
    expect(c.band).toBe('A');
    expect(c.zone).toBeNull();
    expect(c.zones).toEqual([]);
    // follow-up 93.333 ≥ east mean (93.333 + 75 + 100 + 90)/4 = 89.583; NPS 50 ≥ east mean (50 + 0 + 70 + 33.333)/4 = 38.333
    expect(hintIds(c)).toEqual([]);
    expect(c.errors).toEqual([]);
  });

  it('hm-02: major complaint, slow alerts and a follow-up gap; every zone listed, red wins', () => {
    const c = cards['hm-02'];
    expectIndicator(c, 'followup_rate', { value: 75, score: 0 }); // 24/32 = 75 % < baseline 80, no floor → 0
    expectIndicator(c, 'plan_update_frequency', { value: 0.25, score: 0 }); // 9/36 = 0.25 < 0.3, no floor → 0
    expectIndicator(c, 'record_completeness', { value: 82, score: 52.8 }); // floor 60 → baseline 85: (82−60)/(85−60)×60 = 52.8
    expectDimension(c, 'execution', 18.48); // (40×0 + 25×0 + 35×52.8)/100
    expectIndicator(c, 'education_sessions_held', { status: 'missing', score: 0 }); // education_sessions absent; missing: zero
    // mean(180, 300, 360)/60 = 280/60 = 4.6667 h; lower, between floor 8 and baseline 4: (8−4.6667)/(8−4)×60 = 50
    expectIndicator(c, 'alert_response', { value: 4.6666667, score: 50 });
    expectIndicator(c, 'cross_discipline', { value: 1, score: 60 }); // = baseline
    expectDimension(c, 'influence', 38); // (30×0 + 40×50 + 30×60)/100
    expectIndicator(c, 'proactive_contact', { value: 0.5555556, score: 62.2222222 }); // 20/36 = 0.5556; 60 + (0.5556−0.5)/(1−0.5)×20 = 62.222
    expectIndicator(c, 'feedback_adoption', { value: 50, score: 60 }); // 3/6 = 50 % = baseline
    expectIndicator(c, 'nps', { value: 0, score: 50 }); // (5−5)/15×100 = 0 → 50
    expectDimension(c, 'relationship', 56.6666667); // (30×62.222 + 30×60 + 40×50)/100 = (1866.667 + 1800 + 2000)/100
    expect(c.adjustments.extra_plan_updates).toBeCloseTo(0, DIGITS); // max(9−36, 0)×0.5
    // (40×18.48 + 35×38 + 25×56.6667)/100 = (739.2 + 1330 + 1416.667)/100 = 34.8587
    expect(c.composite).toBeCloseTo(34.8586667, DIGITS);
    expect(c.band).toBe('D');
    // complaints_major 1 → red; 4.667 h > 4 → yellow; 75 < 80 and 75 < east mean 89.583 → blue
    expect(c.zones).toEqual([
      { id: 'major_complaint', zone: 'red', action: 'suspend_and_train' },
      { id: 'slow_alert_response', zone: 'yellow', action: 'assign_mentor' },
      { id: 'followup_gap', zone: 'blue', action: 'process_improvement' },
    ]);
    expect(c.zone).toBe('red');
    expect(hintIds(c)).toEqual(['followup_below_team', 'nps_below_team']); // 75 < 89.583; 0 < 38.333
  });

  it('hm-03: no alerts and no feedback this month; those indicators drop out and weights renormalise', () => {
    const c = cards['hm-03'];
    expectIndicator(c, 'followup_rate', { value: 100, score: 100 }); // 25/25
    expectIndicator(c, 'plan_update_frequency', { value: 0.8, score: 90 }); // 24/30 = 0.8; 80 + (0.8−0.6)/(1−0.6)×20 = 90
    expectIndicator(c, 'record_completeness', { value: 99, score: 100 });
    expectDimension(c, 'execution', 97.5); // (40×100 + 25×90 + 35×100)/100
    expectIndicator(c, 'alert_response', { status: 'missing' }); // mean of an empty list fails → missing, exclude
    expectDimension(c, 'influence', 100); // (30×100 + 30×100)/(30+30)
    expectIndicator(c, 'proactive_contact', { value: 2.5, score: 100 }); // 75/30 = 2.5 ≥ 2
    expectIndicator(c, 'feedback_adoption', { status: 'missing' }); // 0/0 → missing, exclude
    expectIndicator(c, 'nps', { value: 70, score: 85 }); // (8−1)/10×100 = 70; (70+100)/200×100 = 85
    expectDimension(c, 'relationship', 91.4285714); // (30×100 + 40×85)/(30+40) = 6400/70
    // (40×97.5 + 35×100 + 25×91.4286)/100 = (3900 + 3500 + 2285.714)/100
    expect(c.composite).toBeCloseTo(96.8571429, DIGITS);
    expect(c.band).toBe('A');
    expect(c.zones).toEqual([]); // the alert condition reads an absent value: false
    expect(hintIds(c)).toEqual([]); // 100 ≥ 89.583; 70 ≥ 38.333
  });

  it('hm-05: the plan-update bonus stops at 6 and the composite at 100', () => {
    const c = cards['hm-05'];
    expect(c.adjustments.extra_plan_updates).toBeCloseTo(6, DIGITS); // max(36−20, 0)×0.5 = 8 → max 6
    // every score 100 except nps: (9−0)/10×100 = 90 → 95; relationship (30×100 + 30×100 + 40×95)/100 = 98
    expectDimension(c, 'relationship', 98);
    // (40×100 + 35×100 + 25×98)/100 = 99.5; + 6 = 105.5 → clamped to composite.max 100
    expect(c.composite).toBeCloseTo(100, DIGITS);
    expect(c.band).toBe('A');
  });
});

// ---------------------------------------------------------------------------------------------
describe('career-tiers (junior / mid / senior, promotion over two quarters)', () => {
  const doc = loadScheme('career-tiers');
  const period = '2026-Q2';
  const cards = evaluate('career-tiers', { period });

  /** A stored scorecard of the quarter before, as the platform would keep it. */
  const earlier = (staffId: string, over: Partial<Scorecard>): Scorecard => ({
    staffId,
    team: 'team-a',
    period: '2026-Q1',
    scheme: { key: 'career-tiers', version: 1 },
    tier: 'junior',
    indicators: {},
    dimensions: {},
    adjustments: {},
    composite: 92,
    band: 'A',
    zone: null,
    zones: [],
    hints: [],
    promotion: { to: 'mid', criteriaMet: true, eligible: false },
    errors: [],
    ...over,
  });

  it('layers the indicators by tier', () => {
    const tiers = Object.fromEntries(doc.tiers.map((tier) => [tier.id, tier]));
    expect(tiers.junior.indicators).toEqual(['record_completeness', 'followup_rate', 'satisfaction']);
    expect(tiers.mid.indicators).toEqual([
      'record_completeness',
      'followup_rate',
      'satisfaction',
      'intervention_effectiveness',
      'behaviour_change_rate',
      'collaboration',
    ]);
    expect(tiers.senior.indicators).toBeUndefined(); // all nine
    expect(tiers.junior.promotion).toMatchObject({ to: 'mid', consecutivePeriods: 2 });
    expect(tiers.mid.promotion).toMatchObject({ to: 'senior', consecutivePeriods: 2 });
  });

  it('ct-01 (junior): weight overrides, the organisation dimension drops out; criteria met but not yet eligible', () => {
    const c = cards['ct-01'];
    expectIndicator(c, 'record_completeness', { value: 90, score: 80 }); // 72/80 = 90 % = target
    expectIndicator(c, 'followup_rate', { value: 95, score: 92.5 }); // 38/40 = 95 %; 80 + (95−90)/(98−90)×20 = 92.5
    expectIndicator(c, 'satisfaction', { value: 95, score: 95 }); // (5+5+4+5+5+4+5+5)/8 = 4.75; ×20 = 95; raw
    expect(c.indicators.followup_rate.weight).toBe(50); // junior override (document weight 30)
    expect(c.indicators.record_completeness.weight).toBe(50); // junior override (document weight 20)
    for (const id of ['intervention_effectiveness', 'behaviour_change_rate', 'collaboration', 'long_term_retention', 'risk_reduction', 'mentoring']) {
      expectIndicator(c, id, { status: 'excluded' });
    }
    expectDimension(c, 'client', 95); // satisfaction only
    expectDimension(c, 'professional', 86.25); // (50×80 + 50×92.5)/(50+50); with document weights it would be (20×80 + 30×92.5)/50 = 87.5
    expectDimension(c, 'organisation', null); // nothing left for a junior
    expect(c.composite).toBeCloseTo(90.625, DIGITS); // (40×95 + 40×86.25)/(40+40) = 7250/80
    expect(c.band).toBe('A');
    expect(c.zones).toEqual([]);
    expect(hintIds(c)).toEqual([]); // no previous quarter to compare with
    // composite 90.625 ≥ 85 and satisfaction score 95 ≥ 80, but only one quarter on record
    expect(c.promotion).toEqual({ to: 'mid', criteriaMet: true, eligible: false });
  });

  it('ct-01 (junior): eligible when the quarter before met the criteria on the same tier', () => {
    const c = evaluate('career-tiers', { period, history: [earlier('ct-01', {})] })['ct-01'];
    expect(c.promotion).toEqual({ to: 'mid', criteriaMet: true, eligible: true });
    expect(hintIds(c)).toEqual(['composite_dropped']); // 90.625 < previous 92
  });

  it.each([
    ['criteria not met the quarter before', earlier('ct-01', { promotion: { to: 'mid', criteriaMet: false, eligible: false }, composite: 80 })],
    ['the quarter before on another tier', earlier('ct-01', { tier: 'mid', promotion: { to: 'senior', criteriaMet: true, eligible: false } })],
    ['a gap: only 2025-Q4 on record', earlier('ct-01', { period: '2025-Q4' })],
  ])('ct-01 (junior): not eligible with %s', (_what, previous) => {
    const c = evaluate('career-tiers', { period, history: [previous] })['ct-01'];
    expect(c.promotion).toEqual({ to: 'mid', criteriaMet: true, eligible: false });
  });

  it('ct-02 (junior): low satisfaction (yellow) and incomplete records (blue)', () => {
    const c = cards['ct-02'];
    expectIndicator(c, 'record_completeness', { value: 75, score: 0 }); // 45/60 = 75 % < 80, no floor
    expectIndicator(c, 'followup_rate', { value: 83.3333333, score: 66.6666667 }); // 30/36 = 83.333 %; 60 + (83.333−80)/(90−80)×20
    expectIndicator(c, 'satisfaction', { value: 55, score: 55 }); // (3+3+2+3)/4 = 2.75; ×20 = 55
    expectDimension(c, 'professional', 33.3333333); // (50×0 + 50×66.667)/100
    expect(c.composite).toBeCloseTo(44.1666667, DIGITS); // (40×55 + 40×33.333)/80
    expect(c.band).toBe('D');
    expect(c.zones).toEqual([
      { id: 'low_satisfaction', zone: 'yellow', action: 'assign_mentor' }, // 55 < 60
      { id: 'record_process_gap', zone: 'blue', action: 'process_improvement' }, // 75 < 80
    ]);
    expect(c.zone).toBe('yellow');
    expect(c.promotion).toEqual({ to: 'mid', criteriaMet: false, eligible: false });
  });

  it('ct-04 (mid): six indicators with mid weight overrides; promotion criteria to senior met', () => {
    const c = cards['ct-04'];
    expectIndicator(c, 'record_completeness', { value: 94, score: 90 }); // 94/100; 80 + (94−90)/(98−90)×20
    expectIndicator(c, 'followup_rate', { value: 94, score: 90 }); // 47/50 = 94 %
    expectIndicator(c, 'satisfaction', { value: 92, score: 92 }); // 23/5 = 4.6; ×20
    expectIndicator(c, 'intervention_effectiveness', { value: 65, score: 93.3333333 }); // 26/40 = 65 %; 80 + (65−55)/(70−55)×20
    expectIndicator(c, 'behaviour_change_rate', { value: 53.3333333, score: 91.1111111 }); // 16/30 = 53.333 %; 80 + (53.333−45)/(60−45)×20
    expectIndicator(c, 'collaboration', { value: 3, score: 80 }); // 3 ≥ 2 → 80
    for (const id of ['long_term_retention', 'risk_reduction', 'mentoring']) expectIndicator(c, id, { status: 'excluded' });
    expectDimension(c, 'client', 91.6444444); // overrides 60/40: (60×92 + 40×91.111)/100 = (5520 + 3644.444)/100
    expectDimension(c, 'professional', 91.1111111); // (20×90 + 30×90 + 25×93.333)/(20+30+25) = 6833.333/75
    expectDimension(c, 'organisation', 80); // collaboration only
    expect(c.composite).toBeCloseTo(89.1022222, DIGITS); // (40×91.6444 + 40×91.1111 + 20×80)/100 = (3665.778 + 3644.444 + 1600)/100
    expect(c.band).toBe('B');
    expect(c.promotion).toEqual({ to: 'senior', criteriaMet: true, eligible: false }); // 89.10 ≥ 88, 93.33 ≥ 80
  });

  it('ct-06 (senior): all nine indicators', () => {
    const c = cards['ct-06'];
    expectIndicator(c, 'record_completeness', { value: 98.3333333, score: 100 }); // 118/120 = 98.333 % ≥ 98
    expectIndicator(c, 'followup_rate', { value: 97.7777778, score: 99.4444444 }); // 44/45 = 97.778 %; 80 + (97.778−90)/(98−90)×20
    expectIndicator(c, 'satisfaction', { value: 96.6666667, score: 96.6666667 }); // 29/6 = 4.8333; ×20
    expectIndicator(c, 'intervention_effectiveness', { value: 60, score: 86.6666667 }); // 30/50; 80 + (60−55)/(70−55)×20
    expectIndicator(c, 'behaviour_change_rate', { value: 55, score: 93.3333333 }); // 22/40; 80 + (55−45)/(60−45)×20
    expectIndicator(c, 'collaboration', { value: 5, score: 100 }); // 5 ≥ 4
    expectIndicator(c, 'long_term_retention', { value: 80, score: 92.3076923 }); // 48/60; 80 + (80−72)/(85−72)×20
    expectIndicator(c, 'risk_reduction', { value: 12.5, score: 62.5 }); // (40−35)/40 = 12.5 %; linear 0…20: 12.5/20×100
    expectIndicator(c, 'mentoring', { value: 5, score: 90 }); // 80 + (5−4)/(6−4)×20
    expectDimension(c, 'client', 94.7435897); // (50×96.667 + 25×93.333 + 25×92.308)/100 = (4833.333 + 2333.333 + 2307.692)/100
    expectDimension(c, 'professional', 87.125); // (20×100 + 30×99.444 + 25×86.667 + 25×62.5)/100 = (2000 + 2983.333 + 2166.667 + 1562.5)/100
    expectDimension(c, 'organisation', 94); // senior overrides 40/60: (40×100 + 60×90)/100
    expect(c.composite).toBeCloseTo(91.5474359, DIGITS); // (40×94.7436 + 40×87.125 + 20×94)/100 = (3789.744 + 3485 + 1880)/100
    expect(c.band).toBe('A');
    expect(c.zones).toEqual([]);
    expect(hintIds(c)).toEqual([]); // retention 80 ≥ team-b senior mean (80 + 70)/2 = 75
    expect(c.promotion).toBeNull(); // senior has no promotion rule
  });

  it('ct-07 (senior): no mentoring reported scores 0; major complaint; retention below the team', () => {
    const c = cards['ct-07'];
    expectIndicator(c, 'mentoring', { status: 'missing', score: 0 }); // mentoring_sessions absent; missing: zero
    expectIndicator(c, 'long_term_retention', { value: 70, score: 76.6666667 }); // 35/50; 60 + (70−60)/(72−60)×20
    expectIndicator(c, 'risk_reduction', { value: 8, score: 40 }); // (50−46)/50 = 8 %; 8/20×100
    // client (50×80 + 25×73.333 + 25×76.667)/100 = 77.5   [satisfaction 20/5×20 = 80; behaviour 8/20 = 40 % → 60 + 10/15×20 = 73.333]
    expectDimension(c, 'client', 77.5);
    // professional (20×80 + 30×80 + 25×73.333 + 25×40)/100 = 68.333   [records 81/90 = 90 %, follow-ups 36/40 = 90 %, intervention 15/30 = 50 % → 73.333]
    expectDimension(c, 'professional', 68.3333333);
    expectDimension(c, 'organisation', 32); // (40×80 + 60×0)/100 [collaboration 2 → 80]
    expect(c.composite).toBeCloseTo(64.7333333, DIGITS); // (40×77.5 + 40×68.333 + 20×32)/100 = (3100 + 2733.333 + 640)/100
    expect(c.band).toBe('C');
    expect(c.zones).toEqual([{ id: 'major_complaint', zone: 'red', action: 'suspend_and_train' }]);
    expect(c.zone).toBe('red');
    expect(hintIds(c)).toEqual(['retention_below_team']); // 70 < 75 (juniors and mids are excluded from the mean)
  });
});

// ---------------------------------------------------------------------------------------------
describe('hospital-online-service (balanced scorecard over three levels)', () => {
  const doc = loadScheme('hospital-online-service');
  const cards = evaluate('hospital-online-service', { period: '2026-03' });

  it('has the four perspectives, three levels deep, and the three zones', () => {
    expect(doc.dimensions.map((d) => [d.id, d.weight])).toEqual([
      ['patient_satisfaction', 30],
      ['operational_efficiency', 25],
      ['sustainable_development', 20],
      ['service_quality', 25],
    ]);
    const depth = (dimensions: SchemeDocument['dimensions']): number => Math.max(...dimensions.map((d) => 1 + (d.children ? depth(d.children) : 0)));
    expect(depth(doc.dimensions)).toBe(3);
    expect(doc.zones.map((zone) => [zone.id, zone.zone, zone.action])).toEqual([
      ['major_complaint', 'red', 'suspend_and_train'],
      ['knowledge_gap', 'yellow', 'assign_mentor'],
      ['process_defect', 'blue', 'process_improvement'],
    ]);
    const scoring = Object.fromEntries(doc.indicators.map((indicator) => [indicator.id, indicator.scoring]));
    expect(scoring.returning_share).toMatchObject({ type: 'thresholds', target: 30 });
    expect(scoring.new_patient_conversion).toMatchObject({ type: 'thresholds', target: 5 });
  });

  it('hos-01: every scoring type, band B', () => {
    const c = cards['hos-01'];
    expectIndicator(c, 'satisfaction_rate', { value: 94, score: 86.6666667 }); // 188/200 = 94 %; 80 + (94−92)/(98−92)×20
    expectIndicator(c, 'empathy', { value: 88, score: 88 }); // raw
    expectDimension(c, 'patient_experience', 87.2); // (60×86.667 + 40×88)/100 = (5200 + 3520)/100
    expectIndicator(c, 'complaint_rate', { value: 0.625, score: 80 }); // 1/1600×1000 = 0.625 ‰; not ≤ 0.5, ≤ 1 → 80
    expectDimension(c, 'complaint_control', 80);
    expectDimension(c, 'patient_satisfaction', 85.04); // (70×87.2 + 30×80)/100 = (6104 + 2400)/100
    expectIndicator(c, 'first_response', { value: 30, score: 80 }); // (20+25+30+45)/4 = 30 s = target (lower)
    // 1360/1600 = 85 %; custom points 50/75/100: 75 + (85−80)/(90−80)×(100−75) = 87.5
    expectIndicator(c, 'first_contact_resolution', { value: 85, score: 87.5 });
    expectIndicator(c, 'appointment_show_rate', { value: 82, score: 89.3333333 }); // 246/300 = 82 %; 80 + (82−75)/(90−75)×20
    expectDimension(c, 'resolution', 88.05); // (70×87.5 + 30×89.333)/100 = (6125 + 2680)/100
    expectDimension(c, 'operational_efficiency', 85.635); // (30×80 + 70×88.05)/100 = (2400 + 6163.5)/100
    expectIndicator(c, 'returning_share', { value: 35, score: 90 }); // 420/1200 = 35 %; 80 + (35−30)/(40−30)×20
    expectIndicator(c, 'new_patient_conversion', { value: 6, score: 86.6666667 }); // 30/500 = 6 %; 80 + (6−5)/(8−5)×20
    expectDimension(c, 'returning_consultations', 90);
    expectDimension(c, 'new_consultations', 86.6666667);
    expectDimension(c, 'patient_base', 88.3333333); // (50×90 + 50×86.667)/100
    expectIndicator(c, 'training', { value: 10, score: 90 }); // 80 + (10−8)/(12−8)×20
    expectDimension(c, 'learning_growth', 91.2); // (60×92 + 40×90)/100
    expectDimension(c, 'sustainable_development', 89.48); // (60×88.333 + 40×91.2)/100 = (5300 + 3648)/100
    expectIndicator(c, 'script_compliance', { value: 94, score: 88 }); // 47/50 = 94 %; 80 + (94−90)/(100−90)×20
    expectIndicator(c, 'answer_accuracy', { value: 95, score: 87.5 }); // 76/80 = 95 %; linear 60…100: (95−60)/40×100
    expectDimension(c, 'service_quality', 87.75); // (50×88 + 50×87.5)/100
    expect(c.adjustments.commendation_bonus).toBeCloseTo(1.5, DIGITS); // 3×0.5 ≤ 2
    // (30×85.04 + 25×85.635 + 20×89.48 + 25×87.75)/100 = (2551.2 + 2140.875 + 1789.6 + 2193.75)/100 = 86.75425; + 1.5
    expect(c.composite).toBeCloseTo(88.25425, DIGITS);
    expect(c.band).toBe('B');
    expect(c.zone).toBeNull();
    expect(c.zones).toEqual([]);
    // FCR 85 ≥ online-a mean (85 + 65 + 78.571)/3 = 76.190; returning share 35 ≥ 30
    expect(hintIds(c)).toEqual([]);
  });

  it('hos-02: floors, custom points below baseline, a dropped sub-dimension; yellow and blue zones', () => {
    const c = cards['hos-02'];
    expectIndicator(c, 'satisfaction_rate', { value: 84, score: 56 }); // 126/150 = 84 %; floor 70 → baseline 85: (84−70)/(85−70)×60
    expectDimension(c, 'patient_experience', 61.6); // (60×56 + 40×70)/100
    expectIndicator(c, 'complaint_rate', { value: 2.5, score: 0 }); // 3/1200×1000 = 2.5 ‰ above every band's max → 0
    expectDimension(c, 'patient_satisfaction', 43.12); // (70×61.6 + 30×0)/100
    expectIndicator(c, 'first_response', { status: 'missing' }); // first_response_seconds absent; exclude
    expectDimension(c, 'responsiveness', null); // nothing left → drops out
    // 780/1200 = 65 %; custom points, floor 50 (0) → baseline 70 (50): (65−50)/(70−50)×50 = 37.5
    expectIndicator(c, 'first_contact_resolution', { value: 65, score: 37.5 });
    expectIndicator(c, 'appointment_show_rate', { value: 65, score: 66.6666667 }); // 130/200; 60 + (65−60)/(75−60)×20
    expectDimension(c, 'resolution', 46.25); // (70×37.5 + 30×66.667)/100 = (2625 + 2000)/100
    expectDimension(c, 'operational_efficiency', 46.25); // resolution alone after renormalisation
    expectIndicator(c, 'returning_share', { value: 25, score: 70 }); // 225/900 = 25 %; 60 + (25−20)/(30−20)×20
    expectIndicator(c, 'new_patient_conversion', { value: 3.5, score: 65 }); // 14/400 = 3.5 %; 60 + (3.5−3)/(5−3)×20
    expectDimension(c, 'patient_base', 67.5); // (50×70 + 50×65)/100
    expectIndicator(c, 'knowledge_test', { value: 65, score: 65 });
    expectIndicator(c, 'training', { status: 'missing', score: 0 }); // training_hours absent; missing: zero
    expectDimension(c, 'learning_growth', 39); // (60×65 + 40×0)/100
    expectDimension(c, 'sustainable_development', 56.1); // (60×67.5 + 40×39)/100 = (4050 + 1560)/100
    expectIndicator(c, 'script_compliance', { value: 75, score: 45 }); // 30/40 = 75 %; floor 60 → baseline 80: (75−60)/(80−60)×60
    expectIndicator(c, 'answer_accuracy', { value: 80, score: 50 }); // 48/60 = 80 %; (80−60)/40×100
    expectDimension(c, 'service_quality', 47.5); // (50×45 + 50×50)/100
    // (30×43.12 + 25×46.25 + 20×56.1 + 25×47.5)/100 = (1293.6 + 1156.25 + 1122 + 1187.5)/100
    expect(c.composite).toBeCloseTo(47.5935, DIGITS);
    expect(c.band).toBe('D');
    // knowledge 65 < 70 (and accuracy 80 < 85) → yellow; 2 process defects → blue
    expect(c.zones).toEqual([
      { id: 'knowledge_gap', zone: 'yellow', action: 'assign_mentor' },
      { id: 'process_defect', zone: 'blue', action: 'process_improvement' },
    ]);
    expect(c.zone).toBe('yellow');
    expect(hintIds(c)).toEqual(['fcr_below_team', 'returning_share_below_target']); // 65 < 76.190; 25 < 30
  });

  it('hos-05: a major complaint is red even with a process defect', () => {
    const c = cards['hos-05'];
    // knowledge 74 ≥ 70 and accuracy 57/65 = 87.7 % ≥ 85: no yellow
    expect(c.zones).toEqual([
      { id: 'major_complaint', zone: 'red', action: 'suspend_and_train' },
      { id: 'process_defect', zone: 'blue', action: 'process_improvement' },
    ]);
    expect(c.zone).toBe('red');
  });
});

// ---------------------------------------------------------------------------------------------
describe('negative-feedback (the four-stage closed loop)', () => {
  const doc = loadWorkflow('negative-feedback');

  it('runs root cause → plan → apology → fix with SLAs, reopening and escalation', () => {
    expect(doc.stages.map((stage) => [stage.id, stage.slaHours])).toEqual([
      ['root_cause', 24],
      ['plan', 48],
      ['apology', 24],
      ['fix', 168],
    ]);
    const required = Object.fromEntries(doc.stages.map((stage) => [stage.id, stage.fields.filter((field) => field.required).map((field) => field.id)]));
    expect(required).toEqual({
      root_cause: ['category', 'severity', 'analysis'],
      plan: ['actions', 'owner', 'due_date'],
      apology: ['channel', 'apologised_on', 'client_response'],
      fix: ['changes', 'verified'],
    });
    const channel = doc.stages[2].fields.find((field) => field.id === 'channel');
    expect(channel).toMatchObject({ type: 'select', options: ['phone', 'wechat', 'visit'] });
    expect(doc.stages[0].fields.find((field) => field.id === 'analysis')).toMatchObject({ type: 'text', minLength: 20 });
    expect(doc.reopenTo).toEqual(['root_cause', 'plan']);
    expect(doc.escalation).toEqual([
      { afterHours: 0, notify: 'manager' },
      { afterHours: 24, notify: 'director' },
    ]);
    expect(doc.description?.zh).toContain('非常满意 90–100 分，满意 70–89 分，一般 60–69 分，不满意 0–59 分');
    expect(doc.description?.en).toContain('very satisfied 90–100, satisfied 70–89, average 60–69, dissatisfied 0–59');
  });

  it.each([
    [{ likert: 1 }, true],
    [{ likert: 2 }, true],
    [{ likert: 3 }, false],
    [{ nps: 6 }, true],
    [{ nps: 7 }, false],
    [{ likert: 4, nps: 3 }, true],
    [{ likert: 5, nps: 10 }, false],
    [{}, false],
  ])('opens a case for feedback %j: %s', (feedback, opens) => {
    const trigger = compileCondition((doc.trigger as { when: TopLevelCondition }).when);
    expect(trigger(feedback)).toBe(opens);
  });
});

// ---------------------------------------------------------------------------------------------
describe('zone-action workflows (suspend_and_train, assign_mentor, process_improvement)', () => {
  it('the schemes’ zone actions each have a workflow of the same key', () => {
    const actions = new Set(SCHEMES.flatMap((key) => loadScheme(key).zones.map((zone) => zone.action)));
    expect([...actions].sort()).toEqual([...ZONE_WORKFLOWS].sort());
  });

  it.each(ZONE_WORKFLOWS)('%s: triggered by its own action only, never by feedback; stages with roles, SLAs, reopening and escalation', (key) => {
    const doc = loadWorkflow(key);
    const trigger = compileCondition((doc.trigger as { when: TopLevelCondition }).when);
    for (const action of ZONE_WORKFLOWS) expect(trigger({ zone: 'red', action }), action).toBe(action === key);
    expect(trigger({ likert: 1, nps: 0 })).toBe(false);
    expect(doc.stages.length).toBeGreaterThanOrEqual(3);
    for (const stage of doc.stages) expect(stage.fields.some((field) => field.required), `stage ${stage.id} has a required field`).toBe(true);
    expect(doc.reopenTo.length).toBeGreaterThan(0);
    expect(doc.escalation.map((step) => step.notify)).toEqual(['manager', 'director']);
  });
});

// ---------------------------------------------------------------------------------------------
describe('score-appeal (the appeal of a published scorecard)', () => {
  const doc = loadWorkflow('score-appeal');

  it('is opened by the appeal event, not by feedback or zones, and cannot be sent past its review', () => {
    expect(doc.trigger).toEqual({ on: 'appeal' });
    expect(doc.reopenTo).toEqual(['review']);
  });

  it('is reviewed by a quality officer, then decided (uphold or correct, with corrected inputs) by the manager or an admin', () => {
    expect(doc.stages.map((stage) => [stage.id, stage.role, stage.slaHours])).toEqual([
      ['review', 'quality_officer', 48],
      ['decision', 'manager', 72],
    ]);
    const decision = doc.stages[1].fields;
    expect(decision.find((field) => field.id === 'decision')).toMatchObject({ type: 'select', options: ['uphold', 'correct'], required: true });
    expect(decision.find((field) => field.id === 'corrected')).toMatchObject({ type: 'corrected_facts', required: false });
  });
});

// ---------------------------------------------------------------------------------------------
describe('client-survey (the seeds\u2019 questionnaire: Likert dimensions and NPS)', () => {
  it('asks every question in Chinese and English, and its bad answers open a negative-feedback case', () => {
    const result = parseAndValidateDocument(readTemplate('client-survey.yaml'));
    if (!result.ok || result.value.kind !== 'survey') throw new Error('client-survey.yaml is not a valid survey');
    const survey = result.value;
    for (const text of [survey.name, survey.title, survey.intro, survey.thanks, survey.nps?.question, survey.comment?.question, ...survey.dimensions.flatMap((d) => [d.name, d.question])]) {
      expect(text?.zh, JSON.stringify(text)).toMatch(/[\u4e00-\u9fff]/);
      expect(text?.en, JSON.stringify(text)).toBeTruthy();
    }
    const trigger = compileCondition((loadWorkflow('negative-feedback').trigger as { when: TopLevelCondition }).when);
    expect(trigger({ likert: 2, nps: 9 })).toBe(true);
    expect(trigger({ likert: 3, nps: 7 })).toBe(false);
  });
});
