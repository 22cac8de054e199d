import { z } from 'zod';
import { msg } from '../../../common/i18n/messages';
import { INBOX_KINDS } from '../inbox.repository';
import { CHANNELS, DELIVERY_STATUSES, WEBHOOK_FORMATS } from './channels.repository';

const mute = z.strictObject({ kind: z.enum(INBOX_KINDS), channel: z.enum(CHANNELS) });

/** The signed-in user's preferences: which kinds they muted on which channel (the in-app copy always stays). */
export const updatePreferencesSchema = z.strictObject({ mutes: z.array(mute).max(INBOX_KINDS.length * CHANNELS.length) });
export type UpdatePreferences = z.infer<typeof updatePreferencesSchema>;

export const preferencesResponseSchema = z.object({
  kinds: z.array(z.enum(INBOX_KINDS)),
  /** Each channel and whether it reaches this user at all (configured for the deployment, on for the institution). */
  channels: z.array(z.object({ channel: z.enum(CHANNELS), available: z.boolean(), kinds: z.array(z.enum(INBOX_KINDS)) })),
  mutes: z.array(mute),
});
export type PreferencesResponse = z.infer<typeof preferencesResponseSchema>;

const robotUrl = z
  .url({ protocol: /^https?$/ })
  .max(1000);

/** An institution's channels, as an admin sets them; the read-only fields the GET returns may come back and are ignored. */
export const updateChannelSettingsSchema = z
  .strictObject({
    emailEnabled: z.boolean().optional(),
    emailConfigured: z.boolean().optional(),
    /** A WeCom / DingTalk group robot's webhook; null removes it. */
    webhookUrl: robotUrl.nullable().optional(),
    webhookFormat: z.enum(WEBHOOK_FORMATS).optional(),
    /** DingTalk's 加签 secret (SEC…); null removes it. Never read back. */
    webhookSecret: z.string().min(1).max(200).nullable().optional(),
    webhookSecretSet: z.boolean().optional(),
    webhookKinds: z.array(z.enum(INBOX_KINDS)).max(INBOX_KINDS.length).optional(),
    updatedAt: z.string().nullable().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.webhookSecret && value.webhookFormat && value.webhookFormat !== 'dingtalk') ctx.addIssue({ code: 'custom', path: ['webhookSecret'], message: msg('channels.webhook_secret_format') });
  });
export type UpdateChannelSettings = z.infer<typeof updateChannelSettingsSchema>;

export const channelSettingsResponseSchema = z.object({
  emailEnabled: z.boolean(),
  /** Whether this deployment can send mail at all (SMTP_URL). */
  emailConfigured: z.boolean(),
  /** The robot's address with its access token hidden. */
  webhookUrl: z.string().nullable(),
  webhookFormat: z.enum(WEBHOOK_FORMATS),
  webhookSecretSet: z.boolean(),
  webhookKinds: z.array(z.enum(INBOX_KINDS)),
  updatedAt: z.string().nullable(),
});
export type ChannelSettingsResponse = z.infer<typeof channelSettingsResponseSchema>;

export const deliveryFilterSchema = z.strictObject({ status: z.enum(DELIVERY_STATUSES).optional(), channel: z.enum(CHANNELS).optional() });
export type DeliveryFilter = z.infer<typeof deliveryFilterSchema>;

export const deliveryResponseSchema = z.object({
  id: z.uuid(),
  channel: z.enum(CHANNELS),
  status: z.enum(DELIVERY_STATUSES),
  /** Why it failed or was skipped: the server's or robot's answer, or `no_address` / `channel_off`. */
  reason: z.string().nullable(),
  attempts: z.number().int(),
  recipient: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  kind: z.enum(INBOX_KINDS),
  /** The item's title in the reader's language. */
  title: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type DeliveryResponse = z.infer<typeof deliveryResponseSchema>;

/** A robot's address as shown back: its query (where WeCom and DingTalk put the access token) hidden. */
export function maskedRobotUrl(url: string | null): string | null {
  if (!url) return null;
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}${parsed.search ? '?…' : ''}`;
}
