import type { ValidationIssue } from './issues';
import { issue, joinPath } from './issues';

/** What a condition may name: its facts, and for object facts the ids its path may start with. */
export interface ConditionVocabulary {
  /** Facts with a scalar value (inputs, composite, band, …). */
  scalarFacts: ReadonlySet<string>;
  /** Object facts whose first path segment must be one of the given ids (`indicator` → indicator ids). */
  keyedFacts: ReadonlyMap<string, { keys: ReadonlySet<string>; prefix?: string; what: string }>;
  /**
   * Object facts with named sections (`change`: `$.composite`, `$.dimension.<id>`, `$.indicator.<id>…`): the first path
   * segment must name a section, and the second one of its ids when the section has ids (undefined: a plain value).
   */
  sectionedFacts?: ReadonlyMap<string, ReadonlyMap<string, { keys: ReadonlySet<string>; what: string } | undefined>>;
  /** Object facts whose paths are not checked (`previous`). */
  freeFacts: ReadonlySet<string>;
}

interface FactReference {
  fact: string;
  path?: string;
  at: string;
}

function collectReferences(node: unknown, at: string, out: FactReference[]): void {
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  for (const key of ['all', 'any'] as const) {
    const list = record[key];
    if (Array.isArray(list)) list.forEach((child, index) => collectReferences(child, joinPath(at, key, index), out));
  }
  if (record.not !== undefined) collectReferences(record.not, joinPath(at, 'not'), out);
  if (typeof record.fact === 'string') {
    out.push({ fact: record.fact, path: typeof record.path === 'string' ? record.path : undefined, at });
    const value = record.value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const ref = value as Record<string, unknown>;
      if (typeof ref.fact === 'string') {
        out.push({ fact: ref.fact, path: typeof ref.path === 'string' ? ref.path : undefined, at: joinPath(at, 'value') });
      }
    }
  }
}

function pathSegments(path: string): string[] {
  return path
    .replace(/^\$/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((segment): segment is string => segment !== undefined && segment !== '');
}

/** Checks that every fact a condition names exists, and that object-fact paths name known ids. */
export function checkConditionReferences(condition: unknown, at: string, vocabulary: ConditionVocabulary): ValidationIssue[] {
  const references: FactReference[] = [];
  collectReferences(condition, at, references);
  const issues: ValidationIssue[] = [];
  for (const reference of references) {
    const keyed = vocabulary.keyedFacts.get(reference.fact);
    if (keyed) {
      if (reference.path === undefined) continue;
      const segments = pathSegments(reference.path);
      const offset = keyed.prefix === undefined ? 0 : 1;
      if (keyed.prefix !== undefined && segments[0] !== keyed.prefix) {
        issues.push(issue(joinPath(reference.at, 'path'), 'condition.path_prefix', { fact: reference.fact, prefix: keyed.prefix }));
        continue;
      }
      const id = segments[offset];
      if (id !== undefined && !keyed.keys.has(id)) {
        issues.push(issue(joinPath(reference.at, 'path'), 'condition.unknown_in_path', { kind: keyed.what, id, path: reference.path }));
      }
      continue;
    }
    const sections = vocabulary.sectionedFacts?.get(reference.fact);
    if (sections) {
      if (reference.path === undefined) continue;
      const [section, id] = pathSegments(reference.path);
      if (section === undefined) continue;
      if (!sections.has(section)) {
        issues.push(issue(joinPath(reference.at, 'path'), 'condition.unknown_section', { fact: reference.fact, section, allowed: [...sections.keys()].join(', ') }));
        continue;
      }
      const keyed = sections.get(section);
      if (keyed && id !== undefined && !keyed.keys.has(id)) {
        issues.push(issue(joinPath(reference.at, 'path'), 'condition.unknown_in_path', { kind: keyed.what, id, path: reference.path }));
      }
      continue;
    }
    if (vocabulary.scalarFacts.has(reference.fact) || vocabulary.freeFacts.has(reference.fact)) continue;
    issues.push(
      issue(joinPath(reference.at, 'fact'), 'condition.unknown_fact', {
        fact: reference.fact,
        allowed: `${[...vocabulary.keyedFacts.keys(), ...(vocabulary.sectionedFacts?.keys() ?? []), ...vocabulary.freeFacts].join(', ')}, composite, band, tier`,
      }),
    );
  }
  return issues;
}
