import type { AwardInput, SchemeDocumentInput } from '../schema/scheme.schema';

/**
 * The seeds' recognitions (000: 客户口碑奖; 003: 进步奖, 突破奖) as scheme awards over a scheme small enough that
 * its composite is one input: `quality` scored raw, so a composite of 85.3 is written as quality 85.3.
 */
export function exampleAwards(): AwardInput[] {
  return [
    {
      id: 'word_of_mouth',
      name: { zh: '口碑奖', en: 'Word-of-mouth award' },
      description: { zh: 'NPS 不低于 60 且本期无有效投诉', en: 'NPS of 60 or more and no valid complaint this period' },
      when: {
        all: [
          { fact: 'indicator', path: '$.nps_value.value', operator: 'greaterThanInclusive', value: 60 },
          { fact: 'complaints_valid', operator: 'equal', value: 0 },
        ],
      },
    },
    {
      id: 'progress',
      name: { zh: '进步奖', en: 'Progress award' },
      description: { zh: '综合分比上期提高 10 分及以上', en: 'Composite up 10 points or more on the previous period' },
      when: { all: [{ fact: 'change', path: '$.composite', operator: 'greaterThanInclusive', value: 10 }] },
    },
    {
      id: 'breakthrough',
      name: { zh: '突破奖', en: 'Breakthrough award' },
      when: {
        all: [
          { fact: 'composite', operator: 'greaterThanInclusive', value: 90 },
          { fact: 'previous', path: '$.composite', operator: 'lessThan', value: 90 },
        ],
      },
    },
  ];
}

/** One dimension of one raw indicator (the composite is `quality`), NPS beside it in no dimension, and the example awards. */
export function awardScheme(): SchemeDocumentInput {
  return {
    kind: 'scheme',
    key: 'recognition',
    name: { zh: '表彰示例', en: 'Recognition example' },
    period: 'quarter',
    inputs: {
      quality: { type: 'number', min: 0, max: 100 },
      nps: { type: 'number', min: -100, max: 100 },
      complaints_valid: { type: 'number', min: 0 },
    },
    indicators: [
      { id: 'quality_score', formula: 'quality', scoring: { type: 'raw' } },
      { id: 'nps_value', formula: 'nps', scoring: { type: 'linear', min: -100, max: 100 } },
    ],
    dimensions: [{ id: 'work', weight: 100, indicators: [{ id: 'quality_score', weight: 100 }] }],
    bands: [
      { id: 'A', min: 90 },
      { id: 'B', min: 0 },
    ],
    awards: exampleAwards(),
  };
}
