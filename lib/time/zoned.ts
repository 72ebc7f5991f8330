// Wall-clock arithmetic in an IANA time zone with nothing but Intl. The clinic's
// working hours are wall-clock minutes in its zone; appointments are instants.
// These helpers turn one into the other, correctly on the two days a year the
// clock jumps.
//
// A local date is a "YYYY-MM-DD" string; a wall-clock time is minutes since
// local midnight (1440 is the next day's midnight).

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Creating a formatter is the slow part of Intl; one per zone is enough.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a zone name this runtime's Intl knows ("Europe/Amsterdam", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(instantMs: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    // Some engines print midnight as 24 even with h23.
    hour: (parts.hour ?? NaN) % 24,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

/** Offsets already asked for, by zone and second: slot grids ask about the same local midnights again and again. */
const offsets = new Map<string, number>();
const MAX_CACHED_OFFSETS = 50_000;

/** The zone's offset from UTC at an instant, in milliseconds (east positive: +2 h in Amsterdam in summer). */
function offsetMsAt(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  const key = `${timeZone} ${wholeSecond}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const p = localParts(wholeSecond, timeZone);
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSecond;
  if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The zone's offset from UTC at an instant, in minutes. */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  return Math.round(offsetMsAt(instant.getTime(), timeZone) / MINUTE_MS);
}

function parseDate(date: string): { year: number; month: number; day: number } {
  const match = DATE_PATTERN.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (!match || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  }
  return { year, month, day };
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The same digits read as if they were UTC: the wall-clock time as a number, free of any zone. */
function wallClockAsUtcMs(date: string, minuteOfDay: number): number {
  const { year, month, day } = parseDate(date);
  return Date.UTC(year, month - 1, day) + minuteOfDay * MINUTE_MS;
}

function localAsUtcMs(instantMs: number, timeZone: string): number {
  return instantMs + offsetMsAt(instantMs, timeZone);
}

/** Every instant whose wall clock in the zone reads exactly this time, earliest first (0, 1 or 2 of them). */
function instantsReading(wallMs: number, timeZone: string): number[] {
  const dayBefore = offsetMsAt(wallMs - DAY_MS, timeZone);
  const dayAfter = offsetMsAt(wallMs + DAY_MS, timeZone);
  if (dayBefore === dayAfter) {
    // The usual day: one offset all around, one reading.
    const candidate = wallMs - dayBefore;
    if (localAsUtcMs(candidate, timeZone) === wallMs) return [candidate];
  }
  // Near a transition. Two passes (the offset at the naive guess, then at the
  // instant that gives), plus the offsets a day either side: those are the two
  // offsets around the change, so the ambiguous hour's first reading is found too.
  const firstPass = offsetMsAt(wallMs, timeZone);
  const secondPass = offsetMsAt(wallMs - firstPass, timeZone);
  const found = new Set<number>();
  for (const offset of new Set([firstPass, secondPass, dayBefore, dayAfter])) {
    const candidate = wallMs - offset;
    if (localAsUtcMs(candidate, timeZone) === wallMs) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The instant at which the clock in `timeZone` reads `minuteOfDay` on `date`.
 * null when that time does not exist (the skipped hour on a spring-forward
 * day); the first of the two when it happens twice (a fall-back day).
 */
export function wallClockToUtc(date: string, minuteOfDay: number, timeZone: string): Date | null {
  const [first] = instantsReading(wallClockAsUtcMs(date, minuteOfDay), timeZone);
  return first === undefined ? null : new Date(first);
}

/**
 * The first instant at which the clock reads `minuteOfDay` on `date` or later:
 * the same as wallClockToUtc, except that a skipped time gives the moment the
 * clock jumped over it. For boundaries (a shift's end, a day's start), which
 * must exist even when their wall-clock time does not.
 */
export function wallClockToUtcAtOrAfter(date: string, minuteOfDay: number, timeZone: string): Date {
  const wallMs = wallClockAsUtcMs(date, minuteOfDay);
  const [first] = instantsReading(wallMs, timeZone);
  if (first !== undefined) return new Date(first);
  // Skipped: with the larger offset the instant lies before the jump (its clock
  // reads earlier), with the smaller one after it. Bisect to the jump, to the
  // millisecond; it is always within a few hours, so this is ~25 steps.
  const offsets = [offsetMsAt(wallMs - DAY_MS, timeZone), offsetMsAt(wallMs + DAY_MS, timeZone)];
  let before = wallMs - Math.max(...offsets);
  let after = wallMs - Math.min(...offsets);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (localAsUtcMs(middle, timeZone) >= wallMs) after = middle;
    else before = middle;
  }
  return new Date(after);
}

/**
 * wallClockToUtc for many times of one local date: the same answers, but on a
 * day with one offset throughout (all but two a year) each call is arithmetic,
 * not Intl. For slot grids, which ask about every half hour of many days.
 */
export function wallClockOn(date: string, timeZone: string): (minuteOfDay: number) => Date | null {
  const at = wallClockMsOn(date, timeZone);
  return (minuteOfDay) => {
    const instant = at(minuteOfDay);
    return instant === null ? null : new Date(instant);
  };
}

/** wallClockOn in epoch milliseconds, for loops that would otherwise make a Date per grid time. */
export function wallClockMsOn(date: string, timeZone: string): (minuteOfDay: number) => number | null {
  const midnight = wallClockAsUtcMs(date, 0);
  const offsets = [-DAY_MS, 0, DAY_MS, 2 * DAY_MS].map((shift) => offsetMsAt(midnight + shift, timeZone));
  const fixed = offsets.every((offset) => offset === offsets[0]) ? offsets[0] : undefined;
  if (fixed === undefined) return (minuteOfDay) => instantsReading(wallClockAsUtcMs(date, minuteOfDay), timeZone)[0] ?? null;
  return (minuteOfDay) => midnight + minuteOfDay * MINUTE_MS - fixed;
}

/** The local calendar date ("YYYY-MM-DD") of an instant in the zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  const p = localParts(instant.getTime(), timeZone);
  return formatDate(p.year, p.month, p.day);
}

/** Minutes since local midnight of an instant in the zone, by its wall clock (seconds dropped). */
export function minuteOfDayAt(instant: Date, timeZone: string): number {
  const p = localParts(instant.getTime(), timeZone);
  return p.hour * 60 + p.minute;
}

/** ISO weekday (1 = Monday ... 7 = Sunday) of a calendar date. */
export function isoWeekdayOfDate(date: string): number {
  const { year, month, day } = parseDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** ISO weekday (1 = Monday ... 7 = Sunday) of an instant in the zone. */
export function isoWeekdayAt(instant: Date, timeZone: string): number {
  return isoWeekdayOfDate(localDateOf(instant, timeZone));
}

/** A calendar date `days` later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/**
 * Every local date in the zone on which some instant of [from, to] falls, in
 * order (both ends included; pass `to` minus 1 ms for a half-open range).
 * Empty when `to` is before `from`.
 */
export function localDatesBetween(from: Date, to: Date, timeZone: string): string[] {
  if (to.getTime() < from.getTime()) return [];
  const last = localDateOf(to, timeZone);
  const dates: string[] = [];
  for (let date = localDateOf(from, timeZone); date <= last; date = addDays(date, 1)) dates.push(date);
  return dates;
}
