import { describe, expect, it } from 'vitest';
import { awardScheme } from '../__fixtures__/award-scheme';
import { miniScheme } from '../__fixtures__/mini-scheme';
import { diffDocuments } from '../diff/diff-documents';
import type { SchemeDocumentInput } from '../schema/scheme.schema';
import { compileScheme } from './compile-scheme';
import type { Scorecard } from './scorecard.schema';
import type { StaffFacts } from './staff-facts';

/** Awards (SPEC §6): conditions over this period's scorecard and the previous one (`previous`, `change`). */
const staff = (inputs: Record<string, number>): StaffFacts => ({ staffId: 'a1', team: 't1', inputs });

function evaluateIn(period: string, inputs: Record<string, number>, history: Scorecard[] = [], doc: SchemeDocumentInput = awardScheme()): Scorecard {
  return compileScheme(doc).evaluate([staff(inputs)], { period, history })[0];
}

/** The scorecard of 2026-Q1 after a 2025-Q4 with the given inputs, evaluated on the same scheme (the CLI's --history). */
function afterPrevious(previous: Record<string, number>, current: Record<string, number>): Scorecard {
  return evaluateIn('2026-Q1', current, [evaluateIn('2025-Q4', previous)]);
}

const ids = (card: Scorecard) => card.awards?.map((award) => award.id);
const calm = { nps: 0, complaints_valid: 0 };

describe('awards: composite up at least 10 on the previous period (进步奖)', () => {
  it('+10.0 gets it, even where the difference of the two composites carries float noise (70.1 − 60.1)', () => {
    expect(70.1 - 60.1).not.toBe(10); // 9.999999999999993: the change is rounded to 9 decimals before it is compared
    const card = afterPrevious({ quality: 60.1, ...calm }, { quality: 70.1, ...calm });
    expect(card.composite).toBe(70.1);
    expect(card.awards).toEqual([{ id: 'progress', name: { zh: '进步奖', en: 'Progress award' }, description: { zh: '综合分比上期提高 10 分及以上', en: 'Composite up 10 points or more on the previous period' } }]);
  });

  it('+9.99 does not, nor a fall', () => {
    expect(ids(afterPrevious({ quality: 60.11, ...calm }, { quality: 70.1, ...calm }))).toEqual([]);
    expect(ids(afterPrevious({ quality: 80, ...calm }, { quality: 70, ...calm }))).toEqual([]);
  });

  it('is not earned in a first period (no previous scorecard), nor when the previous composite is null', () => {
    expect(ids(evaluateIn('2026-Q1', { quality: 85.3, ...calm }))).toEqual([]);
    const noComposite = { ...evaluateIn('2025-Q4', { quality: 50, ...calm }), composite: null };
    expect(ids(evaluateIn('2026-Q1', { quality: 85.3, ...calm }, [noComposite]))).toEqual([]);
  });

  it('reads the period just before, not an older one, and not a later one', () => {
    const older = evaluateIn('2025-Q3', { quality: 50, ...calm });
    const before = evaluateIn('2025-Q4', { quality: 80, ...calm });
    const later = evaluateIn('2026-Q2', { quality: 10, ...calm });
    expect(ids(evaluateIn('2026-Q1', { quality: 85, ...calm }, [older, before, later]))).toEqual([]);
    expect(ids(evaluateIn('2026-Q1', { quality: 85, ...calm }, [older, later]))).toEqual(['progress']); // Q3 is the latest earlier one on record
  });
});

describe('awards: NPS at least 60 and no valid complaint (口碑奖)', () => {
  it('NPS 60 and 0 complaints gets it; 59.99 or one complaint does not', () => {
    expect(ids(evaluateIn('2026-Q1', { quality: 70, nps: 60, complaints_valid: 0 }))).toEqual(['word_of_mouth']);
    expect(ids(evaluateIn('2026-Q1', { quality: 70, nps: 59.99, complaints_valid: 0 }))).toEqual([]);
    expect(ids(evaluateIn('2026-Q1', { quality: 70, nps: 75, complaints_valid: 1 }))).toEqual([]);
  });

  it('is not earned on absent data: no complaint count, or no NPS', () => {
    expect(ids(evaluateIn('2026-Q1', { quality: 70, nps: 75 }))).toEqual([]);
    expect(ids(evaluateIn('2026-Q1', { quality: 70, complaints_valid: 0 }))).toEqual([]);
  });
});

