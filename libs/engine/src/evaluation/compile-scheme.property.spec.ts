import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { miniScheme } from '../__fixtures__/mini-scheme';
import { compileScheme } from './compile-scheme';
import type { StaffFacts } from './staff-facts';

const scheme = compileScheme(miniScheme());

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });

const staffArb = fc.record({
  team: fc.constantFrom('t1', 't2', 't3'),
  tier: fc.constantFrom('junior', 'mid', 'senior'),
  followups_planned: maybe(fc.integer({ min: 0, max: 60 })),
  followups_done: maybe(fc.integer({ min: 0, max: 60 })),
  records_complete: maybe(fc.double({ min: 0, max: 100, noNaN: true })),
  alert_response_minutes: maybe(fc.array(fc.integer({ min: 0, max: 900 }), { maxLength: 6 })),
  nps: maybe(fc.integer({ min: -100, max: 100 })),
  plan_updates: maybe(fc.integer({ min: 0, max: 10 })),
  complaints_major: maybe(fc.integer({ min: 0, max: 3 })),
});

const populationArb = fc.array(staffArb, { minLength: 1, maxLength: 30 }).map((rows): StaffFacts[] =>
  rows.map(({ team, tier, ...inputs }, index) => ({
    staffId: `s${index}`,
    team,
    tier,
    inputs: Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined)) as StaffFacts['inputs'],
  })),
);

describe('evaluation properties', () => {
  it('keeps scores in 0…100, composites in range, and renormalised shares summing to 1', () => {
    fc.assert(
      fc.property(populationArb, (population) => {
        for (const card of scheme.evaluate(population, { period: '2026-Q1' })) {
          for (const result of Object.values(card.indicators)) {
            if (result.score !== undefined) {
              expect(result.score).toBeGreaterThanOrEqual(0);
              expect(result.score).toBeLessThanOrEqual(100);
            }
          }
          for (const dimension of Object.values(card.dimensions)) {
            if (dimension.score !== null) expect(dimension.score).toBeGreaterThanOrEqual(-1e-9);
            if (dimension.score !== null) expect(dimension.score).toBeLessThanOrEqual(100 + 1e-9);
          }
          if (card.composite !== null) {
            expect(card.composite).toBeGreaterThanOrEqual(0);
            expect(card.composite).toBeLessThanOrEqual(100);
            const shares = Object.values(card.indicators).reduce((sum, result) => sum + (result.share ?? 0), 0);
            expect(shares).toBeCloseTo(1, 9);
          }
        }
      }),
      { numRuns: 300, seed: 99 },
    );
  });

  it('is deterministic and independent of population order', () => {
    fc.assert(
      fc.property(populationArb.chain((population) => fc.tuple(fc.constant(population), fc.shuffledSubarray(population, { minLength: population.length, maxLength: population.length }))), ([population, shuffled]) => {
        const byId = (cards: ReturnType<typeof scheme.evaluate>) => new Map(cards.map((card) => [card.staffId, card]));
        const first = byId(scheme.evaluate(population, { period: '2026-Q1' }));
        const again = byId(scheme.evaluate(population, { period: '2026-Q1' }));
        const reordered = byId(scheme.evaluate(shuffled, { period: '2026-Q1' }));
        for (const [id, card] of first) {
          expect(again.get(id)).toEqual(card);
          expect(reordered.get(id)).toEqual(card);
        }
      }),
      { numRuns: 200, seed: 12345 },
    );
  });

  it('evaluated in chunks with the whole population\'s team means, gives the same scorecards as in one go', () => {
    expect(scheme.usesTeamMeans).toBe(true);
    fc.assert(
      fc.property(populationArb, fc.integer({ min: 1, max: 7 }), (population, chunkSize) => {
        const whole = scheme.evaluate(population, { period: '2026-Q1' });
        const teamMeans = scheme.teamMeans(population);
        const chunked = [];
        for (let i = 0; i < population.length; i += chunkSize) chunked.push(...scheme.evaluate(population.slice(i, i + chunkSize), { period: '2026-Q1', teamMeans }));
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('a better follow-up count never lowers the composite', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (planned, a, b) => {
        const [low, high] = [Math.min(a, b, planned), Math.min(Math.max(a, b), planned)];
        const facts = (done: number): StaffFacts => ({ staffId: 'x', team: 't', tier: 'mid', inputs: { followups_planned: planned, followups_done: done, records_complete: 80, nps: 10 } });
        const [worse] = scheme.evaluate([facts(low)]);
        const [better] = scheme.evaluate([facts(high)]);
        expect(better.composite as number).toBeGreaterThanOrEqual((worse.composite as number) - 1e-9);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
