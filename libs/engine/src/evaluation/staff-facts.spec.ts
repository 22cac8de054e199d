import { describe, expect, it } from 'vitest';
import { miniScheme } from '../__fixtures__/mini-scheme';
import { validateScheme } from '../validation/validate-scheme';
import { validateFacts } from './staff-facts';

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
});
