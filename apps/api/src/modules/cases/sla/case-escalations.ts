import { Inject, Injectable, Logger } from '@nestjs/common';
import type { LocalizedText, Role } from '@carescore/engine';
import { TransactionRunner, type Tx } from '../../../database/transaction';
import type { NotificationRecipient, NotifyTarget } from '../../notifications/notification.entity';
import { NotificationDelivery } from '../../notifications/notification-delivery';
import { InboxRepository } from '../../notifications/inbox.repository';
import { NotificationsRepository } from '../../notifications/notifications.repository';
import { stageStart } from '../open-cases';
import type { CaseEntity, CaseStageVisitEntity } from '../case.entity';
import { type LoadedWorkflow, stageOf } from '../case-workflows';
import { CaseWorkflows } from '../case-workflows';
import { CasesRepository, type UserRef } from '../cases.repository';
import { CaseSlaRepository } from './case-sla.repository';
import { CLOCK, type Clock } from '../clock';
import { addHours, hoursBetween } from '../periods';

/** Cases looked at per sweep round; a sweep runs rounds until nothing is due. */
const SWEEP_BATCH = 200;
/** Who can act on a stage hears once when it is this close to its due time. */
export const DUE_SOON_HOURS = 4;

export interface SweepResult {
  checked: number;
  breached: number;
  escalated: number;
  delivered: number;
  dueSoon: number;
}

interface CheckOutcome {
  breached: boolean;
  escalated: number;
  notificationIds: string[];
}

const ROLE_OF_TARGET: Record<NotifyTarget, Role> = { manager: 'manager', director: 'admin', quality_officer: 'quality_officer', admin: 'admin' };
const TARGET_NAMES: Record<NotifyTarget, LocalizedText> = {
  manager: { zh: '团队经理', en: 'team manager' },
  director: { zh: '主管', en: 'director' },
  quality_officer: { zh: '质控专员', en: 'quality officer' },
  admin: { zh: '管理员', en: 'administrator' },
};

const hoursText = (hours: number) => (Math.round(hours * 10) / 10).toString();

/**
 * SLA breaches and escalation. `check(caseId)` looks at a case's current stage visit as of the
 * clock: past its due time it is marked breached (a `breached` event); each escalation step whose
 * `afterHours` past the due time has come notifies its target once (a notification record and an
 * `escalated` event). Runs under the case's row lock, so a delayed job, the sweep and an officer's
 * action never interleave; everything is idempotent. Notices are sent after the transaction commits.
 *
 * Escalation targets: `manager` is the manager of the case's team, `director` the institution's
 * admins (CareScore has no director role), `quality_officer` the case's assignee if they are one,
 * else every quality officer, `admin` every admin.
 */
@Injectable()
export class CaseEscalations {
  private readonly logger = new Logger('CaseEscalations');

