// Which times a therapist can be booked. Two layers:
// - offeredSlots / freeSlots: pure functions over plain data (shifts, time off,
//   active appointments, settings, a frozen `now`), unit-testable with no database;
// - findAvailability / explainStart: load that data in one SQL statement (the
//   massage type with the settings and its therapists' shifts, time off and
//   active appointments as JSON) and run the pure functions. Both take
//   a DbClient, so the booking transaction calls explainStart on its own `tx`.
//
// Slot rules:
// - Starts lie on a grid of settings.slotGridMinutes counted from local midnight
//   in the clinic's zone (a 30-minute grid gives :00 and :30), not from the
//   shift's start: a shift from 09:15 offers 09:30 first. Patients see tidy
//   times, and every therapist's times line up.
// - A slot lies inside one shift: start + duration <= the shift's end, measured
//   in real minutes. Overlapping or touching shifts of one weekday count as one.
// - A wall-clock start that does not exist (the skipped hour of a spring-forward
//   day) is not offered; on a fall-back day each wall-clock time is offered once,
//   at its first occurrence. A shift whose end does not exist ends at the jump.
// - Not before now + minimumNoticeHours, not after now + bookingHorizonDays, not
//   after the day the therapist's certification expires (UTC, as in
//   lib/catalogue/queries.ts).
// - Not overlapping the therapist's (approved) time off; not on a day the whole
//   clinic is closed (a Closure: a local date in the clinic's zone); not within
//   bufferMinutes of an active (held or confirmed) appointment on either side.
import type { DbClient } from "@/lib/db/prisma";
import { ValidationError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/ids";
import { Prisma, type ClinicSettings } from "@/lib/generated/prisma/client";
import { nameInSentence } from "@/lib/catalogue/massage-types";
import { DEFAULT_SETTINGS } from "@/lib/settings";
import { isoWeekdayOfDate, localDatesBetween, wallClockMsOn, wallClockToUtcAtOrAfter } from "@/lib/time/zoned";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1440;

/** The longest range one availability request may ask for. */
export const MAX_RANGE_DAYS = 62;

export interface Shift {
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Wall-clock minutes since midnight in the clinic's zone; endMinute may be 1440. */
  startMinute: number;
  endMinute: number;
}

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

export interface TherapistSchedule {
  therapistId: string;
  bufferMinutes: number;
  shifts: Shift[];
  timeOff: Interval[];
  /** Active (held or confirmed) appointments; others must be left out. */
  appointments: Interval[];
  /** Slots must start before this instant (the end of the certification's last day); no limit when absent. */
  bookableUntil?: Date;
  /** Local dates ("YYYY-MM-DD", clinic zone) the clinic is closed: no slot starts on them (a slot never crosses midnight). */
  closedDates?: readonly string[];
}

export type SlotRules = Pick<ClinicSettings, "timeZone" | "minimumNoticeHours" | "bookingHorizonDays" | "slotGridMinutes">;

export interface SlotQuery {
  /** Minutes. */
  duration: number;
  /** Slots whose start lies in [from, to). */
  from: Date;
  to: Date;
  now: Date;
  /** A change that keeps a booked time (another type or length): minimum notice and horizon do not apply to it. */
  keepsTime?: boolean;
}

export interface Slot {
  therapistId: string;
  start: Date;
  end: Date;
}

/** Shifts of one weekday as disjoint, sorted wall-clock intervals (overlapping or touching ones joined). */
function mergedShifts(shifts: Shift[], weekday: number): Array<[number, number]> {
  const sorted = shifts
    .filter((shift) => shift.weekday === weekday)
    .map((shift): [number, number] => [Math.max(0, shift.startMinute), Math.min(MINUTES_PER_DAY, shift.endMinute)])
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Wall clock -> instant (epoch ms), memoised for one computation: every therapist asks about the same grid times. */
function clockFor(timeZone: string) {
  const days = new Map<string, { at: (minute: number) => number | null; starts: Array<number | null | undefined> }>();
  const ends = new Map<string, number>();
  const ranges = new Map<string, Array<{ date: string; weekday: number }>>();
  return {
    /** The instant the clock reads `minute` on `date`; null when that time does not exist. */
    start(date: string, minute: number): number | null {
      let day = days.get(date);
      if (!day) {
        day = { at: wallClockMsOn(date, timeZone), starts: [] };
        days.set(date, day);
      }
      let start = day.starts[minute];
      if (start === undefined) {
        start = day.at(minute);
        day.starts[minute] = start;
      }
      return start;
    },
    end(date: string, minute: number): number {
      const key = `${date} ${minute}`;
      let end = ends.get(key);
      if (end === undefined) {
        end = wallClockToUtcAtOrAfter(date, minute, timeZone).getTime();
        ends.set(key, end);
      }
      return end;
    },
    /** The local dates (with their ISO weekday) that [earliest, latest] touches. */
    dates(earliest: number, latest: number) {
      const key = `${earliest} ${latest}`;
      let range = ranges.get(key);
      if (!range) {
        range = localDatesBetween(new Date(earliest), new Date(latest), timeZone).map((date) => ({ date, weekday: isoWeekdayOfDate(date) }));
        ranges.set(key, range);
      }
      return range;
    },
  };
}

type Clock = ReturnType<typeof clockFor>;

/** A slot as epoch milliseconds, while many are computed; Slot (with Dates) only for the answer. */
export interface RawSlot {
  therapistId: string;
  start: number;
  end: number;
}

const toSlot = (raw: RawSlot): Slot => ({ therapistId: raw.therapistId, start: new Date(raw.start), end: new Date(raw.end) });

function offeredSlotsWith(clock: Clock, schedule: TherapistSchedule, rules: SlotRules, query: SlotQuery): RawSlot[] {
  const slots: RawSlot[] = [];
  eachOfferedSlot(clock, schedule, rules, query, (start, end) => slots.push({ therapistId: schedule.therapistId, start, end }));
  return slots;
}

/** Calls `emit` with each offered slot's start and end (epoch ms), in order, making no objects. */
function eachOfferedSlot(
  clock: Clock,
  schedule: TherapistSchedule,
  rules: SlotRules,
  query: SlotQuery,
  emit: (start: number, end: number) => void,
): void {
  const grid = Math.max(1, Math.floor(rules.slotGridMinutes));
  const durationMs = query.duration * MINUTE_MS;
  const earliest = Math.max(query.from.getTime(), query.keepsTime ? query.now.getTime() : query.now.getTime() + rules.minimumNoticeHours * HOUR_MS);
  const latest = Math.min(
    query.to.getTime() - 1,
    query.keepsTime ? Infinity : query.now.getTime() + rules.bookingHorizonDays * DAY_MS,
    (schedule.bookableUntil?.getTime() ?? Infinity) - 1,
  );
  if (!(durationMs > 0) || latest < earliest || schedule.shifts.length === 0) return;

  const timeOff = schedule.timeOff.map((off) => [off.startsAt.getTime(), off.endsAt.getTime()] as const);
  const closed = schedule.closedDates?.length ? new Set(schedule.closedDates) : null;
  const shiftsByWeekday = new Map<number, Array<[number, number]>>();
  for (const { date, weekday } of clock.dates(earliest, latest)) {
    if (closed?.has(date)) continue;
    let shifts = shiftsByWeekday.get(weekday);
    if (!shifts) {
      shifts = mergedShifts(schedule.shifts, weekday);
      shiftsByWeekday.set(weekday, shifts);
    }
    for (const [startMinute, endMinute] of shifts) {
      const shiftEnd = clock.end(date, endMinute);
      for (let minute = Math.ceil(startMinute / grid) * grid; minute < endMinute; minute += grid) {
        const start = clock.start(date, minute);
        if (start === null || start < earliest || start > latest) continue;
        const end = start + durationMs;
        if (end > shiftEnd) continue;
        if (timeOff.length && timeOff.some(([offStart, offEnd]) => start < offEnd && end > offStart)) continue;
        emit(start, end);
      }
    }
  }
}

/**
 * The slots a therapist offers, ignoring appointments: on the grid, inside a
 * shift, outside time off, within notice and horizon. Sorted by start.
 */
export function offeredSlots(schedule: TherapistSchedule, rules: SlotRules, query: SlotQuery): Slot[] {
  return sortSlots(offeredSlotsWith(clockFor(rules.timeZone), schedule, rules, query)).map(toSlot);
}

/** Whether a slot comes within `bufferMinutes` of an active appointment, on either side (the buffer rule, appointmentIndex). */
export function conflictsWithAppointment(
  slot: { start: Date; end: Date },
  appointments: readonly Interval[],
  bufferMinutes: number,
): boolean {
  return appointmentIndex(appointments, bufferMinutes)(slot.start.getTime(), slot.end.getTime());
}

/**
 * The buffer rule: a slot is blocked when it comes within `bufferMinutes` of
 * an active appointment on either side. O(log n) per slot instead of a scan of
 * every appointment (a busy month has hundreds): appointments sorted by start,
 * with the latest end among the first k; a slot is blocked when some
 * appointment starting before slot end + buffer ends after slot start - buffer.
 */
function appointmentIndex(appointments: readonly Interval[], bufferMinutes: number): (start: number, end: number) => boolean {
  const buffer = bufferMinutes * MINUTE_MS;
  const sorted = appointments.map((a) => [a.startsAt.getTime(), a.endsAt.getTime()] as const).sort((a, b) => a[0] - b[0]);
  const starts = sorted.map(([start]) => start);
  const latestEnd: number[] = [];
  for (const [, end] of sorted) latestEnd.push(Math.max(end, latestEnd.at(-1) ?? -Infinity));
  return (start, end) => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (starts[middle]! < end + buffer) low = middle + 1;
      else high = middle;
    }
    return low > 0 && latestEnd[low - 1]! > start - buffer;
  };
}

