// Dates and times as people at the clinic read them: in the clinic's time zone, named.
const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export function weekdayName(isoWeekday: number): string {
  return WEEKDAY_NAMES[isoWeekday - 1] ?? `Day ${isoWeekday}`;
}

export function minutesToClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const isoStrings = new Map<number, string>();
const MAX_CACHED_ISO = 100_000;

/**
 * An instant (epoch ms) as ISO 8601 UTC, as Date#toISOString writes it,
 * remembered: the availability API writes the same grid times for every
 * request, and making a Date for each costs more than the rest of the answer.
 */
export function isoInstant(epochMs: number): string {
  let iso = isoStrings.get(epochMs);
  if (iso === undefined) {
    iso = new Date(epochMs).toISOString();
    if (isoStrings.size >= MAX_CACHED_ISO) isoStrings.clear();
    isoStrings.set(epochMs, iso);
  }
  return iso;
}

/**
 * An en-GB Intl.DateTimeFormat for these options, made once: building a
 * formatter costs a hundred times more than formatting with it, and mails and
 * pages format many dates with a handful of option sets.
 */
export function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", options);
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatDateTime(date: Date, timeZone: string): string {
  return dateTimeFormat({
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(date);
}

/** A calendar date stored at UTC midnight (a @db.Date column). */
export function formatDate(date: Date): string {
  return dateTimeFormat({ dateStyle: "long", timeZone: "UTC" }).format(date);
}

export const STATUS_LABEL: Record<string, string> = {
  HELD: "Held",
  CONFIRMED: "Confirmed",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
  NO_SHOW: "Missed",
  AWAITING_DOCUMENT: "Waiting for a document",
  UNDER_REVIEW: "Under review",
  APPROVED: "Approved",
  DECLINED: "Declined",
  EXPIRED: "Expired",
};

/** An appointment's status in words, a held one with what it waits for. */
export function appointmentStatusLabel(appointment: { status: string; holdReason?: string | null }): string {
  if (appointment.status !== "HELD") return STATUS_LABEL[appointment.status] ?? appointment.status;
  return appointment.holdReason === "restrictions"
    ? "Held: needs a change to fit the physician's restrictions"
    : "Held: waiting for the physician's clearance";
}
