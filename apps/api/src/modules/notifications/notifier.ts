import { Logger } from '@nestjs/common';
import type { NotificationEntity } from './notification.entity';

/** Delivers an escalation notice somewhere people see it. Throws when it could not. */
export interface Notifier {
  /** Recorded on the notification: which channel delivered it. */
  readonly channel: string;
  send(notification: NotificationEntity): Promise<void>;
}

export const NOTIFIER = Symbol('NOTIFIER');

/** Without a webhook: the notice is recorded (GET /api/notifications) and written to the log. */
export class LogNotifier implements Notifier {
  readonly channel = 'log';
  private readonly logger = new Logger('Notifications');

  send(notification: NotificationEntity): Promise<void> {
    this.logger.log(notification.message.en ?? notification.message.zh ?? '');
    return Promise.resolve();
  }
}

export type WebhookFormat = 'wecom' | 'dingtalk' | 'json';

/** The body a group bot expects: WeChat Work (企业微信) and DingTalk (钉钉) text messages, or CareScore's own JSON. */
export function webhookBody(notification: NotificationEntity, format: WebhookFormat): Record<string, unknown> {
  const content = [notification.message.zh, notification.message.en].filter(Boolean).join('\n');
  if (format === 'wecom') return { msgtype: 'text', text: { content } };
  if (format === 'dingtalk') return { msgtype: 'text', text: { content }, at: { atMobiles: [], isAtAll: false } };
  if (notification.kind === 'scheduled_run_failed') {
    return { event: 'evaluation.scheduled_run_failed', notificationId: notification.id, bindingId: notification.bindingId, runId: notification.runId, recipients: notification.recipients, title: notification.message.title ?? null, text: { zh: notification.message.zh ?? null, en: notification.message.en ?? null } };
  }
  return {
    event: 'case.escalated',
    notificationId: notification.id,
    caseId: notification.caseId,
    stage: notification.stage,
    step: notification.step,
    notify: notification.notify,
    recipients: notification.recipients,
    dueAt: notification.dueAt.toISOString(),
    title: notification.message.title ?? null,
    text: { zh: notification.message.zh ?? null, en: notification.message.en ?? null },
  };
}

/**
 * Posts each notice to a group bot's webhook. A non-2xx answer, or a bot's `errcode` other than 0
 * (how WeChat Work and DingTalk report a refused message), is a failure the sweep retries.
 */
export class WebhookNotifier implements Notifier {
  readonly channel = 'webhook';

  constructor(
    private readonly url: string,
    private readonly format: WebhookFormat,
    private readonly timeoutMs = 5000,
  ) {}

  send(notification: NotificationEntity): Promise<void> {
    return postToRobot(this.url, webhookBody(notification, this.format), this.timeoutMs);
  }
}

/**
 * Posts a message to a group robot (or any JSON webhook). A non-2xx answer, or a bot's `errcode` other than 0 (how WeChat
 * Work and DingTalk report a refused message), throws.
 */
export async function postToRobot(url: string, body: Record<string, unknown>, timeoutMs = 5000): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  if (!response.ok) throw new Error(`webhook answered ${response.status}: ${text.slice(0, 200)}`);
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  const errcode = parsed !== null && typeof parsed === 'object' ? (parsed as { errcode?: unknown }).errcode : undefined;
  if (errcode !== undefined && errcode !== 0) throw new Error(`webhook refused the message: ${text.slice(0, 200)}`);
}
