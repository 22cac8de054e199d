import type { SchemeDocumentInput } from '../schema/scheme.schema';

/** A small scheme touching every feature, for unit tests. Fresh copy per call so tests can mutate. */
export function miniScheme(): SchemeDocumentInput {
  return {
    kind: 'scheme',
    key: 'mini',
    name: { zh: '小方案', en: 'Mini scheme' },
    version: 4,
    period: 'quarter',
    inputs: {
      followups_planned: { type: 'number', min: 0 },
      followups_done: { type: 'number', min: 0 },
      records_complete: { type: 'number', min: 0, max: 100 },
      alert_response_minutes: { type: 'number[]', min: 0 },
      nps: { type: 'number', min: -100, max: 100 },
      plan_updates: { type: 'number', min: 0 },
      complaints_major: { type: 'number', min: 0 },
    },
    indicators: [
      {
        id: 'followup_rate',
        name: { zh: '随访完成率', en: 'Follow-up rate' },
        formula: 'followups_done / followups_planned * 100',
        unit: '%',
        direction: 'higher',
        scoring: { type: 'thresholds', baseline: 80, target: 90, excellent: 98 },
        missing: 'exclude',
      },
      {
        id: 'record_completeness',
        formula: 'records_complete',
        scoring: { type: 'raw' },
      },
      {
        id: 'alert_response',
        formula: 'mean(alert_response_minutes) / 60',
        direction: 'lower',
        scoring: { type: 'thresholds', floor: 8, baseline: 4, target: 2, excellent: 1 },
      },
      {
        id: 'nps_score',
        formula: 'nps',
        scoring: { type: 'linear', min: -100, max: 100 },
        missing: 'zero',
      },
    ],
    dimensions: [
      { id: 'execution', weight: 40, indicators: [{ id: 'followup_rate', weight: 60 }, { id: 'record_completeness', weight: 40 }] },
      {
        id: 'influence',
        weight: 60,
        children: [
          { id: 'responsiveness', weight: 50, indicators: [{ id: 'alert_response', weight: 100 }] },
          { id: 'relationship', weight: 50, indicators: [{ id: 'nps_score', weight: 100 }] },
        ],
      },
    ],
    adjustments: [{ id: 'extra_plan_updates', formula: 'max(plan_updates - 1, 0) * 2', max: 6 }],
    composite: { min: 0, max: 100 },
    bands: [
      { id: 'A', name: { zh: '优秀' }, min: 90 },
      { id: 'B', name: { zh: '良好' }, min: 80 },
      { id: 'C', name: { zh: '合格' }, min: 60 },
      { id: 'D', name: { zh: '待改进' }, min: 0 },
    ],
    tiers: [
      {
        id: 'junior',
        indicators: ['followup_rate', 'record_completeness', 'nps_score'],
        weights: { followup_rate: 50 },
        promotion: { to: 'mid', consecutivePeriods: 2, when: { all: [{ fact: 'composite', operator: 'greaterThanInclusive', value: 85 }] } },
      },
      { id: 'mid' },
      { id: 'senior' },
    ],
    zones: [
      { id: 'major_complaint', zone: 'red', action: 'suspend_and_train', when: { all: [{ fact: 'complaints_major', operator: 'greaterThanInclusive', value: 1 }] } },
      { id: 'slow_alerts', zone: 'yellow', action: 'assign_mentor', when: { all: [{ fact: 'indicator', path: '$.alert_response.score', operator: 'lessThan', value: 60 }] } },
    ],
    hints: [
      {
        id: 'followup_below_team',
        when: { all: [{ fact: 'indicator', path: '$.followup_rate.value', operator: 'lessThan', value: { fact: 'team', path: '$.mean.followup_rate' } }] },
        text: { zh: '随访完成率低于团队平均', en: 'Follow-up rate below the team mean' },
      },
    ],
  };
}
