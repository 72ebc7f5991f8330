import { beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { GET } from "@/app/api/v1/availability/route";
import type { Connection } from "@/lib/db/connection";
import { createPrisma } from "@/lib/db/prisma";
import { ValidationError } from "@/lib/errors";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import { addDays, isoWeekdayOfDate, localDateOf, minuteOfDayAt, offsetMinutesAt, wallClockToUtc } from "@/lib/time/zoned";
import { useTestDatabase } from "@/test/db";
import { failureOf } from "@/test/errors";
import { appointmentRow, createPatient, createTherapist } from "@/test/fixtures";
import {
  conflictsWithAppointment,
  explainStart,
  findAvailability,
  freeSlots,
  MAX_RANGE_DAYS,
  offeredSlots,
  type AvailabilityRequest,
  type Slot,
  type SlotRules,
  type TherapistSchedule,
} from "./availability";

// The route reads the app's one client; here it is this file's test database.
const routeDb = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock("@/lib/db", () => ({ getDb: () => routeDb.current }));

const AMS = "Europe/Amsterdam";
const NYC = "America/New_York";
const RULES: SlotRules = { timeZone: AMS, minimumNoticeHours: 2, bookingHorizonDays: 60, slotGridMinutes: 30 };
// Monday 1 June 2026, 08:00 in Amsterdam (summer time, UTC+2).
const NOW = new Date("2026-06-01T06:00:00Z");
const at = (iso: string) => new Date(iso);
const formatOffset = (minutes: number) =>
  `${minutes < 0 ? "-" : "+"}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, "0")}:${String(Math.abs(minutes) % 60).padStart(2, "0")}`;
const starts = (slots: Slot[]) => slots.map((slot) => slot.start.toISOString());
/** "HH:MM" on the clinic's wall clock, for assertions that read like the rota. */
const localTimes = (slots: Slot[], zone = AMS) =>
  slots.map((slot) => {
    const minute = minuteOfDayAt(slot.start, zone);
    return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
  });

describe("the slot rules, on plain data", () => {
  const schedule = (overrides: Partial<TherapistSchedule> = {}): TherapistSchedule => ({
    therapistId: "t1",
    bufferMinutes: 15,
    // Monday 09:00-12:00.
    shifts: [{ weekday: 1, startMinute: 9 * 60, endMinute: 12 * 60 }],
    timeOff: [],
    appointments: [],
    ...overrides,
  });
  // Monday 8 June 2026, the whole local day.
  const day = { from: at("2026-06-07T22:00:00Z"), to: at("2026-06-08T22:00:00Z"), now: NOW };

  test("starts on the grid from local midnight, each ending within the shift", () => {
    const slots = offeredSlots(schedule(), RULES, { ...day, duration: 60 });
    expect(localTimes(slots)).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00"]);
    expect(slots[0]).toEqual({ therapistId: "t1", start: at("2026-06-08T07:00:00Z"), end: at("2026-06-08T08:00:00Z") });
  });

  test("a shift that starts off the grid offers the next grid time first", () => {
    const slots = offeredSlots(schedule({ shifts: [{ weekday: 1, startMinute: 9 * 60 + 15, endMinute: 11 * 60 }] }), RULES, {
      ...day,
      duration: 30,
    });
    expect(localTimes(slots)).toEqual(["09:30", "10:00", "10:30"]);
  });

  test("a finer grid gives more starts", () => {
    const slots = offeredSlots(schedule(), { ...RULES, slotGridMinutes: 20 }, { ...day, duration: 60 });
    expect(localTimes(slots)).toEqual(["09:00", "09:20", "09:40", "10:00", "10:20", "10:40", "11:00"]);
  });

  test("overlapping and touching shifts count as one, without duplicate starts", () => {
    const shifts = [
      { weekday: 1, startMinute: 9 * 60, endMinute: 10 * 60 },
      { weekday: 1, startMinute: 10 * 60, endMinute: 11 * 60 },
      { weekday: 1, startMinute: 9 * 60 + 30, endMinute: 10 * 60 + 30 },
    ];
    expect(localTimes(offeredSlots(schedule({ shifts }), RULES, { ...day, duration: 60 }))).toEqual(["09:00", "09:30", "10:00"]);
  });

  test("a shift ending at midnight (1440) offers its last start", () => {
    const shifts = [{ weekday: 1, startMinute: 22 * 60, endMinute: 1440 }];
    expect(localTimes(offeredSlots(schedule({ shifts }), RULES, { ...day, duration: 60 }))).toEqual(["22:00", "22:30", "23:00"]);
  });

  test("the range is half-open: a slot starting at `to` is left out", () => {
    const slots = offeredSlots(schedule(), RULES, { from: at("2026-06-08T07:30:00Z"), to: at("2026-06-08T08:30:00Z"), now: NOW, duration: 60 });
    expect(localTimes(slots)).toEqual(["09:30", "10:00"]);
  });

  test("the buffer blocks on both sides; touching the buffer's edge does not", () => {
    const appointment = { startsAt: at("2026-06-08T09:00:00Z"), endsAt: at("2026-06-08T10:00:00Z") }; // 11:00-12:00
    const slot = (startIso: string, minutes: number) => ({
      start: at(startIso),
      end: new Date(at(startIso).getTime() + minutes * 60_000),
    });
    expect(conflictsWithAppointment(slot("2026-06-08T08:00:00Z", 60), [appointment], 15)).toBe(true); // ends at its start
    expect(conflictsWithAppointment(slot("2026-06-08T07:45:00Z", 60), [appointment], 15)).toBe(false); // ends 15 min before
    expect(conflictsWithAppointment(slot("2026-06-08T10:00:00Z", 60), [appointment], 15)).toBe(true); // starts at its end
    expect(conflictsWithAppointment(slot("2026-06-08T10:15:00Z", 60), [appointment], 15)).toBe(false); // 15 min after
    expect(conflictsWithAppointment(slot("2026-06-08T10:00:00Z", 60), [appointment], 0)).toBe(false);
    expect(conflictsWithAppointment(slot("2026-06-08T09:15:00Z", 30), [appointment], 0)).toBe(true); // inside
  });

  test("freeSlots merges therapists, sorted by start, each slot naming its therapist", () => {
    const slots = freeSlots(
      [
        schedule({ therapistId: "b", shifts: [{ weekday: 1, startMinute: 9 * 60, endMinute: 10 * 60 }] }),
        schedule({ therapistId: "a", shifts: [{ weekday: 1, startMinute: 9 * 60 + 30, endMinute: 10 * 60 + 30 }] }),
      ],
      RULES,
      { ...day, duration: 30 },
    );
    expect(slots.map((slot) => `${localTimes([slot])[0]} ${slot.therapistId}`)).toEqual([
      "09:00 b",
      "09:30 a",
      "09:30 b",
      "10:00 a",
    ]);
  });

  test("a certification's last day is the last day with slots", () => {
    const week = { from: at("2026-06-07T22:00:00Z"), to: at("2026-06-10T22:00:00Z"), now: NOW, duration: 60 };
    const everyDay = [1, 2, 3].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 10 * 60 }));
    const slots = offeredSlots(schedule({ shifts: everyDay, bookableUntil: at("2026-06-10T00:00:00Z") }), RULES, week);
    expect(slots.map((slot) => localDateOf(slot.start, AMS))).toEqual(["2026-06-08", "2026-06-09"]);
  });

  test("nothing for a zero duration or an empty range", () => {
    expect(offeredSlots(schedule(), RULES, { ...day, duration: 0 })).toEqual([]);
    expect(offeredSlots(schedule(), RULES, { ...day, to: day.from, duration: 60 })).toEqual([]);
  });
});

