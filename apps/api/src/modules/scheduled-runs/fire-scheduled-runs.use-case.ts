import { Inject, Injectable, Logger } from '@nestjs/common';
import { type LocalizedText, scheduledRunDueAt } from '@carescore/engine';
import { apiIssue, msgIn, type StoredMessage, storeMessage } from '../../common/i18n';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { EVALUATION_QUEUE, type EvaluationQueue } from '../evaluations/evaluation-queue';
import { EvaluationsRepository } from '../evaluations/evaluations.repository';
import { InboxRepository } from '../notifications/inbox.repository';
import { NotificationDelivery } from '../notifications/notification-delivery';
import { NotificationsRepository } from '../notifications/notifications.repository';
import { PeriodsService } from '../periods/periods.service';
import { withoutIds } from '../../common/i18n/without-ids';
import { type ScheduleRow, ScheduledRunsRepository } from './scheduled-runs.repository';


/** How a scheduled run shows in the audit log: the schedule (the binding it belongs to) is its actor. */
export const scheduleActor = (bindingId: string) => `schedule:${bindingId}`;

export interface TickResult {
  /** Runs started by this tick. */
  started: string[];
  /** Schedules that came due but could not start a run (the admins were told). */
  refused: string[];
  /** Failed scheduled runs the admins were told of by this tick. */
  notified: number;
}

/**
 * One tick of the scheduler (a BullMQ job scheduler's job with REDIS_URL, an in-process timer
 * otherwise): every schedule whose due time has come (period end + N days at HH:MM on the
 * institution's clock) is claimed and fired in one transaction — a run of the binding's period and
 * team, audited with the schedule as its actor — or, when the period is no longer open or a run is
 * under way, refused with a notice to the admins. The claim makes each schedule fire exactly once,
 * however many processes tick. Scheduled runs that failed since are told to the admins, once.
 */
@Injectable()
export class FireScheduledRuns {
  private readonly logger = new Logger('ScheduledRuns');

  constructor(
    @Inject(ScheduledRunsRepository) private readonly schedules: ScheduledRunsRepository,
    @Inject(EvaluationsRepository) private readonly runs: EvaluationsRepository,
    @Inject(PeriodsService) private readonly periods: PeriodsService,
    @Inject(NotificationsRepository) private readonly notifications: NotificationsRepository,
    @Inject(NotificationDelivery) private readonly delivery: NotificationDelivery,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(EVALUATION_QUEUE) private readonly queue: EvaluationQueue,
    @Inject(InboxRepository) private readonly inbox: InboxRepository,
  ) {}

  async execute(now: Date = new Date()): Promise<TickResult> {
    const result: TickResult = { started: [], refused: [], notified: 0 };
    for (const schedule of await this.schedules.unfired()) {
      const dueAt = scheduledRunDueAt(schedule.period, schedule, schedule.timeZone);
      if (dueAt.getTime() > now.getTime()) continue;
      try {
        const fired = await this.fire(schedule, dueAt);
        if (fired?.runId) result.started.push(fired.runId);
        if (fired?.refused) result.refused.push(schedule.bindingId);
      } catch (error) {
        // Rolled back (the period closed meanwhile, the database was away): the next tick tries again.
        this.logger.warn(`schedule of binding ${schedule.bindingId} (${schedule.period}) did not fire: ${(error as Error).message}`);
      }
    }
    result.notified = await this.notifyFailedRuns();
    return result;
  }