/** Offered slots of every given therapist that no active appointment blocks, merged and sorted by start. */
export function freeSlots(schedules: readonly TherapistSchedule[], rules: SlotRules, query: SlotQuery): Slot[] {
  return sortSlots(freeRawSlots(schedules, rules, query)).map(toSlot);
}

/** freeSlots, unsorted and without Dates. */
function freeRawSlots(schedules: readonly TherapistSchedule[], rules: SlotRules, query: SlotQuery): RawSlot[] {
  const clock = clockFor(rules.timeZone);
  return schedules.flatMap((schedule) => {
    const blocked = appointmentIndex(schedule.appointments, schedule.bufferMinutes);
    return offeredSlotsWith(clock, schedule, rules, query).filter((slot) => !blocked(slot.start, slot.end));
  });
}

function sortSlots(slots: RawSlot[]): RawSlot[] {
  return slots.sort((a, b) => a.start - b.start || (a.therapistId < b.therapistId ? -1 : a.therapistId > b.therapistId ? 1 : 0));
}

// ---------------------------------------------------------------------------
// Loading from the database

export interface AvailabilityRequest {
  /** One therapist; absent for any bookable therapist who offers the massage type. */
  therapistId?: string;
  massageType: string;
  /** Minutes; one of the massage type's durations. */
  duration: number;
  from: Date;
  to: Date;
  now?: Date;
}

