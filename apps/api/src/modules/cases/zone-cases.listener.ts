import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Tx } from '../../database/transaction';
import type { EvaluationRunEntity } from '../evaluations/evaluation-run.entity';
import { RunSucceededListeners } from '../evaluations/run-succeeded-listeners';
import { CaseWorkflows } from './case-workflows';
import { CasesRepository } from './cases.repository';
import { type CaseToOpen, OpenCases } from './open-cases';
import { CASE_TIMERS, type CaseTimers } from './sla/case-timers';

/**
 * Zone actions (SPEC §1.3): when a run's scorecards become current, every zone hit opens a case
 * on the published workflow whose key is the zone's action (`suspend_and_train`, `assign_mentor`,
 * `process_improvement`), once per staff member, period and zone rule. A workflow with a trigger
 * must also accept the hit's facts (`zone`, `action`). Runs inside the transaction that makes the
 * run current, so the cases land with the scorecards or not at all; no workflow, no case.
 */
@Injectable()
export class ZoneCases implements OnModuleInit {
  constructor(
    @Inject(RunSucceededListeners) private readonly listeners: RunSucceededListeners,
    @Inject(CasesRepository) private readonly cases: CasesRepository,
    @Inject(CaseWorkflows) private readonly workflows: CaseWorkflows,
    @Inject(OpenCases) private readonly openCases: OpenCases,
    @Inject(CASE_TIMERS) private readonly timers: CaseTimers,
  ) {}

  onModuleInit(): void {
    this.listeners.register(async (run, tx) => {
      await this.open(run, tx);
    });
  }

  async open(run: EvaluationRunEntity, tx: Tx): Promise<number> {
    const hits = await this.cases.zoneHits(run.id, tx);
    if (hits.length === 0) return 0;
    const byKey = new Map((await this.workflows.published(run.institutionId, tx)).map((workflow) => [workflow.key, workflow]));
    const requests: CaseToOpen[] = [];
    for (const hit of hits) {
      const workflow = byKey.get(hit.action);
      if (!workflow || (workflow.trigger && !workflow.trigger({ zone: hit.zone, action: hit.action }))) continue;
      requests.push({ workflow, source: 'zone', staffId: hit.staffId, teamId: hit.teamId, period: run.period, runId: run.id, zoneId: hit.zoneId, zone: hit.zone, action: hit.action });
    }
    const { opened, checks } = await this.openCases.open(run.institutionId, requests, tx);
    // Scheduled before commit: a check that finds no case (rolled back) does nothing, and due times are hours away.
    this.timers.schedule(checks);
    return opened.length;
  }
}
