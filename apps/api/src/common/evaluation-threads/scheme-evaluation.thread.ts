// Runs in an evaluation thread (see ThreadPool): relative imports, so no path alias is needed there.
import { type CompiledScheme, compileScheme, type Scorecard } from '../../../../../libs/engine/src/index';
import type { SchemeEvaluationTask } from './scheme-evaluation-task';

/** Compiled schemes by cache key (a published version's id); versions never change. */
const compiled = new Map<string, CompiledScheme>();
const CACHE_LIMIT = 32;

function schemeOf(group: SchemeEvaluationTask['groups'][number]): CompiledScheme {
  if (group.key === undefined) return compileScheme(group.document);
  let scheme = compiled.get(group.key);
  if (!scheme) {
    scheme = compileScheme(group.document);
    compiled.set(group.key, scheme);
    if (compiled.size > CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
  }
  return scheme;
}

export function handle(task: SchemeEvaluationTask): Scorecard[][] {
  const history = task.storedHistory ? task.storedHistory.map(({ staffId, result }): Scorecard => ({ ...(JSON.parse(result) as Scorecard), staffId })) : task.history;
  return task.groups.map((group) => schemeOf(group).evaluate(group.population, { period: task.period, history, teamMeans: group.teamMeans }));
}