export interface Availability {
  /** The clinic's IANA time zone, in which the working hours are read. */
  timeZone: string;
  slots: Slot[];
}

export type StartVerdict = "available" | "not_offered" | "taken";

export interface StartRequest {
  therapistId: string;
  massageType: string;
  duration: number;
  start: Date;
  now?: Date;
}


interface TherapistJson {
  id: string;
  name: string;
  active: boolean;
  certificationExpiry: string;
  offers: boolean;
  bufferMinutes: number;
  shifts: Shift[];
  timeOff: Array<{ startsAt: number; endsAt: number }>;
  appointments: Array<[number, number]>;
}

export interface CatalogueRow {
  /** The clinic's settings row as JSON (null before any is saved: the defaults apply). */
  settings: Partial<ClinicSettings> | string | null;
  name: string;
  active: boolean;
  durations: number[];
  therapists: TherapistJson[] | string;
  /** The clinic's closed days near the window, "YYYY-MM-DD" (absent from rows made before closures existed). */
  closures?: string[] | string | null;
}


interface Loaded {
  settings: ClinicSettings;
  schedules: TherapistSchedule[];
}

/** A json column as the driver hands it over: parsed already (node-postgres) or as text (some adapters). */
export const fromJson = <T>(value: unknown): T | null =>
  value === null || value === undefined ? null : ((typeof value === "string" ? JSON.parse(value) : value) as T);

