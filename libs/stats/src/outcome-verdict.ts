import type { ArmCounts } from './assignment';
import type { WelchResult } from './welch';

export type OutcomeVerdictKind = 'insufficient_data' | 'challenger_better' | 'champion_better' | 'no_difference';

export interface OutcomeVerdict {
  verdict: OutcomeVerdictKind;
  units: ArmCounts;
  text: { zh: string; en: string };
}

export interface OutcomeVerdictOptions {
  /** Fewer units than this in either arm: too little data to decide. At least 2. */
  minPerArm: number;
  /** Whether a higher indicator is the better outcome (satisfaction, NPS, renewal); default true. */
  higherIsBetter?: boolean;
}

/**
 * The plain-language verdict on an outcome indicator of a split experiment, from `welch(champion,
 * challenger)`: insufficient data when either arm has fewer than `minPerArm` units, otherwise a
 * better arm when the confidence interval of the difference excludes 0, otherwise no difference.
 */
export function outcomeVerdict(result: WelchResult, options: OutcomeVerdictOptions): OutcomeVerdict {
  const { minPerArm, higherIsBetter = true } = options;
  if (!Number.isSafeInteger(minPerArm) || minPerArm < 2) throw new RangeError(`minPerArm must be an integer ≥ 2: ${minPerArm}`);
  const units: ArmCounts = { champion: result.a.n, challenger: result.b.n };

  if (units.champion < minPerArm || units.challenger < minPerArm || result.status === 'too_few_values') {
    return {
      verdict: 'insufficient_data',
      units,
      text: {
        en: `Too little data to decide: the champion arm has ${units.champion} units and the challenger arm ${units.challenger}; each arm needs at least ${minPerArm}.`,
        zh: `数据太少，尚不能下结论：现行方案组有 ${units.champion} 个样本，挑战方案组有 ${units.challenger} 个，每组至少需要 ${minPerArm} 个。`,
      },
    };
  }

  if (result.status !== 'estimated') {
    // no_variance: nothing varies, so the difference of the means is exact.
    const difference = result.difference ?? 0;
    const champion = formatNumber(result.a.mean ?? 0);
    const challenger = formatNumber(result.b.mean ?? 0);
    const verdict = difference === 0 ? 'no_difference' : betterArm(difference > 0, higherIsBetter);
    return {
      verdict,
      units,
      text: {
        en: `Every unit in the champion arm has ${champion} and every unit in the challenger arm ${challenger}, so there is no spread to test; ${verdictEn(verdict)}.`,
        zh: `现行方案组的每个样本都是 ${champion}，挑战方案组的每个样本都是 ${challenger}，数据没有波动，无法做检验；${verdictZh(verdict)}。`,
      },
    };
  }

  const { lower, upper, level } = result.confidenceInterval;
  const verdict = lower > 0 || upper < 0 ? betterArm(lower > 0, higherIsBetter) : 'no_difference';
  const percent = formatNumber(level * 100);
  const interval = { en: `${percent} % CI ${formatNumber(lower)} to ${formatNumber(upper)}`, zh: `${percent}% 置信区间 ${formatNumber(lower)} 至 ${formatNumber(upper)}` };
  const p = formatPValue(result.pValue);
  const difference = formatSigned(result.difference);
  const sizes = { en: `${units.champion} and ${units.challenger} units`, zh: `两组分别 ${units.champion} 和 ${units.challenger} 个样本` };
  if (verdict === 'no_difference') {
    return {
      verdict,
      units,
      text: {
        en: `No clear difference: challenger minus champion is ${difference} (${interval.en}, which includes 0; ${p}; ${sizes.en}). The data do not show either scheme to be better.`,
        zh: `没有明确差异：挑战方案减现行方案的差值为 ${difference}（${interval.zh}，包含 0；${p}；${sizes.zh}），数据不能说明哪个方案更好。`,
      },
    };
  }
  return {
    verdict,
    units,
    text: {
      en: `${capitalize(verdictEn(verdict))}: challenger minus champion is ${difference} (${interval.en}; ${p}; ${sizes.en}).`,
      zh: `${verdictZh(verdict)}：挑战方案减现行方案的差值为 ${difference}（${interval.zh}；${p}；${sizes.zh}）。`,
    },
  };
}

function betterArm(challengerHigher: boolean, higherIsBetter: boolean): 'challenger_better' | 'champion_better' {
  return challengerHigher === higherIsBetter ? 'challenger_better' : 'champion_better';
}

function verdictEn(verdict: OutcomeVerdictKind): string {
  if (verdict === 'challenger_better') return 'the challenger does better';
  if (verdict === 'champion_better') return 'the champion does better';
  return 'the two arms do not differ';
}

function verdictZh(verdict: OutcomeVerdictKind): string {
  if (verdict === 'challenger_better') return '挑战方案表现更好';
  if (verdict === 'champion_better') return '现行方案表现更好';
  return '两组没有差异';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Three significant digits: enough for a sentence, whatever the indicator's scale. */
function formatNumber(value: number): string {
  return String(Number(value.toPrecision(3)));
}

function formatSigned(value: number): string {
  return value > 0 ? `+${formatNumber(value)}` : formatNumber(value);
}

function formatPValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${Number(p.toPrecision(2))}`;
}
