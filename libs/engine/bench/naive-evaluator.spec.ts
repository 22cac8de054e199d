import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScheme, parseAndValidateDocument, type SchemeDocument } from '../src';
import { evaluateNaive } from './naive-evaluator';
import { generatePopulation } from '../../sample-data/src/generate-population';

function template(key: string): SchemeDocument {
  const result = parseAndValidateDocument(readFileSync(join(__dirname, '..', '..', '..', 'rule-templates', `${key}.yaml`), 'utf8'));
  if (!result.ok || result.value.kind !== 'scheme') throw new Error(`${key}: ${JSON.stringify(result.ok || result.issues)}`);
  return result.value;
}

describe.each(['hm-3d9i', 'hospital-online-service', 'career-tiers'])('bench on %s', (key) => {
  const doc = template(key);

  it('generates the same population for the same seed, within the declared ranges', () => {
    const population = generatePopulation(doc, 300);
    expect(generatePopulation(doc, 300)).toEqual(population);
    const teams = new Set(population.map((staff) => staff.team));
    expect(teams.size).toBeGreaterThanOrEqual(3);
    expect(teams.size).toBeLessThanOrEqual(10);
    let absent = 0;
    for (const staff of population) {
      for (const [name, declared] of Object.entries(doc.inputs)) {
        const value = staff.inputs?.[name];
        if (value === undefined) {
          absent += 1;
          continue;
        }
        expect(Array.isArray(value)).toBe(declared.type === 'number[]');
        for (const v of Array.isArray(value) ? value : [value as number]) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(declared.min ?? -Infinity);
          expect(v).toBeLessThanOrEqual(declared.max ?? Infinity);
        }
      }
    }
    const share = absent / (population.length * Object.keys(doc.inputs).length);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.06);
  });

  it('the naive baseline computes the same scorecards as the compiled engine', async () => {
    const population = generatePopulation(doc, 300, 7);
    const compiled = compileScheme(doc).evaluate(population);
    const naive = await evaluateNaive(doc, population);
    naive.forEach((card, i) => {
      const expected = compiled[i];
      expect(card.composite).toBe(expected.composite);
      expect(card.band).toBe(expected.band);
      expect(card.zone).toBe(expected.zone);
      expect(card.zones).toEqual(expected.zones.map((zone) => zone.id));
      expect(card.hints).toEqual(expected.hints.map((hint) => hint.id));
      expect(card.promotion).toEqual(expected.promotion);
      for (const [id, result] of Object.entries(expected.indicators)) {
        expect(card.indicators[id]).toEqual({ status: result.status, ...(result.value === undefined ? {} : { value: result.value }), ...(result.score === undefined ? {} : { score: result.score }) });
      }
    });
    // The population exercises the conditions, not just the arithmetic.
    if (doc.zones.length > 0) expect(compiled.some((card) => card.zone !== null)).toBe(true);
    if (doc.tiers.some((tier) => tier.promotion)) expect(compiled.some((card) => card.promotion?.criteriaMet)).toBe(true);
    if (doc.hints.length > 0) expect(compiled.some((card) => card.hints.length > 0)).toBe(true);
    expect(compiled.some((card) => Object.values(card.indicators).some((result) => result.status === 'missing'))).toBe(true);
  });
});