const epochMs = (column: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::bigint`;

/** The therapists a patient may book for a type: active, certified today, offering it (lib/catalogue/queries.ts). */
function bookableTherapists(alias: Prisma.Sql, massageType: Prisma.Sql, today: string): Prisma.Sql {
  return Prisma.sql`${alias}."active"
    AND ${alias}."certificationExpiry" >= ${today}::date
    AND EXISTS (SELECT 1 FROM "TherapistMassageType" tm
                 WHERE tm."therapistId" = ${alias}."id" AND tm."massageTypeSlug" = ${massageType})`;
}

/** The start of today (UTC) as a date: a certification that expires today is still valid today. */
const todayUtc = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Everything the slot functions need, in one statement: the massage type with
 * the settings and the therapists' shifts, time off and active appointments
 * near [from, to), aggregated as JSON.
 * Throws ValidationError for an unknown type, a duration it does not offer, or
 * a therapist who cannot be booked for it.
 */
async function loadSchedules(
  db: DbClient,
  request: { therapistId?: string; massageType: string; duration: number; from: Date; to: Date; now: Date },
): Promise<Loaded> {
  const { therapistId, massageType, duration, from, to, now } = request;
  const windowEnd = new Date(to.getTime() + duration * MINUTE_MS);
  const [catalogue] = await db.$queryRaw<CatalogueRow[]>(catalogueSql({ therapistId, massageType, windowStart: from, windowEnd, now }));
  return { settings: settingsFrom(catalogue), schedules: schedulesFrom(catalogue, { therapistId, duration, now }) };
}

/**
 * One row (none for an unknown slug): the massage type, and as JSON the
 * therapists asked for (one by id, or every bookable one offering the type)
 * with their shifts, their time off within [windowStart, windowEnd) and their
 * active appointments within it (widened by their buffer).
 * Shared by availability and the booking context (lib/booking/context.ts).
 */
export function catalogueSql(request: {
  therapistId?: string;
  massageType: string;
  windowStart: Date;
  windowEnd: Date;
  now: Date;
  /** Leave this appointment out (the one a change replaces). */
  excludeAppointmentId?: string;
}): Prisma.Sql {
  const { therapistId, massageType } = request;
  const excluded = request.excludeAppointmentId ? Prisma.sql`AND a."id" <> ${request.excludeAppointmentId}::uuid` : Prisma.empty;
  const windowStart = request.windowStart.toISOString();
  const windowEnd = request.windowEnd.toISOString();
  const chosenTherapists = therapistId
    ? Prisma.sql`t."id" = ${therapistId}::uuid`
    : bookableTherapists(Prisma.sql`t`, Prisma.sql`mt."slug"`, todayUtc(request.now));
  return Prisma.sql`
      SELECT mt."name", mt."active", mt."durations",
        (SELECT row_to_json(s) FROM "ClinicSettings" s WHERE s."id" = 1) AS "settings",
        -- Closed days whose local date can meet the window in any zone (a day either side of its UTC dates).
        COALESCE((
          SELECT json_agg(to_char(c."date", 'YYYY-MM-DD') ORDER BY c."date") FROM "Closure" c
           WHERE c."date" BETWEEN (${windowStart}::timestamptz AT TIME ZONE 'UTC')::date - 1
                              AND (${windowEnd}::timestamptz AT TIME ZONE 'UTC')::date + 1), '[]'::json) AS "closures",
        COALESCE((
          SELECT json_agg(json_build_object(
            'id', t."id",
            'name', (SELECT u."name" FROM "User" u WHERE u."id" = t."userId"),
            'active', t."active",
            'certificationExpiry', to_char(t."certificationExpiry", 'YYYY-MM-DD'),
            'offers', EXISTS (SELECT 1 FROM "TherapistMassageType" tm
                               WHERE tm."therapistId" = t."id" AND tm."massageTypeSlug" = mt."slug"),
            'bufferMinutes', t."bufferMinutes",
            'shifts', COALESCE((
              SELECT json_agg(json_build_object('weekday', w."weekday", 'startMinute', w."startMinute", 'endMinute', w."endMinute"))
                FROM "WorkingHours" w WHERE w."therapistId" = t."id"), '[]'::json),
            'timeOff', COALESCE((
              SELECT json_agg(json_build_object('startsAt', ${epochMs(Prisma.sql`o."startsAt"`)}, 'endsAt', ${epochMs(Prisma.sql`o."endsAt"`)}))
                FROM "TimeOff" o
               WHERE o."therapistId" = t."id" AND o."status" = 'APPROVED'
                 AND o."startsAt" < ${windowEnd}::timestamptz AND o."endsAt" > ${windowStart}::timestamptz), '[]'::json),
            -- Active appointments near the window (the buffer reaches beyond it), as [start, end] in epoch ms:
            -- one JSON array per therapist instead of a row per appointment for Prisma to decode.
            -- Written as the exclusion constraint's own terms ("during" &&, status HELD or CONFIRMED) so its
            -- partial GiST index finds them by therapist and time: past (completed, cancelled) appointments
            -- are not in that index, and neither are active ones outside the window (docs/benchmarks.md, scale).
            -- tstzrange(x, y, '()') overlaps "during" = [startsAt, endsAt) exactly when startsAt < y and endsAt > x.
            'appointments', COALESCE((
              SELECT json_agg(json_build_array(${epochMs(Prisma.sql`a."startsAt"`)}, ${epochMs(Prisma.sql`a."endsAt"`)}) ORDER BY a."startsAt")
                FROM "Appointment" a
               WHERE a."therapistId" = t."id" AND a."status" IN ('HELD', 'CONFIRMED') ${excluded}
                 AND a."during" && tstzrange(${windowStart}::timestamptz - make_interval(mins => t."bufferMinutes"),
                                             ${windowEnd}::timestamptz + make_interval(mins => t."bufferMinutes"), '()')), '[]'::json)
          ) ORDER BY t."id")
          FROM "Therapist" t
          WHERE ${chosenTherapists}
        ), '[]'::json) AS "therapists"
      FROM "MassageType" mt
      WHERE mt."slug" = ${massageType}`;
}

/** The clinic's settings that came with a catalogueSql row; the defaults without a row or without a saved settings row. */
export function settingsFrom(type: CatalogueRow | undefined): ClinicSettings {
  const saved = fromJson<Partial<ClinicSettings>>(type?.settings);
  return { ...DEFAULT_SETTINGS, ...saved };
}

export interface ScheduleWithName extends TherapistSchedule {
  name: string;
}

/**
 * The schedules in a catalogueSql row, without appointments. Throws
 * ValidationError for an unknown or inactive type, a duration it does not
 * offer, or (when one therapist was asked for) a therapist who cannot be booked for it.
 */
export function schedulesFrom(
  type: CatalogueRow | undefined,
  request: { therapistId?: string; duration: number; now: Date },
): ScheduleWithName[] {
  const { therapistId, duration } = request;
  const today = todayUtc(request.now);
  if (!type || !type.active) {
    throw new ValidationError("Choose a massage type the clinic offers.", {
      massageType: "Choose a massage type the clinic offers.",
    });
  }
  if (!type.durations.includes(duration)) {
    const message = `${type.name} is offered for ${listMinutes(type.durations)} minutes.`;
    throw new ValidationError(message, { duration: message });
  }

  const therapists = fromJson<TherapistJson[]>(type.therapists) ?? [];
  const closedDates = fromJson<string[]>(type.closures) ?? [];
  if (therapistId) {
    const therapist = therapists[0];
    const problem = !therapist
      ? "We could not find this therapist. Choose one from the list."
      : !therapist.active || therapist.certificationExpiry < today
        ? "This therapist is not taking bookings at the moment. Choose another therapist."
        : !therapist.offers
          ? `This therapist does not offer ${nameInSentence(type.name)}. Choose another therapist or massage type.`
          : undefined;
    if (problem) throw new ValidationError(problem, { therapistId: problem });
  }

  return therapists.map((therapist) => ({
    therapistId: therapist.id,
    name: therapist.name,
    bufferMinutes: therapist.bufferMinutes,
    shifts: therapist.shifts,
    timeOff: therapist.timeOff.map((off) => ({ startsAt: new Date(Number(off.startsAt)), endsAt: new Date(Number(off.endsAt)) })),
    appointments: therapist.appointments.map(([startsAt, endsAt]) => ({ startsAt: new Date(Number(startsAt)), endsAt: new Date(Number(endsAt)) })),
    bookableUntil: new Date(Date.parse(`${therapist.certificationExpiry}T00:00:00Z`) + DAY_MS),
    closedDates,
  }));
}

function listMinutes(durations: number[]): string {
  const sorted = durations.toSorted((a, b) => a - b).map(String);
  return sorted.length <= 1 ? (sorted[0] ?? "no") : `${sorted.slice(0, -1).join(", ")} or ${sorted.at(-1)}`;
}

function requireTherapistId(therapistId: string): void {
  if (!isUuid(therapistId)) {
    throw new ValidationError("Choose a therapist from the list.", { therapistId: "Choose a therapist from the list." });
  }
}

function requireInstant(value: Date, field: string, message: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new ValidationError(message, { [field]: message });
}

/**
 * Free slots of one therapist, or of every bookable therapist offering the type
 * (each slot names its therapist; one slot per start time, see firstAvailable),
 * whose start lies in [from, to), sorted by start. One SQL statement, however
 * many therapists.
 */
export async function findAvailability(db: DbClient, request: AvailabilityRequest): Promise<Availability> {
  const { timeZone, slots } = await findAvailableTimes(db, request);
  return { timeZone, slots: slots.map(toSlot) };
}

function checkAvailabilityRequest(request: AvailabilityRequest): void {
  requireInstant(request.from, "from", "Give the start of the range as a date and time.");
  requireInstant(request.to, "to", "Give the end of the range as a date and time.");
  if (request.to.getTime() <= request.from.getTime()) {
    throw new ValidationError("The range must end after it starts.", { to: "The range must end after it starts." });
  }
  if (request.to.getTime() - request.from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    const message = `Ask for at most ${MAX_RANGE_DAYS} days at a time.`;
    throw new ValidationError(message, { to: message });
  }
  if (request.therapistId !== undefined) requireTherapistId(request.therapistId);
}

/**
 * findAvailability with times as epoch milliseconds, for the availability
 * route: a month of slots is hundreds of Dates otherwise, made only to be
 * turned into text (see isoInstant in lib/format.ts).
 */
export async function findAvailableTimes(db: DbClient, request: AvailabilityRequest): Promise<{ timeZone: string; slots: RawSlot[] }> {
  const now = request.now ?? new Date();
  checkAvailabilityRequest(request);
  const { settings, schedules } = await loadSchedules(db, { ...request, now });
  const query = { duration: request.duration, from: request.from, to: request.to, now };
  const slots =
    request.therapistId === undefined
      ? firstAvailable(schedules, settings, query)
      : sortSlots(freeRawSlots(schedules, settings, query));
  return { timeZone: settings.timeZone, slots };
}

/**
 * "First available": one slot per start time, given to the free therapist with
 * the fewest active appointments among those loaded (the work spreads out),
 * then by id so the answer is stable. A patient choosing "any therapist" sees
 * each time once, not once per therapist. Sorted by start; no object is made
 * for a slot that does not win its time.
 */
function firstAvailable(schedules: readonly TherapistSchedule[], rules: SlotRules, query: SlotQuery): RawSlot[] {
  const clock = clockFor(rules.timeZone);
  // Most preferred first: a time already won is never looked at again.
  const preferred = schedules.toSorted(
    (a, b) => a.appointments.length - b.appointments.length || (a.therapistId < b.therapistId ? -1 : a.therapistId > b.therapistId ? 1 : 0),
  );
  const won = new Map<number, RawSlot>();
  for (const schedule of preferred) {
    const blocked = appointmentIndex(schedule.appointments, schedule.bufferMinutes);
    eachOfferedSlot(clock, schedule, rules, query, (start, end) => {
      if (!won.has(start) && !blocked(start, end)) won.set(start, { therapistId: schedule.therapistId, start, end });
    });
  }
  return [...won.values()].sort((a, b) => a.start - b.start);
}

/**
 * Whether one start can be booked now, for the booking transaction (pass its
 * `tx`): "not_offered" when it is no slot even with no appointments at all (off
 * the grid, outside the shift, in time off, on a closed day, too soon, beyond the horizon, in
 * the past); "taken" when an active appointment (with the buffer) blocks it;
 * else "available". A therapist, type or duration that cannot be booked at all
 * throws the same ValidationError as findAvailability.
 */
export async function explainStart(db: DbClient, request: StartRequest): Promise<StartVerdict> {
  const now = request.now ?? new Date();
  requireInstant(request.start, "start", "Choose a time from the ones offered.");
  requireTherapistId(request.therapistId);
  const from = request.start;
  const to = new Date(request.start.getTime() + 1);
  const { settings, schedules } = await loadSchedules(db, { ...request, from, to, now });
  const schedule = schedules[0];
  if (!schedule) return "not_offered";
  return startVerdict(schedule, settings, { duration: request.duration, start: request.start, now });
}

/**
 * The slot rule for one start, on loaded data: "not_offered" (off the grid,
 * outside the shift, in time off, too soon, beyond the horizon or the
 * certification), "taken" (the buffer rule against the schedule's active
 * appointments), else "available". The lifecycle runs it under the
 * therapist's lock on what it has just read (lib/appointments/book.ts).
 */
export function startVerdict(
  schedule: TherapistSchedule,
  rules: SlotRules,
  request: { duration: number; start: Date; now: Date; keepsTime?: boolean },
): StartVerdict {
  const slot = offeredSlotAt(schedule, rules, request);
  if (!slot) return "not_offered";
  return conflictsWithAppointment(slot, schedule.appointments, schedule.bufferMinutes) ? "taken" : "available";
}

/** The slot starting exactly at `start` if the schedule offers one (appointments aside), else undefined. */
export function offeredSlotAt(
  schedule: TherapistSchedule,
  rules: SlotRules,
  request: { duration: number; start: Date; now: Date; keepsTime?: boolean },
): Slot | undefined {
  const from = request.start;
  const to = new Date(from.getTime() + 1);
  return offeredSlots(schedule, rules, { duration: request.duration, from, to, now: request.now, keepsTime: request.keepsTime }).find(
    (candidate) => candidate.start.getTime() === from.getTime(),
  );
}
