import { describe, expect, it } from 'vitest';
import { miniScheme } from '../__fixtures__/mini-scheme';
import type { SchemeDocumentInput } from '../schema/scheme.schema';
import type { WorkflowDocumentInput } from '../schema/workflow.schema';
import { canonicalJson } from './canonical-json';
import { diffDocuments } from './diff-documents';

const texts = (before: unknown, after: unknown): string[] => diffDocuments(before, after).map((change) => change.text);

function edited(edit: (doc: SchemeDocumentInput) => void): SchemeDocumentInput {
  const doc = miniScheme();
  edit(doc);
  return doc;
}

const dimension = (doc: SchemeDocumentInput, id: string) => {
  const found = doc.dimensions.find((d) => d.id === id);
  if (!found) throw new Error(`no dimension ${id}`);
  return found;
};

describe('diffDocuments', () => {
  it('finds nothing between equal documents, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(miniScheme()).reverse());
    expect(diffDocuments(miniScheme(), reordered)).toEqual([]);
    expect(diffDocuments({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
  });

  it('names dimensions by id: a weight change', () => {
    const after = edited((doc) => {
      dimension(doc, 'execution').weight = 30;
      dimension(doc, 'influence').weight = 70;
    });
    expect(diffDocuments(miniScheme(), after)).toEqual([
      { path: 'dimensions.execution.weight', kind: 'changed', before: 40, after: 30, text: 'dimensions.execution.weight: 40 → 30' },
      { path: 'dimensions.influence.weight', kind: 'changed', before: 60, after: 70, text: 'dimensions.influence.weight: 60 → 70' },
    ]);
  });

  it('follows child dimensions and indicator references by id', () => {
    const after = edited((doc) => {
      const execution = dimension(doc, 'execution');
      execution.indicators = [
        { id: 'followup_rate', weight: 50 },
        { id: 'record_completeness', weight: 40 },
        { id: 'nps_score', weight: 10 },
      ];
      const influence = dimension(doc, 'influence');
      influence.children = [
        { id: 'responsiveness', weight: 40, indicators: [{ id: 'alert_response', weight: 100 }] },
        { id: 'relationship', weight: 60, indicators: [{ id: 'nps_score', weight: 100 }] },
      ];
    });
    expect(texts(miniScheme(), after)).toEqual([
      'dimensions.execution.indicators.followup_rate.weight: 60 → 50',
      'dimensions.execution: indicator nps_score added',
      'dimensions.influence.children.responsiveness.weight: 50 → 40',
      'dimensions.influence.children.relationship.weight: 50 → 60',
    ]);
    expect(diffDocuments(miniScheme(), after)[1]).toEqual({
      path: 'dimensions.execution.indicators.nps_score',
      kind: 'added',
      after: { id: 'nps_score', weight: 10 },
      text: 'dimensions.execution: indicator nps_score added',
    });
  });

  it('reports an added and a removed indicator with the whole indicator', () => {
    const nps = { id: 'nps', formula: 'nps', scoring: { type: 'linear' as const, min: -100, max: 100 } };
    const after = edited((doc) => {
      doc.indicators = doc.indicators.filter((indicator) => indicator.id !== 'nps_score').concat(nps);
    });
    expect(diffDocuments(miniScheme(), after)).toEqual([
      { path: 'indicators.nps_score', kind: 'removed', before: miniScheme().indicators[3], text: 'indicator nps_score removed' },
      { path: 'indicators.nps', kind: 'added', after: nps, text: 'indicator nps added' },
    ]);
  });

  it('reads scoring lines, formulas and optional members', () => {
    const after = edited((doc) => {
      const [followup, , alert] = doc.indicators;
      followup.scoring = { type: 'thresholds', baseline: 80, target: 92, excellent: 98 };
      followup.formula = 'followups_done / followups_planned * 100 + 1';
      delete followup.unit;
      alert.unit = 'h';
      followup.name = { zh: '随访率', en: 'Follow-up rate' };
    });
    expect(texts(miniScheme(), after)).toEqual([
      'indicators.followup_rate.name.zh: 随访完成率 → 随访率',
      'indicators.followup_rate.formula: followups_done / followups_planned * 100 → followups_done / followups_planned * 100 + 1',
      'indicators.followup_rate.unit removed (was %)',
      'indicators.followup_rate.scoring.target: 90 → 92',
      'indicators.alert_response.unit added: h',
    ]);
  });

  it('compares conditions as a whole and shows them before and after', () => {
    const after = edited((doc) => {
      const zone = doc.zones?.[0];
      if (!zone) throw new Error('no zone');
      zone.when = { all: [{ fact: 'complaints_major', operator: 'greaterThanInclusive', value: 2 }] };
    });
    expect(diffDocuments(miniScheme(), after)).toEqual([
      {
        path: 'zones.major_complaint.when',
        kind: 'changed',
        before: { all: [{ fact: 'complaints_major', operator: 'greaterThanInclusive', value: 1 }] },
        after: { all: [{ fact: 'complaints_major', operator: 'greaterThanInclusive', value: 2 }] },
        text: 'zones.major_complaint.when changed',
      },
    ]);
    const withoutPromotionRule = edited((doc) => {
      const junior = doc.tiers?.[0];
      if (junior?.promotion) junior.promotion.consecutivePeriods = 3;
      const hint = doc.hints?.[0];
      if (hint) hint.when = { any: [{ fact: 'composite', operator: 'lessThan', value: 60 }] };
    });
    expect(texts(miniScheme(), withoutPromotionRule)).toEqual(['tiers.junior.promotion.consecutivePeriods: 2 → 3', 'hints.followup_below_team.when changed']);
  });

  it('reports a reordering once, with the ids before and after', () => {
    const after = edited((doc) => {
      doc.indicators = [...doc.indicators].reverse();
      doc.bands = [...(doc.bands ?? [])];
    });
    expect(diffDocuments(miniScheme(), after)).toEqual([
      {
        path: 'indicators',
        kind: 'changed',
        before: ['followup_rate', 'record_completeness', 'alert_response', 'nps_score'],
        after: ['nps_score', 'alert_response', 'record_completeness', 'followup_rate'],
        text: 'indicators reordered',
      },
    ]);
    const bandsReordered = edited((doc) => {
      const bands = doc.bands ?? [];
      doc.bands = [bands[1], bands[0], bands[2], bands[3]];
      bands[2].min = 65;
    });
    expect(texts(miniScheme(), bandsReordered)).toEqual(['bands.C.min: 60 → 65', 'bands reordered']);
  });

  it('compares lists without ids as values', () => {
    const after = edited((doc) => {
      const junior = doc.tiers?.[0];
      if (junior) junior.indicators = ['followup_rate', 'record_completeness', 'nps_score', 'alert_response'];
    });
    expect(diffDocuments(miniScheme(), after)).toEqual([
      {
        path: 'tiers.junior.indicators',
        kind: 'changed',
        before: ['followup_rate', 'record_completeness', 'nps_score'],
        after: ['followup_rate', 'record_completeness', 'nps_score', 'alert_response'],
        text: 'tiers.junior.indicators: ["followup_rate","record_completeness","nps_score"] → ["followup_rate","record_completeness","nps_score","alert_response"]',
      },
    ]);
  });

  it('names inputs and record members, and lists that appear or disappear item by item', () => {
    const after = edited((doc) => {
      doc.inputs = { ...doc.inputs, nps_responses: { type: 'number', min: 0 } };
      const inputs = doc.inputs ?? {};
      delete inputs.complaints_major;
      inputs.nps = { type: 'number', min: -100, max: 50 };
      delete doc.zones;
      const junior = doc.tiers?.[0];
      if (junior) junior.weights = { followup_rate: 40, nps_score: 20 };
      dimension(doc, 'execution').name = { en: 'Execution' };
    });
    expect(texts(miniScheme(), after)).toEqual([
      'inputs.nps.max: 100 → 50',
      'input complaints_major removed',
      'input nps_responses added',
      'dimensions.execution.name added: {"en":"Execution"}',
      'tiers.junior.weights.followup_rate: 50 → 40',
      'tiers.junior.weights.nps_score added: 20',
      'zone major_complaint removed',
      'zone slow_alerts removed',
    ]);
  });

  it('diffs workflows: stages, fields, escalation', () => {
    const before: WorkflowDocumentInput = {
      kind: 'workflow',
      key: 'negative-feedback',
      stages: [
        { id: 'root_cause', slaHours: 24, fields: [{ id: 'analysis', type: 'text', required: true, minLength: 20 }] },
        { id: 'plan', slaHours: 48 },
      ],
      escalation: [{ afterHours: 0, notify: 'manager' }],
    };
    const after: WorkflowDocumentInput = {
      kind: 'workflow',
      key: 'negative-feedback',
      stages: [
        {
          id: 'root_cause',
          slaHours: 24,
          fields: [
            { id: 'category', type: 'select', options: ['attitude', 'other'], required: true },
            { id: 'analysis', type: 'text', required: true, minLength: 30 },
          ],
        },
        { id: 'plan', slaHours: 72 },
      ],
      escalation: [
        { afterHours: 0, notify: 'manager' },
        { afterHours: 24, notify: 'director' },
      ],
    };
    expect(texts(before, after)).toEqual([
      'stages.root_cause: field category added',
      'stages.root_cause.fields.analysis.minLength: 20 → 30',
      'stages.plan.slaHours: 48 → 72',
      'escalation: [{"afterHours":0,"notify":"manager"}] → [{"afterHours":0,"notify":"manager"},{"afterHours":24,"notify":"director"}]',
    ]);
  });

  it('handles type changes, odd keys and whole documents that are not objects', () => {
    expect(texts({ a: { b: 1 } }, { a: [1] })).toEqual(['a: {"b":1} → [1]']);
    expect(texts({ 'x.y': 1, s: 'a' }, { 'x.y': 2, s: ' a' })).toEqual(['["x.y"]: 1 → 2', 's: a → " a"']);
    expect(texts(null, { kind: 'scheme' })).toEqual(['(document): null → {"kind":"scheme"}']);
    expect(texts({ bands: [{ id: 'B+', min: 80 }] }, { bands: [{ id: 'B+', min: 82 }] })).toEqual(['bands.B+.min: 80 → 82']);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps list order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives equal text for equal data in any key order, different text for different data', () => {
    const reordered = Object.fromEntries(Object.entries(miniScheme()).reverse());
    expect(canonicalJson(reordered)).toBe(canonicalJson(miniScheme()));
    expect(canonicalJson(edited((doc) => (dimension(doc, 'execution').weight = 41)))).not.toBe(canonicalJson(miniScheme()));
  });

  it('follows JSON.stringify for undefined, non-finite numbers and strings', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, Number.NaN], c: 'é"\n' })).toBe('{"b":[null,null],"c":"é\\"\\n"}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(new Date('2026-01-02T03:04:05.000Z'))).toBe('"2026-01-02T03:04:05.000Z"');
  });
});
