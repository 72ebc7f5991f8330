// The therapist's calendar window in the clinic's time zone: one day or the ISO week (Monday to Sunday) around a
// date, as UTC instants for the query and the local dates it shows. Pure.
import { addDays, isoWeekdayOfDate, localDateOf, wallClockToUtcAtOrAfter } from "@/lib/time/zoned";

export type ScheduleView = "day" | "week";

export interface ScheduleWindow {
  view: ScheduleView;
  /** The clinic's today. */
  today: string;
  /** The local dates shown, in order (one for a day, seven for a week). */
  days: string[];
  from: Date;
  to: Date;
  /** The date of the previous and the next window, for the navigation links. */
  previous: string;
  next: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The window of `view` around `date` (the clinic's today when absent or not a date). */
export function scheduleWindow(input: { view?: string; date?: string }, now: Date, timeZone: string): ScheduleWindow {
  const view: ScheduleView = input.view === "day" ? "day" : "week";
  const today = localDateOf(now, timeZone);
  const asked = input.date && DATE.test(input.date) && !Number.isNaN(Date.parse(`${input.date}T00:00:00Z`)) ? input.date : today;
  const first = view === "day" ? asked : addDays(asked, 1 - isoWeekdayOfDate(asked));
  const length = view === "day" ? 1 : 7;
  const days = Array.from({ length }, (_, index) => addDays(first, index));
  return {
    view,
    today,
    days,
    from: wallClockToUtcAtOrAfter(first, 0, timeZone),
    to: wallClockToUtcAtOrAfter(addDays(first, length), 0, timeZone),
    previous: addDays(first, -length),
    next: addDays(first, length),
  };
}