  private async fire(schedule: ScheduleRow, dueAt: Date): Promise<{ runId?: string; refused?: boolean } | null> {
    const outcome = await this.transactions.run(async (tx): Promise<{ noticeId: string } | { runId: string } | null> => {
      if (!(await this.schedules.claim(schedule.bindingId, dueAt, tx))) return null;
      const refusal = await this.refusal(schedule, tx);
      const attribution = { bindingId: schedule.bindingId, daysAfterEnd: schedule.daysAfterEnd, time: schedule.time, timeZone: schedule.timeZone, dueAt: dueAt.toISOString() };
      if (refusal) {
        const reason = { zh: msgIn('zh', refusal.code, refusal.params), en: msgIn('en', refusal.code, refusal.params) };
        await this.schedules.recordRefusal(schedule.bindingId, storeMessage(refusal.code, refusal.params), tx);
        await this.record(schedule, 'update', 'binding_schedule', schedule.bindingId, { period: schedule.period, teamId: schedule.teamId, schedule: attribution, refused: reason.en, refusedCode: refusal.code }, tx);
        const noticeId = await this.notice(schedule, null, reason, tx);
        return { noticeId };
      }
      const run = await this.runs.insertRun({ institutionId: schedule.institutionId, period: schedule.period, teamId: schedule.teamId, createdBy: null, reason: null }, tx);
      await this.schedules.recordRun(schedule.bindingId, run.id, tx);
      await this.record(schedule, 'evaluate', 'evaluation_run', run.id, { period: schedule.period, teamId: schedule.teamId, schedule: attribution }, tx);
      return { runId: run.id };
    });
    if (!outcome) return null;
    if ('noticeId' in outcome) {
      await this.delivery.deliver([outcome.noticeId]);
      return { refused: true };
    }
    try {
      await this.queue.enqueue(outcome.runId);
    } catch (error) {
      // The run is failed like any that could not be queued; the failure watch below tells the admins.
      const problem = (error as Error).message;
      const reason = `could not be queued: ${problem}`;
      await this.transactions.run(async (tx) => {
        const current = await this.runs.lockRun(outcome.runId, tx);
        if (!current || (current.status !== 'queued' && current.status !== 'running')) return;
        await this.runs.fail(outcome.runId, [apiIssue('run', 'runs.not_queued', { problem })], tx);
        await this.record(schedule, 'update', 'evaluation_run', outcome.runId, { before: { status: current.status }, after: { status: 'failed' }, reason }, tx);
      });
    }
    return { runId: outcome.runId };
  }

  /** Why the schedule cannot start its run now, as a catalog key and params (stored so, rendered per reader); null when it can. */
  private async refusal(schedule: ScheduleRow, tx: Tx): Promise<StoredMessage | null> {
    const state = await this.periods.state(schedule.institutionId, schedule.period, tx);
    if (state !== 'open') return { code: 'scheduled_runs.not_open', params: { period: schedule.period, state } };
    const open = await this.runs.findOpenRun(schedule.institutionId, schedule.period, schedule.teamId, tx);
    if (open) return { code: 'scheduled_runs.run_open', params: { period: schedule.period, state: open.status, id: open.id } };
    return null;
  }

  private record(schedule: ScheduleRow, action: 'evaluate' | 'update', entityType: string, entityId: string, changes: Record<string, unknown>, tx: Tx): Promise<void> {
    return this.audit.recordSystem(schedule.institutionId, scheduleActor(schedule.bindingId), action, entityType, entityId, changes, tx);
  }

  private async notice(schedule: { institutionId: string; bindingId: string; period: string }, runId: string | null, reason: { zh: string; en: string }, tx: Tx): Promise<string> {
    const title: LocalizedText = { zh: msgIn('zh', 'scheduled_runs.notice_title', { period: schedule.period }), en: msgIn('en', 'scheduled_runs.notice_title', { period: schedule.period }) };
    const at = new Date();
    const id = await this.notifications.insertSystemNotice(
      {
        institutionId: schedule.institutionId,
        kind: 'scheduled_run_failed',
        bindingId: schedule.bindingId,
        runId,
        stage: 'scheduled_run',
        notify: 'admin',
        recipients: await this.notifications.admins(schedule.institutionId, tx),
        message: { title, zh: msgIn('zh', 'scheduled_runs.notice', { period: schedule.period, reason: reason.zh }), en: msgIn('en', 'scheduled_runs.notice', { period: schedule.period, reason: reason.en }) },
        at,
      },
      tx,
    );
    // Each admin's inbox item, beside the delivered notice; the reason without the ids it may name.
    const reasonParam = { zh: withoutIds(reason.zh), en: withoutIds(reason.en) };
    const target = runId ? { targetType: 'run' as const, targetId: runId } : { targetType: 'period' as const, targetId: schedule.period };
    await this.inbox.addToAdmins(schedule.institutionId, { kind: 'scheduled_run_failed', ...target, params: { period: schedule.period, reason: reasonParam }, notificationId: id }, at, tx);
    return id;
  }

  /** Tells the admins of each scheduled run that failed since the last tick, once. */
  private async notifyFailedRuns(): Promise<number> {
    const ids: string[] = [];
    for (const failed of await this.schedules.failedUnnotified()) {
      const id = await this.transactions.run(async (tx) => {
        if (!(await this.schedules.claimFailureNotice(failed.bindingId, failed.runId, tx))) return null;
        const message = failed.errors.map((error) => error.message).join('; ') || 'failed';
        return this.notice(failed, failed.runId, { zh: message, en: message }, tx);
      });
      if (id) ids.push(id);
    }
    if (ids.length > 0) await this.delivery.deliver(ids);
    return ids.length;
  }
}
