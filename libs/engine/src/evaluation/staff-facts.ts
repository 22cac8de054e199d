import { z } from 'zod';
import type { SchemeDocument } from '../schema/scheme.schema';
import { type ValidationIssue, type ValidationResult, joinPath, zodIssuesToValidationIssues } from '../validation/issues';
import { inputValueSchema } from './scorecard.schema';

/** One staff member's facts for one period: what `evaluate` consumes. */
export const staffFactsSchema = z.strictObject({
  staffId: z.string().min(1, 'must not be empty'),
  team: z.string().nullable().optional(),
  tier: z.string().nullable().optional(),
  inputs: z.record(z.string(), inputValueSchema).default({}),
});
export type StaffFacts = z.input<typeof staffFactsSchema>;

export const populationSchema = z.array(staffFactsSchema);

/** The same shape with input values left unchecked, so that validateFacts can report every bad value at its path. */
const loosePopulationSchema = z.array(staffFactsSchema.extend({ inputs: z.record(z.string(), z.unknown()).default({}) }));

/**
 * Checks a population against a scheme: declared inputs only, right types, declared ranges,
 * known tiers, unique staff ids. `evaluate` tolerates bad facts (they become missing values);
 * callers that take facts from users check them here first.
 */
export function validateFacts(scheme: SchemeDocument, raw: unknown): ValidationResult<StaffFacts[]> {
  const parsed = loosePopulationSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: zodIssuesToValidationIssues(parsed.error) };
  const issues: ValidationIssue[] = [];
  const tierIds = new Set(scheme.tiers.map((tier) => tier.id));
  const seen = new Set<string>();
  parsed.data.forEach((staff, index) => {
    const at = joinPath('', index);
    if (seen.has(staff.staffId)) issues.push({ path: joinPath(at, 'staffId'), message: `duplicate staffId ${staff.staffId}` });
    seen.add(staff.staffId);
    if (tierIds.size > 0 && (staff.tier == null || !tierIds.has(staff.tier))) {
      issues.push({ path: joinPath(at, 'tier'), message: `must be one of ${[...tierIds].join(', ')}` });
    }
    for (const [name, value] of Object.entries(staff.inputs)) {
      const inputAt = joinPath(at, 'inputs', name);
      const declared = Object.hasOwn(scheme.inputs, name) ? scheme.inputs[name] : undefined;
      if (!declared) {
        issues.push({ path: inputAt, message: `unknown input ${name}: the scheme declares ${Object.keys(scheme.inputs).join(', ')}` });
        continue;
      }
      if (value === null) continue;
      if (declared.type === 'number' && typeof value !== 'number') {
        issues.push({ path: inputAt, message: 'must be a number' });
        continue;
      }
      if (declared.type === 'number[]' && !Array.isArray(value)) {
        issues.push({ path: inputAt, message: 'must be a list of numbers' });
        continue;
      }
      const values: unknown[] = Array.isArray(value) ? value : [value];
      if (values.some((v) => typeof v !== 'number')) {
        issues.push({ path: inputAt, message: 'must be a list of numbers' });
        continue;
      }
      const outOfRange = (values as number[]).find((v) => !Number.isFinite(v) || (declared.min !== undefined && v < declared.min) || (declared.max !== undefined && v > declared.max));
      if (outOfRange !== undefined) {
        const range = `${declared.min ?? '-∞'}…${declared.max ?? '∞'}`;
        issues.push({ path: inputAt, message: `${outOfRange} is outside the declared range ${range}` });
      }
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data as StaffFacts[], issues: [] };
}
