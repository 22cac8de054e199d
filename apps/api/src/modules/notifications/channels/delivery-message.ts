import { createHmac } from 'node:crypto';
import type { MessageLanguage } from '@carescore/engine';
import { msgIn } from '../../../common/i18n/messages';
import { inboxText } from '../inbox.dto';
import type { InboxItemRow } from '../inbox.repository';
import type { WebhookFormat } from './channels.repository';

/** The console page an item leads to (as the bell's links: apps/console/src/notifications/inboxApi.ts). */
export function itemUrl(publicUrl: string, item: Pick<InboxItemRow, 'targetType' | 'targetId'>): string {
  const resource = { case: 'cases', scorecard: 'scorecards', period: 'periods', run: 'evaluations' }[item.targetType] ?? 'notifications';
  return `${publicUrl}/${resource}/${encodeURIComponent(item.targetId)}/show`;
}

export const languageOfLocale = (locale: string): MessageLanguage => (/^en/i.test(locale) ? 'en' : 'zh');

export interface MailMessage {
  subject: string;
  text: string;
}

/** The mail of an inbox item, in its recipient's language. */
export function mailOf(item: Pick<InboxItemRow, 'kind' | 'params' | 'targetType' | 'targetId'>, locale: string, publicUrl: string): MailMessage {
  const language = languageOfLocale(locale);
  const { title, body } = inboxText(item, language);
  const settings = `${publicUrl}/notification-preferences`;
  return { subject: `[CareScore] ${title}`, text: `${body}\n\n${msgIn(language, 'channels.mail.open', { url: itemUrl(publicUrl, item) })}\n\n-- \n${msgIn(language, 'channels.mail.footer', { settings })}\n` };
}

/** The group robot's message of an item: both languages (a group mixes readers), addressed to its recipient by name. */
export function robotBody(item: Pick<InboxItemRow, 'kind' | 'params' | 'targetType' | 'targetId'>, recipientName: string, format: WebhookFormat, publicUrl: string): Record<string, unknown> {
  const zh = inboxText(item, 'zh');
  const en = inboxText(item, 'en');
  const url = itemUrl(publicUrl, item);
  const content = `${msgIn('zh', 'channels.robot.to', { name: recipientName })}：${zh.title}\n${zh.body}\n${en.title}\n${en.body}\n${url}`;
  if (format === 'wecom') return { msgtype: 'text', text: { content } };
  if (format === 'dingtalk') return { msgtype: 'text', text: { content }, at: { atMobiles: [], isAtAll: false } };
  return { event: `inbox.${item.kind}`, recipient: recipientName, url, title: { zh: zh.title, en: en.title }, text: { zh: zh.body, en: en.body } };
}

/**
 * A DingTalk robot with 加签 (signing) on takes `timestamp` and `sign` = base64(HMAC-SHA256(secret, "timestamp\nsecret"))
 * in its URL (https://open.dingtalk.com/document/robots/customize-robot-security-settings). WeCom robots are not signed.
 */
export function signedRobotUrl(url: string, secret: string | null, format: WebhookFormat, now: Date): string {
  if (!secret || format !== 'dingtalk') return url;
  const timestamp = String(now.getTime());
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const signed = new URL(url);
  signed.searchParams.set('timestamp', timestamp);
  signed.searchParams.set('sign', sign);
  return signed.toString();
}
