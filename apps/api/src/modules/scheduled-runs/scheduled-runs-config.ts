import { z } from 'zod';

/**
 * SCHEDULED_RUNS_TICK_MS: how often due schedules are looked for (default 60 000: a scheduled run
 * starts within a minute of its due time); 0 turns the scheduler off in this process.
 */
export interface ScheduledRunsConfig {
  tickMs: number;
}

export const SCHEDULED_RUNS_CONFIG = Symbol('SCHEDULED_RUNS_CONFIG');

export function loadScheduledRunsConfig(env: NodeJS.ProcessEnv = process.env): ScheduledRunsConfig {
  const parsed = z.object({ SCHEDULED_RUNS_TICK_MS: z.coerce.number().int().min(0).default(60_000) }).safeParse(env);
  if (!parsed.success) throw new Error(`SCHEDULED_RUNS_TICK_MS: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return { tickMs: parsed.data.SCHEDULED_RUNS_TICK_MS };
}
