import { describe, expect, it } from 'vitest';
import { outcomeVerdict } from './outcome-verdict';
import { welch } from './welch';

const champion = [7.1, 6.8, 7.4, 7.0, 6.9, 7.2, 7.3, 6.7, 7.0, 7.1];
const higher = champion.map((v) => v + 1);

describe('outcomeVerdict', () => {
  it('says the data are too few when an arm is below minPerArm', () => {
    const verdict = outcomeVerdict(welch(champion, higher.slice(0, 4)), { minPerArm: 5 });
    expect(verdict.verdict).toBe('insufficient_data');
    expect(verdict.units).toEqual({ champion: 10, challenger: 4 });
    expect(verdict.text.en).toBe('Too little data to decide: the champion arm has 10 units and the challenger arm 4; each arm needs at least 5.');
    expect(verdict.text.zh).toBe('数据太少，尚不能下结论：现行方案组有 10 个样本，挑战方案组有 4 个，每组至少需要 5 个。');
    expect(outcomeVerdict(welch([1], []), { minPerArm: 2 }).verdict).toBe('insufficient_data');
  });

  it('names the better arm when the interval excludes 0', () => {
    const verdict = outcomeVerdict(welch(champion, higher), { minPerArm: 5 });
    expect(verdict.verdict).toBe('challenger_better');
    expect(verdict.text.en).toMatch(/^The challenger does better: challenger minus champion is \+1 \(95 % CI 0\.\d+ to 1\.\d+; p < 0\.001; 10 and 10 units\)\.$/);
    expect(verdict.text.zh).toMatch(/^挑战方案表现更好：挑战方案减现行方案的差值为 \+1（95% 置信区间 /);
    expect(outcomeVerdict(welch(higher, champion), { minPerArm: 5 }).verdict).toBe('champion_better');
  });

  it('follows the direction of the indicator', () => {
    expect(outcomeVerdict(welch(champion, higher), { minPerArm: 5, higherIsBetter: false }).verdict).toBe('champion_better');
  });

  it('reports no difference when the interval includes 0', () => {
    const verdict = outcomeVerdict(welch(champion, [...champion].reverse().map((v, i) => v + (i % 2 ? 0.05 : -0.05))), { minPerArm: 5 });
    expect(verdict.verdict).toBe('no_difference');
    expect(verdict.text.en).toContain('which includes 0');
    expect(verdict.text.zh).toContain('包含 0');
  });

  it('decides without a test when every value in each arm is the same', () => {
    expect(outcomeVerdict(welch([1, 1, 1], [1, 1, 1]), { minPerArm: 3 }).verdict).toBe('no_difference');
    const verdict = outcomeVerdict(welch([0, 0, 0], [1, 1, 1]), { minPerArm: 3 });
    expect(verdict.verdict).toBe('challenger_better');
    expect(verdict.text.en).toBe('Every unit in the champion arm has 0 and every unit in the challenger arm 1, so there is no spread to test; the challenger does better.');
  });

  it('needs minPerArm ≥ 2', () => {
    expect(() => outcomeVerdict(welch(champion, higher), { minPerArm: 1 })).toThrow(RangeError);
  });
});
