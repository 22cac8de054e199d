import { z } from 'zod';
import { idListFilter } from '../../common/http/list-query';
import type { NotificationEntity } from './notification.entity';

export const notificationFilterSchema = z.strictObject({
  id: idListFilter.optional(),
  caseId: z.uuid().optional(),
  kind: z.enum(['escalation', 'scheduled_run_failed']).optional(),
  bindingId: z.uuid().optional(),
  status: z.enum(['pending', 'sent', 'failed']).optional(),
  notify: z.enum(['manager', 'director', 'quality_officer', 'admin']).optional(),
});
export type NotificationFilter = z.infer<typeof notificationFilterSchema>;
export const NOTIFICATION_SORTABLE = ['id', 'createdAt', 'dueAt', 'status', 'notify'] as const;

const localized = z.object({ zh: z.string().optional(), en: z.string().optional() });

export const notificationResponseSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['escalation', 'scheduled_run_failed']),
  /** The escalated case (escalations); null for a scheduled run's failure, which names its binding and run. */
  caseId: z.uuid().nullable(),
  bindingId: z.uuid().nullable(),
  runId: z.uuid().nullable(),
  stage: z.string(),
  step: z.number().int(),
  notify: z.enum(['manager', 'director', 'quality_officer', 'admin']),
  recipients: z.array(z.object({ userId: z.string(), email: z.string(), name: z.string(), role: z.string() })),
  title: localized.nullable(),
  text: localized,
  channel: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  error: z.string().nullable(),
  dueAt: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type NotificationResponse = z.infer<typeof notificationResponseSchema>;

export function toNotificationResponse(notification: NotificationEntity): NotificationResponse {
  const { title, ...text } = notification.message;
  return {
    id: notification.id,
    kind: notification.kind,
    caseId: notification.caseId,
    bindingId: notification.bindingId,
    runId: notification.runId,
    stage: notification.stage,
    step: notification.step,
    notify: notification.notify,
    recipients: notification.recipients,
    title: title ?? null,
    text,
    channel: notification.channel,
    status: notification.status,
    attempts: notification.attempts,
    error: notification.error,
    dueAt: notification.dueAt.toISOString(),
    createdAt: notification.createdAt.toISOString(),
    sentAt: notification.sentAt?.toISOString() ?? null,
  };
}
