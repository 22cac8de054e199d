import { describe, expect, it } from 'vitest';
import { miniScheme } from '../__fixtures__/mini-scheme';
import { validateScheme } from '../validation/validate-scheme';
import { countListNumbers, LIST_INPUT_MAX_LENGTH, validateFacts } from './staff-facts';

const scheme = (() => {
  const result = validateScheme(miniScheme());
  if (!result.ok) throw new Error('fixture invalid');
  return result.value;
})();

describe('validateFacts', () => {
  it('accepts well-formed facts', () => {
    expect(validateFacts(scheme, [{ staffId: 's1', tier: 'mid', inputs: { followups_done: 3, alert_response_minutes: [5, 6], nps: null } }]).ok).toBe(true);
  });

  it('reports every problem with its path', () => {
    const result = validateFacts(scheme, [
      { staffId: 's1', tier: 'mid', inputs: { followups_done: 'x', alert_response_minutes: 4, nps: 150, ghost: 1, constructor: 1, toString: 2 } },
      { staffId: 's1', tier: 'chief', inputs: {} },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path)).toEqual([
      '[0].inputs.followups_done',
      '[0].inputs.alert_response_minutes',
      '[0].inputs.nps',
      '[0].inputs.ghost',
      '[0].inputs.constructor',
      '[0].inputs.toString',
      '[1].staffId',
      '[1].tier',
    ]);
    expect(result.issues[2].message).toBe('150 is outside the declared range -100…100');
  });

  it(`takes a list input of ${LIST_INPUT_MAX_LENGTH} numbers and refuses one more, with a code`, () => {
    const list = (length: number) => Array.from({ length }, (_, i) => i % 50);
    expect(LIST_INPUT_MAX_LENGTH).toBe(10_000);
    expect(validateFacts(scheme, [{ staffId: 's1', tier: 'mid', inputs: { alert_response_minutes: list(LIST_INPUT_MAX_LENGTH) } }]).ok).toBe(true);
    const result = validateFacts(scheme, [{ staffId: 's1', tier: 'mid', inputs: { alert_response_minutes: list(LIST_INPUT_MAX_LENGTH + 1) } }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([{ path: '[0].inputs.alert_response_minutes', message: 'has 10001 numbers; a list input holds at most 10000', code: 'list_input_too_long', params: { count: 10001, max: 10000 } }]);
  });
});

describe('countListNumbers', () => {
  it('counts the numbers of every list input of every staff member, not single numbers', () => {
    expect(countListNumbers([{ inputs: { a: [1, 2, 3], b: 4 } }, { inputs: { a: [], c: [5, 6] } }, {}, { inputs: null }])).toBe(5);
  });
});
