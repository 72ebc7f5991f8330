// Closures and time off close the calendar (frozen clock: Tuesday 1 December 2026, Amsterdam), and are refused
// while active appointments lie in them, with exactly those listed.
import { beforeAll, describe, expect, test } from "vitest";
import { cancelAppointment } from "@/lib/appointments";
import { findAvailability } from "@/lib/booking/availability";
import { APP_URL, at, book, createWorld, NOW, quickUser, type World } from "@/lib/clearance/testing";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { useTestDatabase } from "@/test/db";
import { appointmentRow, createTherapist } from "@/test/fixtures";
import { failureOf } from "@/test/errors";
import { createClosure, deleteClosure, localDayRange } from "./closures";
import { appointmentsInTheWay, AppointmentsInTheWayError } from "./in-the-way";
import { createTimeOff, decideTimeOff, requestTimeOff } from "./time-off";

const t = useTestDatabase();
let world: World;

beforeAll(async () => {
  world = await createWorld(t.db);
});

/** The therapist's free 60-minute starts on a local December day. */
async function startsOn(day: number, therapistId = world.therapistId) {
  const { startsAt, endsAt } = localDayRange(`2026-12-${String(day).padStart(2, "0")}`, "Europe/Amsterdam");
  const { slots } = await findAvailability(t.db, { therapistId, massageType: "swedish", duration: 60, from: startsAt, to: endsAt, now: NOW });
  return slots.map((slot) => slot.start.toISOString());
}

