import { z } from 'zod';
import { SCHEDULE_TIME } from '@carescore/engine';

/** `PUT /api/bindings/:id/schedule`: evaluate the binding's period `daysAfterEnd` days after its last day, at `time` on the institution's clock. */
export const setScheduleSchema = z.strictObject({
  daysAfterEnd: z.number().int().min(1).max(90),
  time: z.string().regex(SCHEDULE_TIME, 'must be a time of day as HH:MM, 00:00 to 23:59'),
});
export type SetScheduleRequest = z.infer<typeof setScheduleSchema>;

export const scheduleSchema = z.object({
  daysAfterEnd: z.number().int(),
  time: z.string(),
  /** When the run is due, in UTC (computed in the institution's time zone as it is now). */
  dueAt: z.string(),
  /** When the schedule fired (started its run or recorded why it could not); null until then. */
  firedAt: z.string().nullable(),
  runId: z.uuid().nullable(),
  runStatus: z.string().nullable(),
  /** Why no run could start when it fired (the period was no longer open, a run was under way). */
  refused: z.string().nullable(),
});

export const bindingScheduleResponseSchema = z.object({
  bindingId: z.uuid(),
  period: z.string(),
  teamId: z.uuid().nullable(),
  timeZone: z.string(),
  /** Null while the binding has no schedule. */
  schedule: scheduleSchema.nullable(),
});
export type BindingScheduleResponse = z.infer<typeof bindingScheduleResponseSchema>;
