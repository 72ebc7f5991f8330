// What the admin pages' forms send, turned into what the domain functions take: a datetime-local value
// ("2026-12-24T09:00", the clinic's wall clock) as an ISO instant, numbers as numbers. Anything that does
// not parse is passed on as given, so the schema's own field message answers it.
import { minuteOfDayAt, localDateOf, wallClockToUtcAtOrAfter } from "@/lib/time/zoned";

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

export function localInputToIso(value: FormDataEntryValue | null, timeZone: string): string {
  const text = typeof value === "string" ? value.trim() : "";
  const match = LOCAL.exec(text);
  if (!match) return text;
  const [, date, hours, minutes] = match;
  const minute = Number(hours) * 60 + Number(minutes);
  if (minute >= 1440 || Number.isNaN(new Date(`${date}T00:00:00Z`).getTime())) return text;
  return wallClockToUtcAtOrAfter(date!, minute, timeZone).toISOString();
}

/** An instant as a datetime-local value on the clinic's wall clock. */
export function isoToLocalInput(instant: Date, timeZone: string): string {
  const minute = minuteOfDayAt(instant, timeZone);
  return `${localDateOf(instant, timeZone)}T${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** A form's number field: a number when it reads as one, else the text (the schema says what is wrong). */
export function numberInput(value: FormDataEntryValue | null): number | string {
  const text = typeof value === "string" ? value.trim() : "";
  return text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
}

export const textInput = (value: FormDataEntryValue | null): string => (typeof value === "string" ? value : "");