describe("a closure", () => {
  test("makes its day unbookable (Christmas Day) and reopening offers it again", async () => {
    expect(await startsOn(25)).toHaveLength(23); // 08:00 to 19:00 local, every half hour
    const closure = await createClosure(t.db, world.admin, { date: "2026-12-25", reason: "Christmas Day" });
    expect(closure).toMatchObject({ date: "2026-12-25", reason: "Christmas Day" });
    expect(await startsOn(25)).toEqual([]);
    // The days around it are untouched: the closed day is the clinic's local date, not a UTC one.
    expect(await startsOn(24)).toHaveLength(23);
    expect(await startsOn(26)).toHaveLength(23);
    // "Any therapist" shows nothing that day either.
    const { startsAt, endsAt } = localDayRange("2026-12-25", "Europe/Amsterdam");
    const any = await findAvailability(t.db, { massageType: "swedish", duration: 60, from: startsAt, to: endsAt, now: NOW });
    expect(any.slots).toEqual([]);

    // The booking path runs the same rule: the closed day is not offered.
    const patient = await quickUser(t.db, "PATIENT");
    const refused = await failureOf(() => book(t.db, world, patient, { start: at(25, 9) }));
    expect(refused).toBeInstanceOf(ValidationError);

    expect(await failureOf(() => createClosure(t.db, world.admin, { date: "2026-12-25", reason: "Again" }))).toMatchObject({ code: "closure_exists", status: 409 });
    await deleteClosure(t.db, world.admin, closure.id);
    expect(await startsOn(25)).toHaveLength(23);
    const audit = await t.db.auditEntry.findMany({ where: { entityType: "Closure", entityId: closure.id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["closure.created", "closure.deleted"]);
  });

  test("is refused while active appointments are booked that day, listing exactly those", async () => {
    const other = await createTherapist(t.db, { hours: [[2, "08:00", "20:00"]] });
    const patient = await quickUser(t.db, "PATIENT", "Pia Patient");
    const local = (hour: number) => at(15, hour - 1); // 15 December (a Tuesday), local hour
    const rows = [
      appointmentRow({ therapistId: world.therapistId, patientId: patient.id, massageTypeSlug: "swedish", status: "CONFIRMED", startsAt: local(9), endsAt: local(10) }),
      appointmentRow({ therapistId: other.id, patientId: patient.id, massageTypeSlug: "swedish", status: "HELD", startsAt: local(14), endsAt: local(15) }),
      // Not in the way: cancelled, completed, the days before and after (local midnight is 23:00 UTC).
      appointmentRow({ therapistId: world.therapistId, patientId: patient.id, massageTypeSlug: "swedish", status: "CANCELLED", startsAt: local(11), endsAt: local(12) }),
      appointmentRow({ therapistId: world.therapistId, patientId: patient.id, massageTypeSlug: "swedish", status: "CONFIRMED", startsAt: new Date("2026-12-14T22:00:00Z"), endsAt: new Date("2026-12-14T23:00:00Z") }),
      appointmentRow({ therapistId: world.therapistId, patientId: patient.id, massageTypeSlug: "swedish", status: "CONFIRMED", startsAt: new Date("2026-12-15T23:00:00Z"), endsAt: new Date("2026-12-16T00:00:00Z") }),
    ];
    await t.db.appointment.createMany({ data: rows });
    const error = await failureOf(() => createClosure(t.db, world.admin, { date: "2026-12-15", reason: "Staff training" }));
    expect(error).toBeInstanceOf(AppointmentsInTheWayError);
    const listed = (error as AppointmentsInTheWayError).appointments;
    expect(listed.map((a) => a.id)).toEqual([rows[0]!.id, rows[1]!.id]);
    expect(listed[1]).toEqual({
      id: rows[1]!.id,
      start: local(14).toISOString(),
      end: local(15).toISOString(),
      status: "held",
      therapist: { id: other.id, name: expect.any(String) },
      patient: { id: patient.id, name: "Pia Patient" },
    });
    expect(await t.db.closure.count({ where: { date: new Date("2026-12-15T00:00:00Z") } })).toBe(0);
  });

  test("is for clinic staff only, and its input is validated", async () => {
    const therapist = { id: world.therapistUser.id, role: "THERAPIST" as const };
    expect(await failureOf(() => createClosure(t.db, therapist, { date: "2026-12-31", reason: "x" }))).toBeInstanceOf(ForbiddenError);
    const invalid = await failureOf(() => createClosure(t.db, world.admin, { date: "2026-02-30", reason: " " }));
    expect(invalid).toMatchObject({ status: 422, fields: { date: expect.any(String), reason: expect.any(String) } });
  });
});

describe("time off", () => {
  test("entered by the clinic closes only that therapist's times in it", async () => {
    const other = await createTherapist(t.db, { hours: [[4, "08:00", "20:00"]] });
    expect(await startsOn(17)).toHaveLength(23);
    // Thursday 17 December, 12:00 to 16:00 local.
    await createTimeOff(t.db, world.admin, world.therapistId, { start: "2026-12-17T12:00:00+01:00", end: "2026-12-17T16:00:00+01:00", reason: "Course" });
    const starts = await startsOn(17);
    // A 60-minute session must end by 12:00 or start at 16:00 or later.
    expect(starts).toContain("2026-12-17T10:00:00.000Z");
    expect(starts).not.toContain("2026-12-17T10:30:00.000Z");
    expect(starts).not.toContain("2026-12-17T14:00:00.000Z");
    expect(starts).toContain("2026-12-17T15:00:00.000Z");
    expect(starts).toHaveLength(23 - 9);
    expect(await startsOn(17, other.id)).toHaveLength(23);
  });

  test("is refused while the therapist's active appointments lie in it, listing exactly those", async () => {
    const patient = await quickUser(t.db, "PATIENT");
    const other = await createTherapist(t.db, { hours: [[5, "08:00", "20:00"]] });
    const base = { patientId: patient.id, massageTypeSlug: "swedish" as const };
    const rows = [
      // Touches the start of the range only at its end: not in the way.
      appointmentRow({ ...base, therapistId: world.therapistId, status: "CONFIRMED", startsAt: at(18, 9), endsAt: at(18, 10) }),
      appointmentRow({ ...base, therapistId: world.therapistId, status: "CONFIRMED", startsAt: at(18, 10), endsAt: at(18, 11) }),
      appointmentRow({ ...base, therapistId: world.therapistId, status: "HELD", startsAt: at(18, 12), endsAt: at(18, 13) }),
      appointmentRow({ ...base, therapistId: world.therapistId, status: "NO_SHOW", startsAt: at(18, 13), endsAt: at(18, 14) }),
      appointmentRow({ ...base, therapistId: other.id, status: "CONFIRMED", startsAt: at(18, 11), endsAt: at(18, 12) }),
    ];
    await t.db.appointment.createMany({ data: rows });
    const range = { start: at(18, 10).toISOString(), end: at(18, 14).toISOString(), reason: "" };
    const error = await failureOf(() => createTimeOff(t.db, world.admin, world.therapistId, range));
    expect(error).toBeInstanceOf(AppointmentsInTheWayError);
    expect((error as AppointmentsInTheWayError).appointments.map((a) => a.id)).toEqual([rows[1]!.id, rows[2]!.id]);
    expect(await appointmentsInTheWay(t.db, { startsAt: at(18, 10), endsAt: at(18, 14) })).toHaveLength(3);
  });

  test("requested by a therapist closes nothing until approved; approval is refused while appointments are in the way", async () => {
    const therapist = { id: world.therapistUser.id, role: "THERAPIST" as const };
    const request = await requestTimeOff(t.db, therapist, { start: at(21, 7).toISOString(), end: at(21, 19).toISOString(), reason: "Family" });
    expect(request.status).toBe("REQUESTED");
    expect(await startsOn(21)).toHaveLength(23);

    const patient = await quickUser(t.db, "PATIENT");
    const booked = await book(t.db, world, patient, { start: at(21, 9) });
    const refused = await failureOf(() => decideTimeOff(t.db, world.admin, request.id, { decision: "approve" }));
    expect(refused).toBeInstanceOf(AppointmentsInTheWayError);
    expect((refused as AppointmentsInTheWayError).appointments.map((a) => a.id)).toEqual([booked.id]);
    expect((await t.db.timeOff.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("REQUESTED");

    await cancelAppointment(t.db, { user: world.admin, appointmentId: booked.id, reason: "The therapist is away", appUrl: APP_URL, now: NOW });
    const approved = await decideTimeOff(t.db, world.admin, request.id, { decision: "approve" });
    expect(approved.status).toBe("APPROVED");
    expect(await startsOn(21)).toEqual([]);
    expect(await failureOf(() => decideTimeOff(t.db, world.admin, request.id, { decision: "decline" }))).toMatchObject({ code: "already_decided" });
    const actions = await t.db.auditEntry.findMany({ where: { entityType: "TimeOff", entityId: request.id }, orderBy: { id: "asc" } });
    expect(actions.map((entry) => entry.action)).toEqual(["time_off.requested", "time_off.approved"]);
  });

  test("a declined request closes nothing; only therapists request and only clinic staff decide", async () => {
    const therapist = { id: world.therapistUser.id, role: "THERAPIST" as const };
    const request = await requestTimeOff(t.db, therapist, { start: at(22, 7).toISOString(), end: at(22, 19).toISOString() });
    expect(await failureOf(() => decideTimeOff(t.db, therapist, request.id, { decision: "approve" }))).toBeInstanceOf(ForbiddenError);
    expect(await failureOf(() => requestTimeOff(t.db, world.admin, { start: at(22, 7).toISOString(), end: at(22, 8).toISOString() }))).toBeInstanceOf(ForbiddenError);
    expect((await decideTimeOff(t.db, world.admin, request.id, { decision: "decline" })).status).toBe("DECLINED");
    expect(await startsOn(22)).toHaveLength(23);
    const backwards = await failureOf(() => requestTimeOff(t.db, therapist, { start: at(22, 9).toISOString(), end: at(22, 8).toISOString() }));
    expect(backwards).toMatchObject({ status: 422, fields: { end: "The end must come after the start." } });
    expect(await failureOf(() => createTimeOff(t.db, world.admin, "00000000-0000-4000-8000-000000000000", { start: at(22, 7).toISOString(), end: at(22, 8).toISOString() }))).toMatchObject({ status: 404 });
  });
});
