/**
 * `npx tsx test/bench/evaluation-threads.bench.ts`: what evaluating a run's chunk in an evaluation
 * thread costs over evaluating it on the calling thread (the structured clone of the members, their
 * history and the scorecards, and the hop), on the shipped templates with a chunk of the default size.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileScheme, parseAndValidateDocument, type SchemeDocument } from '@carescore/engine';
import { generatePopulation } from '../../libs/sample-data/src/generate-population';
import { SchemeEvaluator } from '../../apps/api/src/common/evaluation-threads/scheme-evaluator';
import { type AppConfig, EVALUATION_DEFAULTS, QUEUE_DEFAULTS } from '../../apps/api/src/config/app-config';

const CHUNK = QUEUE_DEFAULTS.evaluationChunkSize;
const RUNS = 15;

function loadTemplate(key: string): SchemeDocument {
  const result = parseAndValidateDocument(readFileSync(join(__dirname, '..', '..', 'rule-templates', `${key}.yaml`), 'utf8'));
  if (!result.ok || result.value.kind !== 'scheme') throw new Error(`${key}.yaml is not a valid scheme`);
  return result.value;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const evaluator = new SchemeEvaluator({ evaluation: EVALUATION_DEFAULTS } as AppConfig);
  try {
    for (const key of ['hm-3d9i', 'hospital-online-service']) {
      const scheme = compileScheme(loadTemplate(key));
      const population = generatePopulation(scheme.document, CHUNK);
      // Last period's scorecards as history, as the database gives them (JSON text) to a chunk.
      const storedHistory = scheme.evaluate(generatePopulation(scheme.document, CHUNK, 7), { period: '2026-02' }).map((scorecard) => ({ staffId: scorecard.staffId, result: JSON.stringify(scorecard) }));
      const groups = [{ scheme, key, population }];
      await evaluator.evaluateChunk(groups, { period: '2026-03', storedHistory }, 'warm-up');
      const direct: number[] = [];
      const threaded: number[] = [];
      const mainBusy: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        // Before: the driver parsed each stored result on the main thread, which then evaluated.
        let started = performance.now();
        const inline = scheme.evaluate(population, { period: '2026-03', history: storedHistory.map(({ result }) => JSON.parse(result)) });
        direct.push(performance.now() - started);
        started = performance.now();
        const loop = performance.eventLoopUtilization();
        const [viaThread] = await evaluator.evaluateChunk(groups, { period: '2026-03', storedHistory }, 'bench');
        threaded.push(performance.now() - started);
        mainBusy.push(performance.eventLoopUtilization(loop).active);
        if (JSON.stringify(viaThread) !== JSON.stringify(inline)) throw new Error(`${key}: the thread's scorecards differ from the inline ones`);
      }
      const [d, t] = [median(direct), median(threaded)];
      console.log(
        `${key}: chunk of ${CHUNK} staff with ${storedHistory.length} history scorecards — inline ${d.toFixed(1)} ms, in a thread ${t.toFixed(1)} ms (${t >= d ? '+' : ''}${(t - d).toFixed(1)} ms, ${(((t - d) / CHUNK) * 1000).toFixed(0)} µs per staff member), the main thread busy ${median(mainBusy).toFixed(1)} ms of it instead of ${d.toFixed(1)} ms; same scorecards`,
      );
    }
  } finally {
    await evaluator.onModuleDestroy();
  }
}

void main();