describe("findAvailability and explainStart, against the database", () => {
  const t = useTestDatabase();
  let patientId: string;

  async function useSettings(overrides: Partial<SlotRules> = {}) {
    const data = { ...RULES, ...overrides };
    await t.db.clinicSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  }

  async function therapist(
    options: {
      hours?: Array<[number, string, string]>;
      bufferMinutes?: number;
      massageTypes?: string[];
      active?: boolean;
      certificationExpiry?: Date;
    } = {},
  ) {
    const created = await createTherapist(t.db, {
      hours: options.hours ?? [[1, "09:00", "17:00"]],
      ...(options.massageTypes ? { massageTypes: options.massageTypes } : {}),
      ...(options.active !== undefined ? { active: options.active } : {}),
      ...(options.certificationExpiry ? { certificationExpiry: options.certificationExpiry } : {}),
    });
    if (options.bufferMinutes !== undefined) {
      await t.db.therapist.update({ where: { id: created.id }, data: { bufferMinutes: options.bufferMinutes } });
    }
    return created.id;
  }

  function book(therapistId: string, startIso: string, endIso: string, status: AppointmentStatus = "CONFIRMED") {
    return t.db.appointment.create({
      data: appointmentRow({ therapistId, patientId, massageTypeSlug: "swedish", startsAt: at(startIso), endsAt: at(endIso), status }),
    });
  }

  function timeOff(therapistId: string, startIso: string, endIso: string) {
    return t.db.timeOff.create({ data: { therapistId, startsAt: at(startIso), endsAt: at(endIso), reason: "Course" } });
  }

  const find = (request: Partial<AvailabilityRequest>) =>
    findAvailability(t.db, {
      massageType: "swedish",
      duration: 60,
      // Monday 8 June 2026, the local day in Amsterdam.
      from: at("2026-06-07T22:00:00Z"),
      to: at("2026-06-08T22:00:00Z"),
      now: NOW,
      ...request,
    });

  const explain = (therapistId: string, startIso: string, overrides: { now?: Date; duration?: number; massageType?: string } = {}) =>
    explainStart(t.db, { therapistId, massageType: "swedish", duration: 60, start: at(startIso), now: NOW, ...overrides });

  beforeAll(async () => {
    patientId = (await createPatient(t.db)).id;
  });
  beforeEach(() => useSettings());

  describe("working hours and the grid", () => {
    test("a Monday 09:00-17:00 shift gives hourly massages every half hour, in UTC", async () => {
      const therapistId = await therapist();
      const { timeZone, slots } = await find({ therapistId });
      expect(timeZone).toBe(AMS);
      expect(localTimes(slots)).toEqual([
        "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30",
        "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00",
      ]);
      expect(slots[0]).toEqual({ therapistId, start: at("2026-06-08T07:00:00Z"), end: at("2026-06-08T08:00:00Z") });
      expect(slots.at(-1)).toEqual({ therapistId, start: at("2026-06-08T14:00:00Z"), end: at("2026-06-08T15:00:00Z") });
    });

    test("a 90-minute massage must end by the shift's end", async () => {
      const therapistId = await therapist({ hours: [[1, "09:00", "12:00"]] });
      const { slots } = await find({ therapistId, duration: 90 });
      expect(localTimes(slots)).toEqual(["09:00", "09:30", "10:00", "10:30"]);
    });

    test("days without a shift have no slots; several weeks repeat the week", async () => {
      const therapistId = await therapist({ hours: [[1, "09:00", "10:00"], [3, "14:00", "15:00"]] });
      const { slots } = await find({ therapistId, from: at("2026-06-07T22:00:00Z"), to: at("2026-06-21T22:00:00Z") });
      expect(starts(slots)).toEqual([
        "2026-06-08T07:00:00.000Z",
        "2026-06-10T12:00:00.000Z",
        "2026-06-15T07:00:00.000Z",
        "2026-06-17T12:00:00.000Z",
      ]);
    });

    test("the clinic's grid setting is used", async () => {
      await useSettings({ slotGridMinutes: 60 });
      const therapistId = await therapist({ hours: [[1, "09:00", "12:00"]] });
      expect(localTimes((await find({ therapistId })).slots)).toEqual(["09:00", "10:00", "11:00"]);
    });
  });

  test("minimum notice: nothing starts sooner than minimumNoticeHours from now", async () => {
    const therapistId = await therapist();
    const today = { from: at("2026-05-31T22:00:00Z"), to: at("2026-06-01T22:00:00Z") };
    // Now is 08:00; two hours' notice makes 10:00 the first start.
    expect(localTimes((await find({ therapistId, ...today })).slots)[0]).toBe("10:00");
    // At 08:10 it is 10:30.
    expect(localTimes((await find({ therapistId, ...today, now: at("2026-06-01T06:10:00Z") })).slots)[0]).toBe("10:30");
    await useSettings({ minimumNoticeHours: 5 });
    expect(localTimes((await find({ therapistId, ...today })).slots)[0]).toBe("13:00");
  });

  test("horizon: nothing starts later than bookingHorizonDays from now (inclusive)", async () => {
    await useSettings({ bookingHorizonDays: 3 });
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday): [number, string, string] => [weekday, "06:00", "10:00"]);
    const therapistId = await therapist({ hours: everyDay });
    const { slots } = await find({ therapistId, from: at("2026-06-03T22:00:00Z"), to: at("2026-06-06T22:00:00Z") });
    // Now + 3 days is Thursday 4 June, 08:00 local: the last start.
    expect(starts(slots)).toEqual(["2026-06-04T04:00:00.000Z", "2026-06-04T04:30:00.000Z", "2026-06-04T05:00:00.000Z", "2026-06-04T05:30:00.000Z", "2026-06-04T06:00:00.000Z"]);
  });

  test("time off removes every slot it overlaps", async () => {
    const therapistId = await therapist();
    await timeOff(therapistId, "2026-06-08T09:00:00Z", "2026-06-08T11:00:00Z"); // 11:00-13:00 local
    const { slots } = await find({ therapistId });
    expect(localTimes(slots)).toEqual(["09:00", "09:30", "10:00", "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00"]);
  });

  test("time off covering the whole week leaves nothing", async () => {
    const therapistId = await therapist();
    await timeOff(therapistId, "2026-06-06T00:00:00Z", "2026-06-13T00:00:00Z");
    expect((await find({ therapistId })).slots).toEqual([]);
  });

  describe("appointments and the buffer", () => {
    test.each(["CONFIRMED", "HELD"] as const)("a %s appointment blocks its time plus the buffer on both sides", async (status) => {
      const therapistId = await therapist({ hours: [[1, "09:00", "14:00"]], bufferMinutes: 15 });
      await book(therapistId, "2026-06-08T09:00:00Z", "2026-06-08T10:00:00Z", status); // 11:00-12:00 local
      const { slots } = await find({ therapistId });
      // 10:00 would end at 11:00 with no 15 minutes before; 12:00 starts without 15 minutes after.
      expect(localTimes(slots)).toEqual(["09:00", "09:30", "12:30", "13:00"]);
    });

    test("with no buffer, back-to-back slots are offered", async () => {
      const therapistId = await therapist({ hours: [[1, "09:00", "14:00"]], bufferMinutes: 0 });
      await book(therapistId, "2026-06-08T09:00:00Z", "2026-06-08T10:00:00Z");
      expect(localTimes((await find({ therapistId })).slots)).toEqual(["09:00", "09:30", "10:00", "12:00", "12:30", "13:00"]);
    });

    test("a 45-minute buffer is read from the therapist", async () => {
      const therapistId = await therapist({ hours: [[1, "09:00", "14:00"]], bufferMinutes: 45 });
      await book(therapistId, "2026-06-08T09:00:00Z", "2026-06-08T10:00:00Z");
      expect(localTimes((await find({ therapistId })).slots)).toEqual(["09:00", "13:00"]);
    });

    test.each(["CANCELLED", "COMPLETED", "NO_SHOW"] as const)("a %s appointment frees its slot", async (status) => {
      const therapistId = await therapist({ hours: [[1, "09:00", "12:00"]] });
      await book(therapistId, "2026-06-08T08:00:00Z", "2026-06-08T09:00:00Z", status);
      expect(localTimes((await find({ therapistId })).slots)).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00"]);
    });

    test("an appointment just before the range still blocks through its buffer", async () => {
      const therapistId = await therapist({ hours: [[1, "09:00", "12:00"]], bufferMinutes: 15 });
      await book(therapistId, "2026-06-08T06:30:00Z", "2026-06-08T07:00:00Z"); // 08:30-09:00 local
      const { slots } = await find({ therapistId, from: at("2026-06-08T07:00:00Z") });
      expect(localTimes(slots)).toEqual(["09:30", "10:00", "10:30", "11:00"]);
    });

    test("another therapist's appointment blocks nothing", async () => {
      const therapistId = await therapist({ hours: [[1, "09:00", "11:00"]] });
      const other = await therapist({ hours: [[1, "09:00", "11:00"]] });
      await book(other, "2026-06-08T07:00:00Z", "2026-06-08T09:00:00Z");
      expect(localTimes((await find({ therapistId })).slots)).toEqual(["09:00", "09:30", "10:00"]);
    });
  });

  describe("daylight saving time in Amsterdam", () => {
    // A night shift across the 02:00-03:00 hour and a day shift, on Sundays.
    const hours: Array<[number, string, string]> = [
      [7, "00:00", "06:00"],
      [7, "09:00", "17:00"],
    ];

    test("spring forward (29 March 2026): 02:00 and 02:30 do not exist, every other start is exact", async () => {
      const therapistId = await therapist({ hours });
      const { slots } = await find({
        therapistId,
        from: at("2026-03-28T23:00:00Z"), // 00:00 local (CET)
        to: at("2026-03-29T22:00:00Z"), // 00:00 local the next day (CEST)
        now: at("2026-03-20T00:00:00Z"),
      });
      expect(starts(slots)).toEqual([
        "2026-03-28T23:00:00.000Z", // 00:00 CET
        "2026-03-28T23:30:00.000Z", // 00:30
        "2026-03-29T00:00:00.000Z", // 01:00
        "2026-03-29T00:30:00.000Z", // 01:30, ends 03:30 CEST: 60 real minutes
        "2026-03-29T01:00:00.000Z", // 03:00 CEST
        "2026-03-29T01:30:00.000Z",
        "2026-03-29T02:00:00.000Z",
        "2026-03-29T02:30:00.000Z",
        "2026-03-29T03:00:00.000Z", // 05:00, ends 06:00 CEST
        ...["07", "07:30", "08", "08:30", "09", "09:30", "10", "10:30", "11", "11:30", "12", "12:30", "13", "13:30", "14"].map(
          (hm) => `2026-03-29T${hm.length === 2 ? `${hm}:00` : hm}:00.000Z`,
        ), // 09:00-16:00 CEST
      ]);
      expect(slots.every((slot) => slot.end.getTime() - slot.start.getTime() === 3_600_000)).toBe(true);
      expect(localTimes(slots).filter((time) => time.startsWith("02:"))).toEqual([]);
    });

    test("fall back (25 October 2026): 02:00-02:59 happen twice but are offered once", async () => {
      const therapistId = await therapist({ hours });
      const { slots } = await find({
        therapistId,
        from: at("2026-10-24T22:00:00Z"), // 00:00 local (CEST)
        to: at("2026-10-25T23:00:00Z"), // 00:00 local the next day (CET)
        now: at("2026-10-20T00:00:00Z"),
      });
      expect(starts(slots).slice(0, 11)).toEqual([
        "2026-10-24T22:00:00.000Z", // 00:00 CEST
        "2026-10-24T22:30:00.000Z",
        "2026-10-24T23:00:00.000Z",
        "2026-10-24T23:30:00.000Z",
        "2026-10-25T00:00:00.000Z", // 02:00 CEST, the first of the two
        "2026-10-25T00:30:00.000Z", // 02:30 CEST
        "2026-10-25T02:00:00.000Z", // 03:00 CET: 02:00 and 02:30 CET are not offered again
        "2026-10-25T02:30:00.000Z",
        "2026-10-25T03:00:00.000Z",
        "2026-10-25T03:30:00.000Z",
        "2026-10-25T04:00:00.000Z", // 05:00 CET, ends 06:00 CET
      ]);
      expect(starts(slots).slice(11)).toEqual(
        ["08", "08:30", "09", "09:30", "10", "10:30", "11", "11:30", "12", "12:30", "13", "13:30", "14", "14:30", "15"].map(
          (hm) => `2026-10-25T${hm.length === 2 ? `${hm}:00` : hm}:00.000Z`,
        ), // 09:00-16:00 CET
      );
      const times = localTimes(slots);
      expect(new Set(times).size).toBe(times.length);
      expect(new Set(starts(slots)).size).toBe(slots.length);
    });

    test("a week across the spring change keeps 09:00 local on both sides", async () => {
      const therapistId = await therapist({ hours: [[6, "09:00", "10:00"], [1, "09:00", "10:00"]] });
      const { slots } = await find({
        therapistId,
        from: at("2026-03-27T23:00:00Z"),
        to: at("2026-03-30T22:00:00Z"),
        now: at("2026-03-20T00:00:00Z"),
      });
      expect(starts(slots)).toEqual(["2026-03-28T08:00:00.000Z", "2026-03-30T07:00:00.000Z"]);
    });
  });

  describe("a clinic in New York", () => {
    beforeEach(() => useSettings({ timeZone: NYC }));

    test("working hours are read on New York's clock and the zone is returned", async () => {
      const therapistId = await therapist({ hours: [[1, "09:00", "11:00"]] });
      const { timeZone, slots } = await find({ therapistId, from: at("2026-06-08T04:00:00Z"), to: at("2026-06-09T04:00:00Z") });
      expect(timeZone).toBe(NYC);
      expect(starts(slots)).toEqual(["2026-06-08T13:00:00.000Z", "2026-06-08T13:30:00.000Z", "2026-06-08T14:00:00.000Z"]);
    });

    test("spring forward on 8 March 2026 skips 02:00-02:59", async () => {
      const therapistId = await therapist({ hours: [[7, "00:00", "04:00"]] });
      const { slots } = await find({
        therapistId,
        from: at("2026-03-08T05:00:00Z"),
        to: at("2026-03-09T04:00:00Z"),
        now: at("2026-03-01T00:00:00Z"),
      });
      expect(localTimes(slots, NYC)).toEqual(["00:00", "00:30", "01:00", "01:30", "03:00"]);
      expect(starts(slots)).toEqual([
        "2026-03-08T05:00:00.000Z",
        "2026-03-08T05:30:00.000Z",
        "2026-03-08T06:00:00.000Z",
        "2026-03-08T06:30:00.000Z",
        "2026-03-08T07:00:00.000Z",
      ]);
    });

    test("fall back on 1 November 2026 offers 01:00 and 01:30 once, in daylight time", async () => {
      const therapistId = await therapist({ hours: [[7, "00:00", "03:00"]] });
      const { slots } = await find({
        therapistId,
        from: at("2026-11-01T04:00:00Z"),
        to: at("2026-11-02T05:00:00Z"),
        now: at("2026-10-25T00:00:00Z"),
      });
      expect(starts(slots)).toEqual([
        "2026-11-01T04:00:00.000Z", // 00:00 EDT
        "2026-11-01T04:30:00.000Z",
        "2026-11-01T05:00:00.000Z", // 01:00 EDT
        "2026-11-01T05:30:00.000Z", // 01:30 EDT
        "2026-11-01T07:00:00.000Z", // 02:00 EST, ends 03:00 EST
      ]);
    });
  });

  describe("any therapist of a type", () => {
    test("gives each start time once, to the free therapist with the fewest appointments; never an unbookable one", async () => {
      // Wednesday 10 June 2026, 18:00-20:00 local: no other therapist in this file works then.
      const wednesday = { from: at("2026-06-10T16:00:00Z"), to: at("2026-06-10T18:00:00Z") };
      const ada = await therapist({ hours: [[3, "18:00", "19:00"]], massageTypes: ["myofascial"] });
      const bo = await therapist({ hours: [[3, "18:30", "19:30"]], massageTypes: ["myofascial", "swedish"] });
      const cy = await therapist({ hours: [[3, "18:00", "19:00"]], massageTypes: ["myofascial"] });
      const swedishOnly = await therapist({ hours: [[3, "18:00", "19:00"]], massageTypes: ["swedish"] });
      const expired = await therapist({ hours: [[3, "18:00", "19:00"]], massageTypes: ["myofascial"], certificationExpiry: at("2026-05-31") });
      const inactive = await therapist({ hours: [[3, "18:00", "19:00"]], massageTypes: ["myofascial"], active: false });
      await book(bo, "2026-06-10T16:30:00Z", "2026-06-10T17:00:00Z"); // 18:30-19:00: Bo is busy
      await book(cy, "2026-06-10T17:30:00Z", "2026-06-10T18:00:00Z"); // 19:30, after her shift: Cy has more work than Ada

      const { slots } = await find({ massageType: "myofascial", duration: 30, ...wednesday });
      const names = new Map([[ada, "ada"], [bo, "bo"], [cy, "cy"], [swedishOnly, "swedish only"], [expired, "expired"], [inactive, "inactive"]]);
      expect(slots.map((slot) => [localTimes([slot])[0], names.get(slot.therapistId)])).toEqual([
        ["18:00", "ada"],
        ["18:30", "ada"],
      ]);

      // With Ada booked too, both have one appointment: the tie goes to the smaller id, the same answer every time.
      await book(ada, "2026-06-10T17:30:00Z", "2026-06-10T18:00:00Z");
      const tied = await find({ massageType: "myofascial", duration: 30, ...wednesday });
      const first = ada < cy ? "ada" : "cy";
      expect(tied.slots.map((slot) => names.get(slot.therapistId))).toEqual([first, first]);
    });

  });

  describe("who and what can be booked", () => {
    test.each([
      ["an expired certification", { certificationExpiry: at("2026-05-31") }, "not taking bookings"],
      ["an inactive therapist", { active: false }, "not taking bookings"],
      ["a therapist who does not offer the type", { massageTypes: ["myofascial"] }, "does not offer Swedish massage"],
    ])("%s cannot be booked: 422 on therapistId", async (_, options, words) => {
      const therapistId = await therapist(options);
      for (const call of [() => find({ therapistId }), () => explain(therapistId, "2026-06-08T07:00:00Z")]) {
        const error = await failureOf(call);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).fields?.therapistId).toContain(words);
      }
    });

    test("a certification that expires today is still bookable today, not tomorrow", async () => {
      const therapistId = await therapist({ hours: [[1, "09:00", "10:00"], [2, "09:00", "10:00"]], certificationExpiry: at("2026-06-08") });
      const { slots } = await find({ therapistId, to: at("2026-06-09T22:00:00Z"), now: at("2026-06-08T00:00:00Z") });
      expect(starts(slots)).toEqual(["2026-06-08T07:00:00.000Z"]);
    });

    test("an unknown or malformed therapist id is a field error", async () => {
      for (const therapistId of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
        const error = await failureOf(() => find({ therapistId }));
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).fields?.therapistId).toBeTruthy();
      }
    });

    test("a duration the type does not offer is a field error naming the ones it does", async () => {
      const therapistId = await therapist();
      const error = await failureOf(() => find({ therapistId, massageType: "deep-tissue", duration: 30 }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fields).toEqual({ duration: "Deep tissue massage is offered for 60 or 90 minutes." });
      expect(await failureOf(() => explain(therapistId, "2026-06-08T07:00:00Z", { duration: 45 }))).toBeInstanceOf(ValidationError);
    });

    test("an unknown massage type is a field error", async () => {
      const error = await failureOf(() => find({ massageType: "hot-stone" }));
      expect((error as ValidationError).fields).toHaveProperty("massageType");
    });

    test(`a range longer than ${MAX_RANGE_DAYS} days, or one that ends before it starts, is refused on "to"`, async () => {
      const from = at("2026-06-01T00:00:00Z");
      for (const to of [new Date(from.getTime() + (MAX_RANGE_DAYS + 1) * 86_400_000), from, at("2026-05-01T00:00:00Z")]) {
        const error = await failureOf(() => find({ from, to }));
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).fields).toHaveProperty("to");
      }
      await expect(find({ from, to: new Date(from.getTime() + MAX_RANGE_DAYS * 86_400_000) })).resolves.toHaveProperty("slots");
    });
  });

  describe("explainStart", () => {
    let therapistId: string;
    beforeAll(async () => {
      therapistId = await therapist({ hours: [[1, "09:00", "17:00"]], bufferMinutes: 15 });
      await timeOff(therapistId, "2026-06-08T12:00:00Z", "2026-06-08T13:00:00Z"); // 14:00-15:00 local
      await book(therapistId, "2026-06-08T09:00:00Z", "2026-06-08T10:00:00Z", "CONFIRMED"); // 11:00-12:00
      await book(therapistId, "2026-06-15T09:00:00Z", "2026-06-15T10:00:00Z", "HELD");
      await book(therapistId, "2026-06-22T09:00:00Z", "2026-06-22T10:00:00Z", "CANCELLED");
    });

    test.each([
      ["a free slot", "2026-06-08T07:00:00Z", "available"],
      ["the last start of the shift", "2026-06-08T14:00:00Z", "available"],
      ["off the grid", "2026-06-08T07:15:00Z", "not_offered"],
      ["with seconds", "2026-06-08T07:00:30Z", "not_offered"],
      ["before the shift", "2026-06-08T06:30:00Z", "not_offered"],
      ["running past the shift's end", "2026-06-08T14:30:00Z", "not_offered"],
      ["on a day without a shift", "2026-06-09T07:00:00Z", "not_offered"],
      ["in time off", "2026-06-08T11:30:00Z", "not_offered"],
      ["overlapping a confirmed appointment", "2026-06-08T09:30:00Z", "taken"],
      ["within the buffer after a confirmed appointment", "2026-06-08T10:00:00Z", "taken"],
      ["within the buffer before a confirmed appointment", "2026-06-08T08:00:00Z", "taken"],
      ["after the buffer", "2026-06-08T10:30:00Z", "available"],
      ["at a held appointment", "2026-06-15T09:00:00Z", "taken"],
      ["at a cancelled appointment", "2026-06-22T09:00:00Z", "available"],
      ["in the past", "2026-05-25T07:00:00Z", "not_offered"],
      ["inside the minimum notice", "2026-06-01T07:30:00Z", "not_offered"],
      ["just outside the minimum notice", "2026-06-01T08:00:00Z", "available"],
      ["beyond the booking horizon", "2026-08-03T07:00:00Z", "not_offered"],
    ])("%s: %s is %s", async (_, start, verdict) => {
      expect(await explain(therapistId, start)).toBe(verdict);
    });

    test("a taken slot that is fine otherwise is not 'not_offered', and a not-offered one is never 'taken'", async () => {
      // 11:00 local is exactly the confirmed appointment: on the grid, in hours, so "taken".
      expect(await explain(therapistId, "2026-06-08T09:00:00Z")).toBe("taken");
      // 11:15 overlaps it too, but is off the grid.
      expect(await explain(therapistId, "2026-06-08T09:15:00Z")).toBe("not_offered");
    });

    test("a nonexistent local time is not offered (Amsterdam, 29 March 2026)", async () => {
      const night = await therapist({ hours: [[7, "00:00", "06:00"]] });
      const now = at("2026-03-20T00:00:00Z");
      expect(await explain(night, "2026-03-29T00:30:00Z", { now })).toBe("available"); // 01:30 CET
      expect(await explain(night, "2026-03-29T01:00:00Z", { now })).toBe("available"); // 03:00 CEST
      // 00:45Z reads 01:45: off the grid, even though 02:00 would be 30 minutes later.
      expect(await explain(night, "2026-03-29T00:45:00Z", { now })).toBe("not_offered");
    });

    test("works inside an interactive transaction and sees its uncommitted appointment", async () => {
      const own = await therapist({ hours: [[1, "09:00", "12:00"]] });
      const verdicts = await t.db.$transaction(async (tx) => {
        const before = await explainStart(tx, { therapistId: own, massageType: "swedish", duration: 60, start: at("2026-06-08T07:00:00Z"), now: NOW });
        await tx.appointment.create({
          data: appointmentRow({ therapistId: own, patientId, massageTypeSlug: "swedish", startsAt: at("2026-06-08T07:00:00Z"), endsAt: at("2026-06-08T08:00:00Z"), status: "CONFIRMED" }),
        });
        const after = await explainStart(tx, { therapistId: own, massageType: "swedish", duration: 60, start: at("2026-06-08T07:00:00Z"), now: NOW });
        return [before, after];
      });
      expect(verdicts).toEqual(["available", "taken"]);
    });
  });

  describe("statements per call", () => {
    /** The same database through a driver adapter that records every statement Prisma sends. */
    function countingConnection(connection: Connection, statements: string[]): Connection {
      const wrap = <T extends object>(target: T): T =>
        new Proxy(target, {
          get(object, property) {
            const value: unknown = Reflect.get(object, property, object);
            if (typeof value !== "function") return value;
            if (property === "queryRaw" || property === "executeRaw") {
              return (query: { sql: string }) => {
                statements.push(query.sql);
                return value.call(object, query);
              };
            }
            if (property === "connect" || property === "startTransaction") {
              return async (...args: unknown[]) => wrap(await value.apply(object, args));
            }
            return value.bind(object);
          },
        });
      return { ...connection, adapter: wrap(connection.adapter) };
    }

    function measured() {
      const logged: string[] = [];
      const sent: string[] = [];
      const db = createPrisma(countingConnection(t.connection, sent), { log: [{ emit: "event", level: "query" }] });
      db.$on("query", (event) => logged.push(event.query));
      return {
        db,
        sent,
        async count<T>(work: () => Promise<T>): Promise<{ result: T; logged: string[]; sent: string[] }> {
          await db.$connect();
          logged.length = 0;
          sent.length = 0;
          const result = await work();
          return { result, logged: [...logged], sent: [...sent] };
        },
      };
    }

    test("counting works: Prisma's query events and the adapter see the same statements", async () => {
      const m = measured();
      try {
        const { logged, sent } = await m.count(() =>
          m.db.therapist.findMany({ take: 2, include: { workingHours: true, timeOff: true } }),
        );
        // Prisma runs one statement per included relation; both counters see all three.
        expect(sent).toHaveLength(3);
        expect(logged).toHaveLength(sent.length);
      } finally {
        await m.db.$disconnect();
      }
    });

    test("one therapist over 28 days: one statement (the issue allows three)", async () => {
      const therapistId = await therapist({ hours: [1, 2, 3, 4, 5].map((weekday): [number, string, string] => [weekday, "09:00", "17:00"]) });
      await timeOff(therapistId, "2026-06-10T07:00:00Z", "2026-06-10T15:00:00Z");
      await book(therapistId, "2026-06-08T09:00:00Z", "2026-06-08T10:00:00Z");
      const m = measured();
      try {
        const { result, logged, sent } = await m.count(() =>
          findAvailability(m.db, { therapistId, massageType: "swedish", duration: 60, from: NOW, to: at("2026-06-29T06:00:00Z"), now: NOW }),
        );
        expect(result.slots.length).toBeGreaterThan(200);
        expect(sent.length).toBe(1);
        expect(logged.length).toBe(sent.length);
      } finally {
        await m.db.$disconnect();
      }
    });

    test("any therapist of a type, with several therapists: still one statement", async () => {
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const id = await therapist({ hours: [[1, "09:00", "17:00"], [4, "12:00", "18:00"]], massageTypes: ["deep-tissue"] });
        await timeOff(id, "2026-06-11T10:00:00Z", "2026-06-11T12:00:00Z");
        ids.push(id);
      }
      await book(ids[0]!, "2026-06-08T09:00:00Z", "2026-06-08T10:00:00Z");
      const m = measured();
      try {
        const { result, sent } = await m.count(() =>
          findAvailability(m.db, { massageType: "deep-tissue", duration: 90, from: NOW, to: at("2026-06-29T06:00:00Z"), now: NOW }),
        );
        expect(result.slots.length).toBeGreaterThan(0);
        const starts = result.slots.map((slot) => slot.start.getTime());
        expect(new Set(starts).size).toBe(starts.length);
        expect(sent.length).toBe(1);
      } finally {
        await m.db.$disconnect();
      }
    });

    test("explainStart inside a transaction: one statement", async () => {
      const therapistId = await therapist();
      const m = measured();
      let sentBefore = 0;
      try {
        const { result, sent } = await m.count(() =>
          m.db.$transaction(async (tx) => {
            sentBefore = m.sent.length;
            return explainStart(tx, { therapistId, massageType: "swedish", duration: 60, start: at("2026-06-08T07:00:00Z"), now: NOW });
          }),
        );
        expect(result).toBe("available");
        // Everything between BEGIN and COMMIT is explainStart's.
        const inside = sent.slice(sentBefore).filter((sql) => !/^\s*(BEGIN|COMMIT)/i.test(sql));
        expect(inside.length).toBe(1);
      } finally {
        await m.db.$disconnect();
      }
    });
  });
  describe("GET /api/v1/availability", () => {
    let therapistId: string;
    beforeAll(async () => {
      routeDb.current = t.db;
      therapistId = await therapist({ hours: [[1, "09:00", "11:00"]] });
    });

    const get = (query: Record<string, string>) =>
      GET(new Request(`http://clinic.test/api/v1/availability?${new URLSearchParams(query)}`), undefined);
    // The route asks the real clock: use a Monday one to two weeks from today.
    let monday = localDateOf(new Date(Date.now() + 7 * 86_400_000), AMS);
    while (isoWeekdayOfDate(monday) !== 1) monday = addDays(monday, 1);
    const local = (date: string, hhmm: string) => wallClockToUtc(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), AMS)!;
    const valid = {
      massageType: "swedish",
      duration: "60",
      from: local(monday, "00:00").toISOString(),
      to: local(addDays(monday, 1), "00:00").toISOString(),
    };

    test("200 with the clinic's zone and ISO UTC slots, without a session", async () => {
      const response = await get({ ...valid, therapistId });
      expect(response.status).toBe(200);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      const slot = (hhmm: string) => ({
        start: local(monday, hhmm).toISOString(),
        end: new Date(local(monday, hhmm).getTime() + 3_600_000).toISOString(),
        therapistId,
      });
      expect(await response.json()).toEqual({ timeZone: AMS, slots: [slot("09:00"), slot("09:30"), slot("10:00")] });
    });

    test("without therapistId: any therapist of the type; an offset in from is understood", async () => {
      const from = `${monday}T09:30:00${formatOffset(offsetMinutesAt(local(monday, "09:30"), AMS))}`;
      const response = await get({ ...valid, from });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { slots: Array<{ therapistId: string; start: string }> };
      // Other therapists in this file work on Mondays too: each time comes once, from whoever is least booked.
      const starts = body.slots.map((slot) => slot.start);
      expect(starts).toEqual(expect.arrayContaining([local(monday, "09:30").toISOString(), local(monday, "10:00").toISOString()]));
      expect(new Set(starts).size).toBe(starts.length);
      expect(starts.every((start) => start >= local(monday, "09:30").toISOString())).toBe(true);
    });

    test.each([
      ["a malformed therapistId", { therapistId: "42" }, "therapistId"],
      ["an unknown therapistId", { therapistId: "00000000-0000-4000-8000-000000000000" }, "therapistId"],
      ["an unknown massage type", { massageType: "hot-stone" }, "massageType"],
      ["a missing massage type", { massageType: "" }, "massageType"],
      ["a duration that is not a whole number", { duration: "60.5" }, "duration"],
      ["a duration in words", { duration: "an hour" }, "duration"],
      ["a missing duration", { duration: "" }, "duration"],
      ["a duration the type does not offer", { duration: "45" }, "duration"],
      ["a from that is not ISO", { from: "tomorrow" }, "from"],
      ["a to without a zone", { to: "2026-06-08T22:00:00" }, "to"],
      ["to before from", { to: "2020-06-01T00:00:00Z" }, "to"],
      ["to equal to from", { to: valid.from }, "to"],
      ["a range of 90 days", { to: new Date(Date.parse(valid.from) + 90 * 86_400_000).toISOString() }, "to"],
    ])("%s is a 422 on that field", async (_, change, field) => {
      const query = Object.fromEntries(Object.entries({ ...valid, ...change }).filter(([, value]) => value !== ""));
      const response = await get(query);
      expect(response.status).toBe(422);
      const body = (await response.json()) as { error: string; fields: Record<string, string> };
      expect(body.error).toBe("validation");
      expect(body.fields[field]).toEqual(expect.any(String));
    });
  });
});