  constructor(
    @Inject(CasesRepository) private readonly cases: CasesRepository,
    @Inject(CaseSlaRepository) private readonly sla: CaseSlaRepository,
    @Inject(CaseWorkflows) private readonly workflows: CaseWorkflows,
    @Inject(NotificationsRepository) private readonly notifications: NotificationsRepository,
    @Inject(NotificationDelivery) private readonly delivery: NotificationDelivery,
    @Inject(InboxRepository) private readonly inbox: InboxRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Marks a breach and fires the escalation steps that are due for one case. */
  async check(caseId: string): Promise<CheckOutcome> {
    const outcome = await this.transactions.run((tx) => this.checkLocked(caseId, tx));
    if (outcome.notificationIds.length > 0) await this.delivery.deliver(outcome.notificationIds);
    return outcome;
  }

  /**
   * Every case with something due, in rounds, then every notice not yet delivered. Called
   * periodically (in-process, or as a repeatable BullMQ job) and after a restart, so nothing
   * depends on a delayed job having been delivered.
   */
  async sweep(): Promise<SweepResult> {
    const result: SweepResult = { checked: 0, breached: 0, escalated: 0, delivered: 0, dueSoon: 0 };
    const seen = new Set<string>();
    for (;;) {
      const due = (await this.sla.dueForCheck(this.clock.now(), SWEEP_BATCH)).filter((id) => !seen.has(id));
      if (due.length === 0) break;
      for (const caseId of due) {
        seen.add(caseId);
        try {
          const outcome = await this.transactions.run((tx) => this.checkLocked(caseId, tx));
          result.checked += 1;
          if (outcome.breached) result.breached += 1;
          result.escalated += outcome.escalated;
        } catch (error) {
          this.logger.error(`sweep: case ${caseId}: ${(error as Error).message}`);
        }
      }
    }
    result.delivered = await this.delivery.deliverUndelivered();
    result.dueSoon = await this.noticeDueSoon();
    return result;
  }

  /** Tells who can act on each open stage coming due within DUE_SOON_HOURS, once per stage visit; the number of stages. */
  async noticeDueSoon(): Promise<number> {
    let noticed = 0;
    for (;;) {
      const round = await this.transactions.run(async (tx) => {
        const now = this.clock.now();
        const visits = await this.sla.claimDueSoon(now, DUE_SOON_HOURS, SWEEP_BATCH, tx);
        const workflows = await this.workflows.pinned(visits.map((visit) => visit.workflowVersionId), tx);
        const starts = visits.flatMap((visit) => {
          const workflow = workflows.get(visit.workflowVersionId);
          if (!workflow) return [];
          const start = stageStart(workflow, visit.stageIndex, visit.caseId);
          return [{ ...start, params: { ...start.params, hours: Math.ceil(hoursBetween(now, visit.dueAt) * 10) / 10 } }];
        });
        await this.inbox.addStageStarts(starts, now, tx, 'case_stage_due_soon');
        return visits.length;
      });
      noticed += round;
      if (round < SWEEP_BATCH) return noticed;
    }
  }

  private async checkLocked(caseId: string, tx: Tx): Promise<CheckOutcome> {
    const outcome: CheckOutcome = { breached: false, escalated: 0, notificationIds: [] };
    const current = await this.cases.lock(caseId, tx);
    if (!current || current.status !== 'open') return outcome;
    const visit = await this.cases.openVisit(caseId, tx);
    const now = this.clock.now();
    if (!visit || visit.nextCheckAt === null || visit.nextCheckAt.getTime() > now.getTime()) return outcome;
    const workflow = await this.workflows.pinnedOne(current.workflowVersionId, tx);
    const stage = stageOf(workflow, visit.stageIndex);

    const breached = visit.breached || now.getTime() >= visit.dueAt.getTime();
    if (!visit.breached && breached) {
      await this.cases.markBreached(visit, tx);
      await this.cases.appendEvent(
        { institutionId: current.institutionId, caseId, type: 'breached', actor: null, stage: stage.id, data: { dueAt: visit.dueAt.toISOString(), slaHours: stage.slaHours }, at: now },
        tx,
      );
      outcome.breached = true;
    }

    const steps = workflow.document.escalation;
    let fired = visit.escalations;
    while (breached && fired < steps.length && addHours(visit.dueAt, steps[fired].afterHours).getTime() <= now.getTime()) {
      const id = await this.escalate(current, visit, workflow, fired, now, tx);
      if (id) outcome.notificationIds.push(id);
      outcome.escalated += 1;
      fired += 1;
    }
    const next = !breached ? visit.dueAt : fired < steps.length ? addHours(visit.dueAt, steps[fired].afterHours) : null;
    await this.sla.setEscalations(visit.id, fired, next, tx);
    return outcome;
  }

  /** One escalation step: the notice (once per visit and step) and the `escalated` event. */
  private async escalate(current: CaseEntity, visit: CaseStageVisitEntity, workflow: LoadedWorkflow, step: number, now: Date, tx: Tx): Promise<string | null> {
    const { notify, afterHours } = workflow.document.escalation[step];
    const recipients = await this.recipients(current, notify, tx);
    const stage = stageOf(workflow, visit.stageIndex);
    const view = await this.cases.findVisible({ institutionId: current.institutionId, role: 'admin', userId: '', staffId: null }, current.id, tx);
    const overdue = hoursBetween(visit.dueAt, now);
    const staff = view ? `${view.staffCode} ${view.staffName}` : current.staffId;
    const workflowName = { zh: workflow.name.zh ?? workflow.key, en: workflow.name.en ?? workflow.key };
    const stageName = { zh: stage.name?.zh ?? stage.id, en: stage.name?.en ?? stage.id };
    const message = {
      title: { zh: `工单超时升级：${workflowName.zh}`, en: `Case overdue: ${workflowName.en}` },
      zh: `【CareScore】${workflowName.zh} · ${stageName.zh} 已超时 ${hoursText(overdue)} 小时（时限 ${stage.slaHours} 小时）。员工：${staff}。已通知${TARGET_NAMES[notify].zh}${recipients.length > 0 ? `：${recipients.map((r) => r.name).join('、')}` : '（未找到接收人）'}。工单 ${current.id}`,
      en: `[CareScore] ${workflowName.en} · ${stageName.en} is ${hoursText(overdue)} h past its ${stage.slaHours} h SLA. Staff: ${staff}. Escalated to the ${TARGET_NAMES[notify].en}${recipients.length > 0 ? `: ${recipients.map((r) => r.email).join(', ')}` : ' (nobody found to notify)'}. Case ${current.id}`,
    };
    const id = await this.notifications.insert(
      { institutionId: current.institutionId, caseId: current.id, visitId: visit.id, step, stage: stage.id, notify, recipients, message, dueAt: addHours(visit.dueAt, afterHours), createdAt: now },
      tx,
    );
    await this.cases.appendEvent(
      {
        institutionId: current.institutionId,
        caseId: current.id,
        type: 'escalated',
        actor: null,
        stage: stage.id,
        data: { step, notify, afterHours, overdueHours: overdue, recipients: recipients.map((r) => r.email), notificationId: id },
        at: now,
      },
      tx,
    );
    return id;
  }

  private async recipients(current: CaseEntity, notify: NotifyTarget, tx: Tx): Promise<NotificationRecipient[]> {
    let users: UserRef[];
    if (notify === 'manager') users = await this.sla.teamManager(current.institutionId, current.teamId, tx);
    else if (notify === 'quality_officer' && current.assigneeId) {
      const assignee = await this.cases.findAssignableUser(current.institutionId, current.assigneeId, tx);
      users = assignee?.role === 'quality_officer' ? [assignee] : await this.sla.usersWithRole(current.institutionId, 'quality_officer', tx);
    } else users = await this.sla.usersWithRole(current.institutionId, ROLE_OF_TARGET[notify], tx);
    return users.map((user) => ({ userId: user.id, email: user.email, name: user.name, role: user.role }));
  }
}
