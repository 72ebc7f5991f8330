// Which waitlist entries a freed time suits: the pure rule. The times
// themselves are still the availability module's call (lib/booking/availability.ts):
// the job asks it whether the therapist can take the entry's visit at that start.
import { isoWeekdayAt, localDateOf, minuteOfDayAt } from "@/lib/time/zoned";

export interface EntryWindow {
  massageTypeSlug: string;
  duration: number;
  therapistId: string | null;
  fromDate: Date;
  toDate: Date;
  days: readonly number[];
  earliestMinute: number;
  latestMinute: number;
}

export interface OfferedTime {
  therapistId: string;
  start: Date;
}

/** "2026-12-07": a @db.Date column as the calendar date it stores. */
export const calendarDay = (date: Date) => date.toISOString().slice(0, 10);

/** The entry's therapist (or any), its days, weekdays and hours, read on the clinic's clock; the visit ends inside the hours. */
export function entryFits(entry: EntryWindow, time: OfferedTime, timeZone: string): boolean {
  if (entry.therapistId && entry.therapistId !== time.therapistId) return false;
  const day = localDateOf(time.start, timeZone);
  if (day < calendarDay(entry.fromDate) || day > calendarDay(entry.toDate)) return false;
  if (entry.days.length && !entry.days.includes(isoWeekdayAt(time.start, timeZone))) return false;
  const minute = minuteOfDayAt(time.start, timeZone);
  return minute >= entry.earliestMinute && minute + entry.duration <= entry.latestMinute;
}

/** How long an offer holds: the clinic's offer time, cut short by the minimum notice before the start (a claim must still be bookable). */
export function offerExpiry(start: Date, now: Date, settings: { waitlistOfferMinutes: number; minimumNoticeHours: number }): Date {
  const byOfferTime = now.getTime() + settings.waitlistOfferMinutes * 60_000;
  const byNotice = start.getTime() - settings.minimumNoticeHours * 3_600_000;
  return new Date(Math.min(byOfferTime, byNotice));
}
