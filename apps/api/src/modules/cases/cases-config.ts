import { z } from 'zod';
import { ConfigError } from '../../config/app-config';

/**
 * Settings of cases and escalation, from the environment:
 * - CASES_SWEEP_MS: how often the sweep looks for due stages and undelivered notifications
 *   (default 60000; 0 turns the periodic sweep off, e.g. in tests that call it themselves).
 * - CASES_WEBHOOK_URL: where escalation notices are posted (a WeChat Work or DingTalk group bot);
 *   unset: notices are only recorded and logged.
 * - CASES_WEBHOOK_FORMAT: wecom (default), dingtalk or json (CareScore's own payload).
 */
export interface CasesConfig {
  sweepMs: number;
  webhookUrl: string | null;
  webhookFormat: 'wecom' | 'dingtalk' | 'json';
}

const envSchema = z.object({
  CASES_SWEEP_MS: z.coerce.number().int().min(0).default(60_000),
  CASES_WEBHOOK_URL: z.url().optional(),
  CASES_WEBHOOK_FORMAT: z.enum(['wecom', 'dingtalk', 'json']).default('wecom'),
});

export function loadCasesConfig(env: NodeJS.ProcessEnv = process.env): CasesConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  return { sweepMs: parsed.data.CASES_SWEEP_MS, webhookUrl: parsed.data.CASES_WEBHOOK_URL ?? null, webhookFormat: parsed.data.CASES_WEBHOOK_FORMAT };
}

export const CASES_CONFIG = Symbol('CASES_CONFIG');
