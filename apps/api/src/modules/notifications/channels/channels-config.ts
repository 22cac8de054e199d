import { z } from 'zod';
import { ConfigError } from '../../../config/app-config';

/**
 * Settings of the channels beside the in-app inbox, from the environment:
 * - SMTP_URL: where e-mail goes (smtp://user:pass@host:587, smtps://… for TLS); unset: no e-mail is sent.
 * - MAIL_FROM: the sender of those mails (default "CareScore <no-reply@carescore.local>").
 * - PUBLIC_URL: the console's address, for the links in mails and group messages (default http://localhost:PORT).
 * - NOTIFY_TICK_MS: how often new inbox items are planned for delivery and stages coming due are noticed
 *   (default 5000; 0 turns the tick off, for tests that call it themselves).
 * - NOTIFY_ATTEMPTS / NOTIFY_BACKOFF_MS: tries of one delivery, and the first wait between them (doubling).
 */
export interface ChannelsConfig {
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
  tickMs: number;
  attempts: number;
  backoffMs: number;
}

const envSchema = z.object({
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('CareScore <no-reply@carescore.local>'),
  PUBLIC_URL: z.url().optional(),
  PORT: z.coerce.number().int().default(3000),
  NOTIFY_TICK_MS: z.coerce.number().int().min(0).default(5000),
  NOTIFY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  NOTIFY_BACKOFF_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
});

export function loadChannelsConfig(env: NodeJS.ProcessEnv = process.env): ChannelsConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  const data = parsed.data;
  return {
    smtpUrl: data.SMTP_URL ?? null,
    mailFrom: data.MAIL_FROM,
    publicUrl: (data.PUBLIC_URL ?? `http://localhost:${data.PORT}`).replace(/\/+$/, ''),
    tickMs: data.NOTIFY_TICK_MS,
    attempts: data.NOTIFY_ATTEMPTS,
    backoffMs: data.NOTIFY_BACKOFF_MS,
  };
}

export const CHANNELS_CONFIG = Symbol('CHANNELS_CONFIG');
