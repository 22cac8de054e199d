import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { periodRange } from '../cases/periods';
import { RunInputProviders } from '../evaluations/run-input-providers';
import type { FactInputs } from '../facts/fact.entity';
import { InstitutionsRepository } from '../institutions/institutions.repository';
import { FeedbackRepository } from './feedback.repository';

/**
 * Feedback feeds scoring: when a run is planned, a scheme that declares these `number[]` inputs
 * gets them from the responses about each staff member dated in the run's period (by the institution's calendar):
 * `likert` every Likert answer (all dimensions), `likert_<dimension>` the answers of one
 * dimension, `nps` every NPS rating. Staff without responses get none (the indicator is missing).
 * Stored facts of the same name win.
 */
@Injectable()
export class FeedbackFactsProvider implements OnModuleInit {
  constructor(
    @Inject(RunInputProviders) private readonly providers: RunInputProviders,
    @Inject(FeedbackRepository) private readonly feedback: FeedbackRepository,
    @Inject(InstitutionsRepository) private readonly institutions: InstitutionsRepository,
  ) {}

  onModuleInit(): void {
    this.providers.register(async (request, tx) => {
      const lists = [...request.declared].filter(([name, declaration]) => declaration.type === 'number[]' && (name === 'likert' || name === 'nps' || name.startsWith('likert_'))).map(([name]) => name);
      const result = new Map<string, FactInputs>();
      if (lists.length === 0) return result;
      const wanted = new Set(lists);
      const { from, to } = periodRange(request.period, await this.institutions.timeZone(request.institutionId, tx));
      for (const answer of await this.feedback.answers(request.institutionId, request.staffIds, from, to, tx)) {
        const inputs = result.get(answer.staffId) ?? {};
        const push = (name: string, value: number) => {
          if (!wanted.has(name)) return;
          const list = (inputs[name] as number[] | undefined) ?? [];
          list.push(value);
          inputs[name] = list;
        };
        for (const dimension of Object.keys(answer.likert).sort()) {
          push('likert', answer.likert[dimension]);
          push(`likert_${dimension}`, answer.likert[dimension]);
        }
        if (answer.nps !== null) push('nps', answer.nps);
        if (Object.keys(inputs).length > 0) result.set(answer.staffId, inputs);
      }
      return result;
    });
  }
}