describe('awards: into band A for the first time (突破奖, reading `previous` directly)', () => {
  it('89.99 → 90 gets it (with no description on the scorecard when the award has none); 90 → 95 does not', () => {
    const card = afterPrevious({ quality: 89.99, ...calm }, { quality: 90, ...calm });
    expect(card.awards).toEqual([{ id: 'breakthrough', name: { zh: '突破奖', en: 'Breakthrough award' } }]);
    expect(ids(afterPrevious({ quality: 90, ...calm }, { quality: 95, ...calm }))).toEqual([]);
  });

  it('lists every award earned, in document order', () => {
    expect(ids(afterPrevious({ quality: 70, ...calm }, { quality: 92, nps: 80, complaints_valid: 0 }))).toEqual(['word_of_mouth', 'progress', 'breakthrough']);
  });
});

describe('the change fact', () => {
  const withAward = (when: object): SchemeDocumentInput => ({ ...awardScheme(), awards: [{ id: 'x', name: { en: 'X' }, when: when as never }] });

  it('holds dimension scores and indicator values and scores, this period minus the previous one', () => {
    const doc = withAward({
      all: [
        { fact: 'change', path: '$.dimension.work', operator: 'equal', value: 5.5 },
        { fact: 'change', path: '$.indicator.nps_value.value', operator: 'equal', value: -20 },
        { fact: 'change', path: '$.indicator.nps_value.score', operator: 'equal', value: -10 }, // linear −100…100: 20 points of NPS are 10 of score
      ],
    });
    const previous = evaluateIn('2025-Q4', { quality: 80, nps: 40, complaints_valid: 0 }, [], doc);
    expect(ids(evaluateIn('2026-Q1', { quality: 85.5, nps: 20, complaints_valid: 0 }, [previous], doc))).toEqual(['x']);
  });

  it('has no entry for an indicator the previous scorecard lacks (another scheme version): the condition is false', () => {
    const doc = withAward({ all: [{ fact: 'change', path: '$.indicator.nps_value.value', operator: 'lessThan', value: 1000 }] });
    const previous = evaluateIn('2025-Q4', { quality: 80, nps: 40, complaints_valid: 0 }, [], doc);
    delete (previous.indicators as Record<string, unknown>).nps_value;
    expect(ids(evaluateIn('2026-Q1', { quality: 85, nps: 20 }, [previous], doc))).toEqual([]);
    // …and none for an indicator missing this period.
    const full = evaluateIn('2025-Q4', { quality: 80, nps: 40 }, [], doc);
    expect(ids(evaluateIn('2026-Q1', { quality: 85 }, [full], doc))).toEqual([]);
  });

  it('is readable by hints too (any condition), e.g. a drop of 10 or more', () => {
    const doc: SchemeDocumentInput = { ...awardScheme(), hints: [{ id: 'dropped', when: { all: [{ fact: 'change', path: '$.composite', operator: 'lessThanInclusive', value: -10 }] }, text: { en: 'Down 10 on last quarter' } }] };
    const previous = evaluateIn('2025-Q4', { quality: 90, ...calm }, [], doc);
    expect(evaluateIn('2026-Q1', { quality: 80, ...calm }, [previous], doc).hints.map((hint) => hint.id)).toEqual(['dropped']);
  });
});

describe('the scorecard shape', () => {
  it('schemes without awards keep their exact shape: no awards field at all', () => {
    const card = compileScheme(miniScheme()).evaluate([{ staffId: 's1', inputs: { records_complete: 90 } }], { period: '2026-Q1' })[0];
    expect(card).not.toHaveProperty('awards');
  });

  it('schemes with awards carry the field, empty when none is earned', () => {
    expect(evaluateIn('2026-Q1', { quality: 50, ...calm }).awards).toEqual([]);
  });
});

describe('versions of awards', () => {
  it('are diffed by id, in words, like every other section', () => {
    const before = awardScheme();
    const after = awardScheme();
    const [, progress] = after.awards ?? [];
    after.awards = [{ ...progress, name: { zh: '进步之星', en: 'Progress award' } }, { id: 'steady', name: { zh: '稳定奖' }, when: { all: [{ fact: 'composite', operator: 'greaterThanInclusive', value: 80 }] } }];
    expect(diffDocuments(before, after).map((change) => change.text)).toEqual([
      'award word_of_mouth removed',
      'award breakthrough removed',
      'awards.progress.name.zh: 进步奖 → 进步之星',
      'award steady added',
    ]);
  });
});
