import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction';
import { InboxRepository, type StageStart } from '../notifications/inbox.repository';
import type { CaseSource } from './case.entity';
import { type LoadedWorkflow, stageOf } from './case-workflows';
import { CasesRepository, type OpenedCase } from './cases.repository';
import { CLOCK, type Clock } from './clock';
import { addHours } from './periods';
import type { CaseCheck } from './sla/case-timers';

/** A case to open on a workflow's first stage. */
export interface CaseToOpen {
  workflow: LoadedWorkflow;
  source: CaseSource;
  staffId: string;
  teamId: string | null;
  period: string;
  feedbackId?: string;
  runId?: string;
  zoneId?: string;
  zone?: string;
  action?: string;
}

/** The moments a stage visit must be looked at: its due time and each escalation step after it. */
export function checksFor(workflow: LoadedWorkflow, caseId: string, visitId: string, dueAt: Date): CaseCheck[] {
  const times = new Set([dueAt.getTime(), ...workflow.document.escalation.map((step) => addHours(dueAt, step.afterHours).getTime())]);
  return [...times].sort((a, b) => a - b).map((at) => ({ caseId, visitId, at: new Date(at) }));
}

/** The inbox's note of a stage that starts: the workflow's and stage's names in both languages and its SLA hours. */
export function stageStart(workflow: LoadedWorkflow, stageIndex: number, caseId: string): StageStart {
  const stage = stageOf(workflow, stageIndex);
  return {
    caseId,
    role: stage.role,
    params: {
      workflow: { zh: workflow.name.zh ?? workflow.name.en ?? workflow.key, en: workflow.name.en ?? workflow.name.zh ?? workflow.key },
      stage: { zh: stage.name?.zh ?? stage.name?.en ?? stage.id, en: stage.name?.en ?? stage.name?.zh ?? stage.id },
      hours: stage.slaHours,
    },
  };
}

/**
 * Opens cases (from feedback or zone hits) on the first stage of the pinned workflow version, due
 * `slaHours` after opening. Idempotent: a case that exists already is not opened again. Returns
 * the cases opened and the checks to schedule once the transaction has committed. Whoever can act on
 * each first stage finds it in their inbox (same transaction).
 */
@Injectable()
export class OpenCases {
  constructor(
    @Inject(CasesRepository) private readonly repository: CasesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(InboxRepository) private readonly inbox: InboxRepository,
  ) {}

  async open(institutionId: string, requests: readonly CaseToOpen[], tx: Tx): Promise<{ opened: OpenedCase[]; checks: CaseCheck[] }> {
    if (requests.length === 0) return { opened: [], checks: [] };
    const now = this.clock.now();
    const opened = await this.repository.openCases(
      requests.map((request) => {
        const first = stageOf(request.workflow, 0);
        return {
          institutionId,
          source: request.source,
          workflowDocumentId: request.workflow.documentId,
          workflowVersionId: request.workflow.versionId,
          workflowKey: request.workflow.key,
          workflowVersion: request.workflow.version,
          staffId: request.staffId,
          teamId: request.teamId,
          period: request.period,
          feedbackId: request.feedbackId ?? null,
          runId: request.runId ?? null,
          zoneId: request.zoneId ?? null,
          zone: request.zone ?? null,
          action: request.action ?? null,
          stage: first.id,
          stageIndex: 0,
          openedAt: now,
          dueAt: addHours(now, first.slaHours),
        };
      }),
      tx,
    );
    const workflows = new Map(requests.map((request) => [request.workflow.key, request.workflow]));
    const checks = opened.flatMap((item) => checksFor(workflows.get(item.workflowKey) as LoadedWorkflow, item.caseId, item.visitId, item.dueAt));
    await this.inbox.addStageStarts(opened.map((item) => stageStart(workflows.get(item.workflowKey) as LoadedWorkflow, 0, item.caseId)), now, tx);
    return { opened, checks };
  }
}
