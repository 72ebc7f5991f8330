// When the day-before check is open: from the clinic's check hour
// (ClinicSettings.healthCheckHour, clinic time) on the calendar day before the
// appointment until it starts. On a day whose check hour does not exist (the
// spring-forward hour) it opens the moment the clock jumps past it.
import { addDays, localDateOf, wallClockToUtcAtOrAfter } from "@/lib/time/zoned";

export interface CheckClock {
  timeZone: string;
  healthCheckHour: number;
}

export function checkOpensAt(startsAt: Date, clock: CheckClock): Date {
  const dayBefore = addDays(localDateOf(startsAt, clock.timeZone), -1);
  return wallClockToUtcAtOrAfter(dayBefore, clock.healthCheckHour * 60, clock.timeZone);
}

export type CheckWindow = "not-yet" | "open" | "over";

export function checkWindow(startsAt: Date, clock: CheckClock, now: Date): CheckWindow {
  if (now.getTime() >= startsAt.getTime()) return "over";
  return now.getTime() >= checkOpensAt(startsAt, clock).getTime() ? "open" : "not-yet";
}

/** The longest time between a check opening and its appointment starting: a day and up to 24 hours, plus a DST hour. */
export const LONGEST_OPEN_MS = 49 * 3_600_000;
