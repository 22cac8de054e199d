import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { FactInputs } from '../facts/fact.entity';
import { RunInputProviders } from '../evaluations/run-input-providers';
import { CaseReportsRepository } from './case-reports.repository';

/** Numeric inputs derived from cases for each staff member and period (see docs/cases.md). */
export const CASE_FACTS = ['cases_opened', 'cases_closed', 'cases_closed_in_sla', 'median_hours_to_close'] as const;

/**
 * Loop back to scoring: when a run is planned, a scheme that declares any of CASE_FACTS as
 * `number` inputs gets them computed from the feedback cases (complaints) of its staff in the
 * run's period (the institution's calendar): opened in it, closed in it, closed with no stage past its due time, and the
 * median hours from opening to closing of those closed in it (absent when none closed). Zone
 * cases do not count (they follow from scoring). Stored facts win.
 */
@Injectable()
export class CaseFactsProvider implements OnModuleInit {
  constructor(
    @Inject(RunInputProviders) private readonly providers: RunInputProviders,
    @Inject(CaseReportsRepository) private readonly reports: CaseReportsRepository,
  ) {}

  onModuleInit(): void {
    this.providers.register(async (request, tx) => {
      const wanted = CASE_FACTS.filter((name) => request.declared.get(name)?.type === 'number');
      if (wanted.length === 0) return new Map();
      const facts = await this.reports.caseFacts(request.institutionId, request.period, request.staffIds, tx);
      const result = new Map<string, FactInputs>();
      for (const [staffId, inputs] of facts) {
        const kept: FactInputs = {};
        for (const name of wanted) if (inputs[name] !== undefined) kept[name] = inputs[name];
        result.set(staffId, kept);
      }
      return result;
    });
  }
}
