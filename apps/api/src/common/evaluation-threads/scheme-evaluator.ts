import { extname, resolve } from 'node:path';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type CompiledScheme, countListNumbers, type EvaluateOptions, EvaluationInputError, LIST_NUMBERS_MAX_PER_REQUEST, type Scorecard, type StaffFacts } from '@carescore/engine';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DomainError, payloadTooLarge } from '../errors/domain-error';
import { msg } from '../i18n/messages';
import type { SchemeEvaluationGroup, SchemeEvaluationTask, StoredScorecard } from './scheme-evaluation-task';
import { ThreadBudgetExceeded, ThreadMemoryExceeded, ThreadPool, ThreadTaskError } from './thread-pool';

export type EvaluationLimitCode = 'evaluation_budget_exceeded' | 'evaluation_memory_exceeded';

/**
 * An evaluation stopped at its time budget or memory limit: a 422 on a request, a run that fails
 * for good (retrying the same facts would stop again) in a job.
 */
export class EvaluationLimitExceeded extends DomainError {
  constructor(
    readonly limit: EvaluationLimitCode,
    message: string,
  ) {
    super('Unprocessable', message, [{ path: 'evaluation', message, code: limit }]);
  }
}

export interface ChunkGroup {
  scheme: CompiledScheme;
  /** The published version's id: the thread keeps its compilation. */
  key: string;
  population: readonly StaffFacts[];
  teamMeans?: EvaluateOptions['teamMeans'];
}

/**
 * Evaluates schemes in worker threads (ThreadPool), so that a heavy document — untrusted formulas on
 * large list inputs — never blocks the event loop that answers every other request, and stops at
 * EVALUATION_BUDGET_MS / EVALUATION_MEMORY_MB. One thread call per preview and per run chunk.
 */
@Injectable()
export class SchemeEvaluator implements OnModuleDestroy {
  private readonly pool: ThreadPool;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { budgetMs, memoryMb, threads } = config.evaluation;
    // scheme-evaluation.thread.ts from the sources, dist/api/scheme-evaluation.thread.js beside the compiled API.
    this.pool = new ThreadPool({ entry: resolve(__dirname, `scheme-evaluation.thread${extname(__filename)}`), size: threads, budgetMs, memoryMb });
  }

  /** `scheme.evaluate(population, options)` in a thread; `what` names the work in a limit's message. */
  async evaluate(scheme: CompiledScheme, population: readonly StaffFacts[], options: Pick<EvaluateOptions, 'period'> = {}, what = 'the evaluation'): Promise<Scorecard[]> {
    const numbers = countListNumbers(population);
    if (numbers > LIST_NUMBERS_MAX_PER_REQUEST) {
      const message = msg('evaluation.list_numbers_exceeded', { count: numbers, max: LIST_NUMBERS_MAX_PER_REQUEST });
      throw payloadTooLarge(message, [{ path: 'facts', message, code: 'list_numbers_exceeded' }]);
    }
    const [scorecards] = await this.run({ period: options.period, groups: [{ document: scheme.document, population }] }, what);
    return scorecards;
  }

  /** A run's chunk: its groups (one per scheme version) in one thread call, under one budget. */
  evaluateChunk(groups: readonly ChunkGroup[], options: Pick<EvaluateOptions, 'period' | 'history'> & { storedHistory?: readonly StoredScorecard[] }, what: string): Promise<Scorecard[][]> {
    return this.run(
      { period: options.period, history: options.history, storedHistory: options.storedHistory, groups: groups.map((group): SchemeEvaluationGroup => ({ key: group.key, document: group.scheme.document, population: group.population, teamMeans: group.teamMeans })) },
      what,
    );
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.destroy();
  }

  private async run(task: SchemeEvaluationTask, what: string): Promise<Scorecard[][]> {
    try {
      return await this.pool.run<Scorecard[][]>(task);
    } catch (error) {
      if (error instanceof ThreadBudgetExceeded) {
        throw new EvaluationLimitExceeded(
          'evaluation_budget_exceeded',
          msg('evaluation.budget_exceeded', { what, budget: error.budgetMs }),
        );
      }
      if (error instanceof ThreadMemoryExceeded) {
        throw new EvaluationLimitExceeded(
          'evaluation_memory_exceeded',
          msg('evaluation.memory_exceeded', { what, memory: error.memoryMb }),
        );
      }
      if (error instanceof ThreadTaskError && error.remoteName === 'EvaluationInputError') throw new EvaluationInputError(error.message);
      throw error;
    }
  }
}
