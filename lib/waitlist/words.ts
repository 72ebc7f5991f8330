// The waitlist in the clinic's words.
import { weekdayName } from "@/lib/format";

/** "2 hours", "90 minutes", "1 hour". */
export function offerTimeWords(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes} minutes`;
}

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** "Mon, Wed · 09:00–12:00", "any day · any time". */
export function windowWords(entry: { days: readonly number[]; earliestMinute: number; latestMinute: number }): string {
  const days = entry.days.length ? entry.days.map((day) => weekdayName(day).slice(0, 3)).join(", ") : "any day";
  const times = entry.earliestMinute === 0 && entry.latestMinute === 1440 ? "any time" : `${clock(entry.earliestMinute)}–${clock(entry.latestMinute)}`;
  return `${days} · ${times}`;
}

/** "7 Dec 2026": a @db.Date column. */
export function dayWords(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(date);
}

/** "7 Dec 2026" or "7 Dec 2026 to 20 Dec 2026". */
export function daysWords(entry: { fromDate: Date; toDate: Date }): string {
  const from = dayWords(entry.fromDate);
  const to = dayWords(entry.toDate);
  return from === to ? `on ${from}` : `${from} to ${to}`;
}
