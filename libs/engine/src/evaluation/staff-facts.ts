import { z } from 'zod';
import type { InputDeclaration, SchemeDocument } from '../schema/scheme.schema';
import type { EngineMessageCode, MessageParams } from '../messages/catalog';
import { issue, type ValidationIssue, type ValidationResult, joinPath, zodIssuesToValidationIssues } from '../validation/issues';
import { inputValueSchema } from './scorecard.schema';

/** Numbers one list input (`number[]`) may hold for one staff member and period. */
export const LIST_INPUT_MAX_LENGTH = 10_000;

/** Numbers the list inputs of one request may hold in all (a fact upload, a preview's facts). */
export const LIST_NUMBERS_MAX_PER_REQUEST = 1_000_000;

/** How many numbers the list inputs of a population hold in all. */
export function countListNumbers(population: Iterable<{ inputs?: Readonly<Record<string, unknown>> | null }>): number {
  let count = 0;
  for (const staff of population) {
    const inputs = staff.inputs ?? {};
    for (const name in inputs) {
      const value = inputs[name];
      if (Array.isArray(value)) count += value.length;
    }
  }
  return count;
}

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
  const issues = checkFacts(scheme, parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data as StaffFacts[], issues: [] };
}

/**
 * The checks of `validateFacts` on a population already of the right shape (input values still unchecked), for
 * callers that parsed it themselves: every problem, at paths like `[3].inputs.nps`. Paths are built only for
 * problems, since an upload holds hundreds of thousands of values.
 */
export function checkFacts(scheme: SchemeDocument, population: ReadonlyArray<{ staffId: string; tier?: string | null; inputs?: Readonly<Record<string, unknown>> }>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const tierIds = new Set(scheme.tiers.map((tier) => tier.id));
  const declaredNames = Object.keys(scheme.inputs).join(', ');
  const seen = new Set<string>();
  for (let index = 0; index < population.length; index += 1) {
    const staff = population[index];
    const report = (code: EngineMessageCode, params: MessageParams, ...path: string[]) => issues.push(issue(joinPath(joinPath('', index), ...path), code, params));
    if (seen.has(staff.staffId)) report('facts.duplicate_staff', { id: staff.staffId }, 'staffId');
    seen.add(staff.staffId);
    if (tierIds.size > 0 && (staff.tier == null || !tierIds.has(staff.tier))) report('facts.tier', { tiers: [...tierIds].join(', ') }, 'tier');
    const inputs = staff.inputs ?? {};
    for (const name in inputs) {
      if (!Object.hasOwn(inputs, name)) continue;
      const value = inputs[name];
      const declared = Object.hasOwn(scheme.inputs, name) ? scheme.inputs[name] : undefined;
      if (!declared) {
        report('facts.unknown_input', { name, declared: declaredNames }, 'inputs', name);
        continue;
      }
      if (Array.isArray(value) && value.length > LIST_INPUT_MAX_LENGTH) {
        report('list_input_too_long', { count: value.length, max: LIST_INPUT_MAX_LENGTH }, 'inputs', name);
        continue;
      }
      const problem = valueProblem(value, declared);
      if (problem !== null) report(problem.code, problem.params, 'inputs', name);
    }
  }
  return issues;
}

/** What is wrong with one input value for its declaration, or null (null itself is "not provided"). */
function valueProblem(value: unknown, declared: InputDeclaration): { code: EngineMessageCode; params: MessageParams } | null {
  if (value === null) return null;
  if (declared.type === 'number' && typeof value !== 'number') return { code: 'facts.not_number', params: {} };
  if (declared.type === 'number[]' && !Array.isArray(value)) return { code: 'facts.not_number_list', params: {} };
  const values: readonly unknown[] = Array.isArray(value) ? value : [value];
  for (const item of values) if (typeof item !== 'number') return { code: 'facts.not_number_list', params: {} };
  for (const item of values as readonly number[]) {
    if (!Number.isFinite(item) || (declared.min !== undefined && item < declared.min) || (declared.max !== undefined && item > declared.max)) {
      return { code: 'facts.out_of_range', params: { value: String(item), min: declared.min ?? '-∞', max: declared.max ?? '∞' } };
    }
  }
  return null;
}
