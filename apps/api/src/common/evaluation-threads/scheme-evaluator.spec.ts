import { afterAll, describe, expect, it } from 'vitest';
import { compileScheme, EvaluationInputError, type SchemeDocumentInput, type StaffFacts } from '@carescore/engine';
import { miniScheme } from '../../../../../libs/engine/src/__fixtures__/mini-scheme';
import { type AppConfig, EVALUATION_DEFAULTS } from '../../config/app-config';
import { DomainError } from '../errors/domain-error';
import { EvaluationLimitExceeded, SchemeEvaluator } from './scheme-evaluator';

const evaluator = new SchemeEvaluator({ evaluation: { ...EVALUATION_DEFAULTS, budgetMs: 2000, threads: 1 } } as AppConfig);
afterAll(() => evaluator.onModuleDestroy());

const scheme = compileScheme(miniScheme() as SchemeDocumentInput);
const population: StaffFacts[] = [
  { staffId: 's1', tier: 'mid', inputs: { followups_done: 28, followups_planned: 30, alert_response_minutes: [5, 9, 12], nps: 40 } },
  { staffId: 's2', tier: 'mid', inputs: { followups_done: 10, followups_planned: 30, nps: -20 } },
];

describe('SchemeEvaluator', () => {
  it('gives exactly the scorecards of evaluating on the calling thread', async () => {
    const inline = scheme.evaluate(population, { period: '2026-Q1' });
    expect(await evaluator.evaluate(scheme, population, { period: '2026-Q1' })).toEqual(JSON.parse(JSON.stringify(inline)));
  }, 60_000);

  it("rethrows the engine's input errors as themselves, with their message", async () => {
    const error = await evaluator.evaluate(scheme, population, { period: 'not-a-period' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvaluationInputError);
    expect(() => scheme.evaluate(population, { period: 'not-a-period' })).toThrow((error as Error).message);
  }, 60_000);

  it('turns a chunk past the budget into EvaluationLimitExceeded, a 422 domain error naming the work', async () => {
    const heavy = compileScheme({
      ...(miniScheme() as SchemeDocumentInput),
      indicators: (miniScheme() as { indicators: Array<Record<string, unknown>> }).indicators.map((indicator, i) =>
        i === 0 ? { ...indicator, formula: Array.from({ length: 60 }, () => 'median(alert_response_minutes)').join(' + ') } : indicator,
      ),
    } as SchemeDocumentInput);
    const list = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 500);
    const members = Array.from({ length: 100 }, (_, i) => ({ staffId: `h${i}`, tier: 'mid', inputs: { followups_done: 1, followups_planned: 2, alert_response_minutes: list } }));
    const error = await evaluator.evaluateChunk([{ scheme: heavy, key: 'heavy', population: members }], { period: '2026-Q1' }, 'chunk 3 of the run (100 staff)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvaluationLimitExceeded);
    expect(error).toBeInstanceOf(DomainError);
    const message = 'chunk 3 of the run (100 staff) took longer than the evaluation budget of 2000 ms (EVALUATION_BUDGET_MS) and was stopped: simplify the formulas or evaluate fewer staff or smaller lists';
    expect(error).toMatchObject({ code: 'Unprocessable', limit: 'evaluation_budget_exceeded', message, details: [{ path: 'evaluation', message, code: 'evaluation_budget_exceeded' }] });
    // And the next evaluation is served by a fresh thread.
    expect(await evaluator.evaluate(scheme, population, { period: '2026-Q1' })).toHaveLength(2);
  }, 120_000);
});
