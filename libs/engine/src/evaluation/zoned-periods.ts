/**
 * Periods in an institution's time zone. A period is a range of local calendar days: 2026-Q2 in
 * Asia/Shanghai starts at 2026-04-01 00:00 Beijing time (2026-03-31T16:00Z), so a survey answered
 * at 07:00 Beijing time on 1 April belongs to Q2 and to 2026-04. Every place where a timestamp
 * becomes a period goes through these functions.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const DAY_MS = 86_400_000;

/** Whether the runtime knows the IANA zone name (Asia/Shanghai, Europe/Berlin, UTC). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, format);
  }
  return format;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading of an instant in a zone. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** The zone's offset from UTC at an instant, in milliseconds (Shanghai: +8 h). */
function offsetMs(at: Date, timeZone: string): number {
  const local = localTime(at, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant at which a local calendar day starts in the zone (00:00 local). */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): Date {
  return localInstant(year, month, day, 0, 0, timeZone);
}

/** The instant the zone's clocks read `year-month-day hour:minute` (day overflow rolls into the next month). */
export function localInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset even next to a daylight-saving change.
  let guess = asUtc - offsetMs(new Date(asUtc), timeZone);
  guess = asUtc - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** `HH:MM` on a 24-hour clock, 00:00 to 23:59. */
export const SCHEDULE_TIME = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/**
 * When a scheduled evaluation of a period is due: `daysAfterEnd` days after the period's last day,
 * at `time` (HH:MM) on the institution's clock. 2026-Q1 ends on 31 March; 3 days after it at 02:00
 * in Asia/Shanghai is 2026-04-03 02:00 Beijing time (2026-04-02T18:00Z). With 0 days: 31 March itself,
 * which is still inside the period, so a schedule is at least 1 day after the end in practice.
 */
export function scheduledRunDueAt(period: string, schedule: { daysAfterEnd: number; time: string }, timeZone: string): Date {
  const time = SCHEDULE_TIME.exec(schedule.time);
  if (!time) throw new Error(`not a time of day (HH:MM): ${schedule.time}`);
  const end = localTime(zonedPeriodRange(period, timeZone).to, timeZone);
  // `end` is the first day after the period (00:00); its last day is the day before.
  return localInstant(end.year, end.month, end.day - 1 + schedule.daysAfterEnd, Number(time[1]), Number(time[2]), timeZone);
}

/** [from, to) of a month or quarter in the zone. */
export function zonedPeriodRange(period: string, timeZone: string): { from: Date; to: Date } {
  const month = MONTH.exec(period);
  if (month) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    return { from: startOfLocalDay(year, m, 1, timeZone), to: startOfLocalDay(m === 12 ? year + 1 : year, m === 12 ? 1 : m + 1, 1, timeZone) };
  }
  const quarter = QUARTER.exec(period);
  if (quarter) {
    const [year, q] = [Number(quarter[1]), Number(quarter[2])];
    return { from: startOfLocalDay(year, (q - 1) * 3 + 1, 1, timeZone), to: startOfLocalDay(q === 4 ? year + 1 : year, q === 4 ? 1 : q * 3 + 1, 1, timeZone) };
  }
  throw new Error(`not a period: ${period}`);
}

/** The month an instant falls in, by the zone's calendar: 2026-04. */
export function zonedMonthOf(at: Date, timeZone: string): string {
  const local = localTime(at, timeZone);
  return `${local.year}-${String(local.month).padStart(2, '0')}`;
}

/** The quarter an instant falls in, by the zone's calendar: 2026-Q2. */
export function zonedQuarterOf(at: Date, timeZone: string): string {
  const local = localTime(at, timeZone);
  return `${local.year}-Q${Math.ceil(local.month / 3)}`;
}

/**
 * The end of an appeal window of `workingDays` working days (Monday to Friday in the zone) opened
 * at `from`: the first instant after the last of those days, so a window opened on a Friday
 * with 7 working days ends at the start of the Wednesday of the week after next. Public holidays
 * and the weekend days China makes working days are not in any calendar here: they count as
 * their weekday says.
 */
export function workingDaysDeadline(from: Date, workingDays: number, timeZone: string): Date {
  const local = localTime(from, timeZone);
  let cursor = Date.UTC(local.year, local.month - 1, local.day);
  let counted = 0;
  while (counted < workingDays) {
    cursor += DAY_MS;
    const weekday = new Date(cursor).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted += 1;
  }
  const next = new Date(cursor + DAY_MS);
  return startOfLocalDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
}
