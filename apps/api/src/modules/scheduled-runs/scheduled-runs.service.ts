import { Inject, Injectable } from '@nestjs/common';
import { scheduledRunDueAt } from '@carescore/engine';
import type { RequestContext } from '../../common/auth/auth-user';
import { conflict } from '../../common/errors/domain-error';
import { msg, renderStoredMessage } from '../../common/i18n';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { BindingsService } from '../bindings/bindings.service';
import { InstitutionsRepository } from '../institutions/institutions.repository';
import { PeriodsService } from '../periods/periods.service';
import type { BindingScheduleResponse, SetScheduleRequest } from './scheduled-runs.dto';
import { type ScheduleRow, ScheduledRunsRepository } from './scheduled-runs.repository';

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A binding's schedule as the API answers it, its due time computed on the institution's clock. */
export function toScheduleResponse(binding: { id: string; period: string; teamId: string | null }, timeZone: string, row: ScheduleRow | null): BindingScheduleResponse {
  return {
    bindingId: binding.id,
    period: binding.period,
    teamId: binding.teamId,
    timeZone,
    schedule: row
      ? {
          daysAfterEnd: row.daysAfterEnd,
          time: row.time,
          dueAt: scheduledRunDueAt(binding.period, row, timeZone).toISOString(),
          firedAt: row.firedAt?.toISOString() ?? null,
          runId: row.runId,
          runStatus: row.runStatus,
          refused: row.refused === null ? null : renderStoredMessage(row.refused),
        }
      : null,
  };
}

/** Reading and setting a binding's schedule (admins set it); firing is FireScheduledRuns. */
@Injectable()
export class ScheduledRunsService {
  constructor(
    @Inject(ScheduledRunsRepository) private readonly schedules: ScheduledRunsRepository,
    @Inject(BindingsService) private readonly bindings: BindingsService,
    @Inject(InstitutionsRepository) private readonly institutions: InstitutionsRepository,
    @Inject(PeriodsService) private readonly periods: PeriodsService,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async get(institutionId: string, bindingId: string): Promise<BindingScheduleResponse> {
    const { binding } = await this.bindings.get(institutionId, bindingId);
    const timeZone = (await this.institutions.findById(institutionId))?.timeZone ?? DEFAULT_TIME_ZONE;
    return toScheduleResponse(binding, timeZone, await this.schedules.find(institutionId, bindingId));
  }

  async set(ctx: RequestContext, bindingId: string, request: SetScheduleRequest): Promise<BindingScheduleResponse> {
    const institutionId = ctx.user.institutionId;
    const { binding } = await this.bindings.get(institutionId, bindingId);
    await this.transactions.run(async (tx) => {
      await this.refuseClosed(institutionId, binding.period, tx);
      const before = await this.schedules.find(institutionId, bindingId, tx);
      await this.schedules.upsert({ bindingId, institutionId, daysAfterEnd: request.daysAfterEnd, time: request.time, by: ctx.user.id }, tx);
      await this.audit.record(
        ctx,
        before ? 'update' : 'create',
        'binding_schedule',
        bindingId,
        { period: binding.period, teamId: binding.teamId, before: before ? { daysAfterEnd: before.daysAfterEnd, time: before.time, firedAt: before.firedAt?.toISOString() ?? null } : null, after: request },
        tx,
      );
    });
    return this.get(institutionId, bindingId);
  }

  async remove(ctx: RequestContext, bindingId: string): Promise<BindingScheduleResponse> {
    const institutionId = ctx.user.institutionId;
    const { binding } = await this.bindings.get(institutionId, bindingId);
    await this.transactions.run(async (tx) => {
      const before = await this.schedules.find(institutionId, bindingId, tx);
      if (!before) return;
      await this.refuseClosed(institutionId, binding.period, tx);
      await this.schedules.remove(institutionId, bindingId, tx);
      await this.audit.record(ctx, 'delete', 'binding_schedule', bindingId, { period: binding.period, teamId: binding.teamId, before: { daysAfterEnd: before.daysAfterEnd, time: before.time } }, tx);
    });
    return this.get(institutionId, bindingId);
  }

  private async refuseClosed(institutionId: string, period: string, tx: Tx): Promise<void> {
    if ((await this.periods.state(institutionId, period, tx)) === 'closed') {
      throw conflict(msg('scheduled_runs.period_closed', { period }), [{ path: 'period', message: msg('periods.closed.detail'), code: 'period_closed' }]);
    }
  }
}
