import { beforeAll, describe, expect, inject, it } from "vitest";
import { ClinicalRefusalError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { ensureClinicSettings, ensurePhysician } from "@/lib/seed/factories";
import { bookingSchema, type BookingInput } from "@/lib/validation/booking";
import { appointmentRow, createPatient, createTherapist } from "@/test/fixtures";
import { useTestDatabase } from "@/test/db";
import { bookAppointment } from "./book";
import { cancelAppointment } from "./cancel";
import { changeAppointment } from "./change";
import { SlotTakenError } from "./errors";
import { lockTherapist } from "./locks";
import { APPOINTMENT_TRANSITIONS, canTransition, transitionAppointment } from "./transitions";

const t = useTestDatabase();

// Tuesday 1 December 2026, 09:00 in Amsterdam (UTC+1).
const NOW = new Date("2026-12-01T08:00:00Z");
// Wednesday 2 December, 10:00 Amsterdam.
const WED_10 = "2026-12-02T09:00:00.000Z";
const APP_URL = "http://clinic.test";

const WEEKDAYS: Array<[number, string, string]> = [1, 2, 3, 4, 5].map((d) => [d, "09:00", "17:00"]);

let therapistId: string;
let physicianId: string;

beforeAll(async () => {
  await ensureClinicSettings(t.db);
  therapistId = (await createTherapist(t.db, { hours: WEEKDAYS })).id;
  physicianId = (
    await ensurePhysician(t.db, {
      email: "dr-book@example.test",
      name: "Dr. Book",
      password: "x-not-used-here",
      specialty: "General practice",
      licenseNumber: "MD-1",
    })
  ).id;
});

const clearIntake: BookingInput["intake"] = {
  painOnset: "chronic",
  painAreas: ["lower-back"],
  painLevel: 6,
  symptoms: { fever: false, contagiousIllness: false, acuteInjury: false },
  conditions: { cardiovascular: false, cancer: false, diabetes: false, osteoporosis: false },
};

function bookingInput(overrides: Partial<BookingInput> = {}, intake: Partial<BookingInput["intake"]> = {}): BookingInput {
  return { therapistId, massageType: "swedish", duration: 60, start: WED_10, ...overrides, intake: { ...clearIntake, ...intake } };
}

const booking = (overrides: Partial<BookingInput> = {}, intake: Partial<BookingInput["intake"]> = {}) =>
  bookingSchema.parse(bookingInput(overrides, intake));

async function patient() {
  const user = await createPatient(t.db);
  return { id: user.id, role: "PATIENT" as const };
}

async function book(overrides: Partial<BookingInput> = {}, intake: Partial<BookingInput["intake"]> = {}, key?: string) {
  return bookAppointment(t.db, { patient: await patient(), booking: booking(overrides, intake), appUrl: APP_URL, now: NOW, idempotencyKey: key });
}

/** Each test books on its own day so they never collide. */
const day = (n: number, hhmmUtc = "09:00") => `2026-12-${String(n).padStart(2, "0")}T${hhmmUtc}:00.000Z`;

describe("booking a clear intake", () => {
  it("is confirmed at once, with its intake, an audit entry and a mail with a calendar file", async () => {
    const result = await book({ start: day(2) });
    expect(result).toMatchObject({ status: "confirmed", start: new Date(day(2)), end: new Date(day(2, "10:00")) });
    expect(result.clearance).toBeUndefined();

    const row = await t.db.appointment.findUniqueOrThrow({ where: { id: result.id }, include: { intake: true, patient: true } });
    expect(row).toMatchObject({
      status: "CONFIRMED",
      therapistId,
      massageTypeSlug: "swedish",
      startsAt: new Date(day(2)),
      endsAt: new Date(day(2, "10:00")),
      idempotencyKey: null,
      seriesId: result.id,
      sequence: 0,
      holdReason: null,
      heldUntil: null,
    });
    expect(row.intake).toMatchObject({
      patientId: row.patientId,
      painOnset: "CHRONIC",
      painAreas: ["lower-back"],
      painLevel: 6,
      fever: false,
      contagiousIllness: false,
      acuteInjury: false,
      cardiovascular: false,
      cancer: false,
      diabetes: false,
      osteoporosis: false,
      otherSerious: null,
      notes: null,
    });

    const audit = await t.db.auditEntry.findMany({ where: { entityId: result.id } });
    expect(audit.map((a) => [a.action, a.entityType, a.actorId, a.actorRole, a.fromState, a.toState, a.details])).toEqual([
      ["appointment.created", "Appointment", row.patientId, "PATIENT", null, "CONFIRMED", null],
    ]);

    const mails = await t.db.outboxMessage.findMany({ where: { to: row.patient.email } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(mails[0]!.html).toContain(`/appointments/${result.id}`);
    expect(JSON.stringify(mails[0]!.attachments)).toContain("BEGIN:VCALENDAR");
  });

  it("keeps the notes and the pain details as typed", async () => {
    const result = await book({ start: day(2, "11:00") }, { painOnset: "recent", painAreas: ["neck", "upper-back"], painLevel: 2, notes: "Stiff after cycling" });
    const intake = await t.db.intake.findUniqueOrThrow({ where: { appointmentId: result.id } });
    expect(intake).toMatchObject({ painOnset: "RECENT", painAreas: ["neck", "upper-back"], painLevel: 2, notes: "Stiff after cycling" });
  });
});

describe("booking with a serious condition", () => {
  it("is held, with a clearance request to the chosen physician until the cut-off", async () => {
    const result = await book({ start: day(3), physicianId }, { conditions: { ...clearIntake.conditions, diabetes: true } });
    expect(result.status).toBe("held");
    // The default cut-off is 24 hours before the start.
    expect(result.clearance).toMatchObject({ status: "awaiting_document", holdUntil: new Date(day(2)) });

    const clearance = await t.db.clearanceRequest.findUniqueOrThrow({ where: { appointmentId: result.id } });
    expect(clearance).toMatchObject({ physicianId, conditions: ["diabetes"], status: "AWAITING_DOCUMENT", holdUntil: new Date(day(2)) });
    expect(result.clearance?.id).toBe(clearance.id);
    const appointment = await t.db.appointment.findUniqueOrThrow({ where: { id: result.id }, include: { intake: true } });
    expect(appointment.status).toBe("HELD");
    expect(appointment.intake).toMatchObject({ diabetes: true, patientId: clearance.patientId });
    const audit = await t.db.auditEntry.findMany({ where: { entityId: { in: [result.id, clearance.id] } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.toState, a.details])).toEqual([
      ["appointment.created", "HELD", { clearanceConditions: ["diabetes"] }],
      ["clearance.requested", "AWAITING_DOCUMENT", null],
    ]);
    const mail = await t.db.outboxMessage.findFirstOrThrow({ where: { subject: { contains: "held", mode: "insensitive" } } });
    expect(mail.text.toLowerCase()).not.toContain("diabetes");
  });

  it("needs a physician to address the clearance to: none chosen and none on the record is refused, nothing written", async () => {
    const before = await t.db.appointment.count();
    const error = await book({ start: day(29) }, { conditions: { ...clearIntake.conditions, cancer: true } }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ physicianId: "Choose the physician who should review your clearance." });
    expect(await t.db.appointment.count()).toBe(before);
  });

  it("cannot be held when the cut-off has already passed", async () => {
    const tomorrowMorning = "2026-12-01T15:00:00.000Z"; // 16:00 today in Amsterdam, 7 hours ahead
    await expect(book({ start: tomorrowMorning, physicianId }, { conditions: { ...clearIntake.conditions, osteoporosis: true } })).rejects.toMatchObject({
      fields: { start: expect.stringContaining("24 hours") },
    });
  });
});

describe("a contraindication", () => {
  it("refuses the booking with the reason, holds nothing and records the refusal", async () => {
    const before = await t.db.appointment.count();
    const who = await patient();
    const attempt = bookAppointment(t.db, {
      patient: who,
      booking: booking({ start: day(4) }, { symptoms: { fever: true, contagiousIllness: false, acuteInjury: false } }),
      appUrl: APP_URL,
      now: NOW,
    });
    await expect(attempt).rejects.toBeInstanceOf(ClinicalRefusalError);
    await expect(attempt).rejects.toMatchObject({ status: 422, code: "contraindicated", reasons: [{ key: "fever" }] });
    expect(await t.db.appointment.count()).toBe(before);
    const refusal = await t.db.auditEntry.findFirstOrThrow({ where: { action: "booking.refused", actorId: who.id } });
    expect(refusal.details).toMatchObject({ reasons: ["fever"] });
  });
});

describe("a contraindication together with a choice that cannot be booked", () => {
  it("is refused for the health reason, not for the choice: the patient hears what matters", async () => {
    const attempt = book(
      { start: day(4), therapistId: "00000000-0000-4000-8000-000000000000" },
      { symptoms: { fever: true, contagiousIllness: false, acuteInjury: false } },
    );
    await expect(attempt).rejects.toBeInstanceOf(ClinicalRefusalError);
  });
});

describe("bad times", () => {
  it.each([
    ["off the grid", day(7, "09:10")],
    ["outside working hours", day(7, "17:30")],
    ["on a Sunday", day(6)],
    ["in the past", "2026-11-30T09:00:00.000Z"],
    ["too far ahead", "2027-06-01T09:00:00.000Z"],
  ])("refuses a start %s with a field message and writes nothing", async (_label, start) => {
    const before = await t.db.appointment.count();
    await expect(book({ start })).rejects.toMatchObject({ status: 422, fields: { start: expect.any(String) } });
    expect(await t.db.appointment.count()).toBe(before);
  });

  it("refuses a duration the massage type does not offer", async () => {
    await expect(book({ start: day(7), massageType: "deep-tissue", duration: 30 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("no double booking", () => {
  it("refuses an overlapping time with slot_taken and the nearest free times", async () => {
    await book({ start: day(8) });
    const second = book({ start: day(8, "09:30") });
    await expect(second).rejects.toBeInstanceOf(SlotTakenError);
    const error = (await second.catch((e: unknown) => e)) as SlotTakenError;
    expect(error.status).toBe(409);
    const alternatives = error.extra?.alternatives as Array<{ start: string }>;
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.every((slot) => slot.start !== day(8))).toBe(true);
  });

  it("settles 200 concurrent requests for overlapping times: exactly one booking", async () => {
    const patients = await Promise.all(Array.from({ length: 20 }, () => patient()));
    const starts = [day(9, "09:00"), day(9, "09:30"), day(9, "10:00")];
    const attempts = Array.from({ length: 200 }, (_, i) =>
      bookAppointment(t.db, {
        patient: patients[i % patients.length]!,
        booking: booking({ start: starts[i % starts.length], duration: i % 2 === 0 ? 60 : 90 }),
        appUrl: APP_URL,
        now: NOW,
      }).then(
        () => "booked",
        (error: unknown) => (error instanceof SlotTakenError ? "taken" : error),
      ),
    );
    const outcomes = await Promise.all(attempts);
    const unexpected = outcomes.filter((o) => o !== "booked" && o !== "taken");
    expect(unexpected).toEqual([]);
    expect(outcomes.filter((o) => o === "booked")).toHaveLength(1);
    const rows = await t.db.appointment.count({ where: { therapistId, startsAt: { gte: new Date(day(9, "00:00")), lt: new Date(day(10, "00:00")) } } });
    expect(rows).toBe(1);
  }, 120_000);

  it("replays a repeated submit with the same Idempotency-Key instead of booking twice", async () => {
    const who = await patient();
    const request = { patient: who, booking: booking({ start: day(10) }), appUrl: APP_URL, now: NOW, idempotencyKey: "key-123456789" };
    const [first, second] = await Promise.all([bookAppointment(t.db, request), bookAppointment(t.db, request)]);
    expect(second.id).toBe(first.id);
    const third = await bookAppointment(t.db, request);
    expect(third.id).toBe(first.id);
    expect(await t.db.appointment.count({ where: { patientId: who.id } })).toBe(1);
  });
});

describe("the appointment's transitions", () => {
  it("allows exactly the moves in the design", () => {
    const all = Object.keys(APPOINTMENT_TRANSITIONS) as Array<keyof typeof APPOINTMENT_TRANSITIONS>;
    const allowed = all.flatMap((from) => all.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(
      ["HELD->CONFIRMED", "HELD->CANCELLED", "CONFIRMED->HELD", "CONFIRMED->COMPLETED", "CONFIRMED->CANCELLED", "CONFIRMED->NO_SHOW"].sort(),
    );
  });

  it("never confirms a held appointment whose clearance is not approved", async () => {
    const held = await book({ start: day(11), physicianId }, { conditions: { ...clearIntake.conditions, cardiovascular: true } });
    const attempt = t.db.$transaction((tx) => transitionAppointment(tx, { appointmentId: held.id, to: "CONFIRMED", actor: null, now: NOW }));
    await expect(attempt).rejects.toMatchObject({ code: "clearance_required" });
    expect((await t.db.appointment.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("HELD");
  });

  it("refuses a move that is not allowed, and audits each allowed one", async () => {
    const result = await book({ start: day(14) });
    const move = (to: "CONFIRMED" | "COMPLETED") => t.db.$transaction((tx) => transitionAppointment(tx, { appointmentId: result.id, to, actor: null, now: NOW }));
    await expect(move("CONFIRMED")).rejects.toBeInstanceOf(ConflictError);
    await move("COMPLETED");
    const audit = await t.db.auditEntry.findMany({ where: { entityId: result.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => `${a.fromState}->${a.toState}`)).toEqual(["null->CONFIRMED", "CONFIRMED->COMPLETED"]);
  });
});

describe("cancelling and rescheduling", () => {
  it("lets the patient cancel before the notice, frees the slot, and mails them", async () => {
    const who = await patient();
    const first = await bookAppointment(t.db, { patient: who, booking: booking({ start: day(15) }), appUrl: APP_URL, now: NOW });
    const cancelled = await cancelAppointment(t.db, { user: who, appointmentId: first.id, appUrl: APP_URL, now: NOW });
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.cancelReason).toBe("Cancelled by the patient");
    const again = await book({ start: day(15) });
    expect(again.status).toBe("confirmed");
  });

  it("refuses a patient's cancellation inside the notice, but the clinic may", async () => {
    const who = await patient();
    const soon = await bookAppointment(t.db, { patient: who, booking: booking({ start: day(2, "13:00") }), appUrl: APP_URL, now: NOW });
    const late = new Date(day(2, "00:00"));
    await expect(cancelAppointment(t.db, { user: who, appointmentId: soon.id, appUrl: APP_URL, now: late })).rejects.toMatchObject({
      code: "too_late",
    });
    const admin = await createPatient(t.db);
    await t.db.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const done = await cancelAppointment(t.db, { user: { id: admin.id, role: "ADMIN" }, appointmentId: soon.id, appUrl: APP_URL, now: late });
    expect(done.status).toBe("CANCELLED");
  });

  it("hides another patient's appointment and forbids the therapist from cancelling", async () => {
    const result = await book({ start: day(16) });
    const stranger = await patient();
    await expect(cancelAppointment(t.db, { user: stranger, appointmentId: result.id, appUrl: APP_URL, now: NOW })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const therapist = await t.db.therapist.findUniqueOrThrow({ where: { id: therapistId } });
    await expect(
      cancelAppointment(t.db, { user: { id: therapist.userId, role: "THERAPIST" }, appointmentId: result.id, appUrl: APP_URL, now: NOW }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("moves an appointment atomically, keeping its history, intake and clearance", async () => {
    const who = await patient();
    const held = await bookAppointment(t.db, {
      patient: who,
      booking: booking({ start: day(17), physicianId }, { conditions: { ...clearIntake.conditions, cancer: true } }),
      appUrl: APP_URL,
      now: NOW,
    });
    // Half an hour later overlaps the old time: allowed, because the old one is released in the same transaction.
    const { id: movedId } = await changeAppointment(t.db, { user: who, appointmentId: held.id, start: new Date(day(17, "09:30")), appUrl: APP_URL, now: NOW });
    const moved = await t.db.appointment.findUniqueOrThrow({ where: { id: movedId }, include: { intake: true, clearance: true } });
    expect(moved.status).toBe("HELD");
    expect(moved.seriesId).toBe(held.id);
    expect(moved.sequence).toBe(1);
    expect(moved.rescheduledFromId).toBe(held.id);
    expect(moved.intake).not.toBeNull();
    expect(moved.clearance?.holdUntil).toEqual(new Date(day(16, "09:30")));
    const old = await t.db.appointment.findUniqueOrThrow({ where: { id: held.id } });
    expect(old).toMatchObject({ status: "CANCELLED", cancelReason: "Rescheduled" });
  });

  it("leaves the original untouched when the new time is taken", async () => {
    const who = await patient();
    const mine = await bookAppointment(t.db, { patient: who, booking: booking({ start: day(18) }), appUrl: APP_URL, now: NOW });
    await book({ start: day(18, "12:00") });
    await expect(
      changeAppointment(t.db, { user: who, appointmentId: mine.id, start: new Date(day(18, "12:00")), appUrl: APP_URL, now: NOW }),
    ).rejects.toBeInstanceOf(SlotTakenError);
    expect((await t.db.appointment.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("CONFIRMED");
  });
});

// What the booking's write re-checks under the therapist's lock: changes committed while it waited.
// PostgreSQL only: PGlite has one connection, so nothing can hold the lock while a booking waits for it.
const onPostgres = inject("testDatabase").kind === "postgres";
if (onPostgres) describe("while a booking waits for the therapist's lock", () => {
  /** Holds the therapist's lock in another transaction until the booking waits for it, then runs `change` and commits. */
  async function whileWaiting<T>(attempt: () => Promise<T>, change: (tx: Parameters<Parameters<typeof t.db.$transaction>[0]>[0]) => Promise<unknown>) {
    let letGo!: () => void;
    const released = new Promise<void>((resolve) => (letGo = resolve));
    let signal!: () => void;
    const locked = new Promise<void>((resolve) => (signal = resolve));
    const holder = t.db.$transaction(
      async (tx) => {
        await lockTherapist(tx, therapistId);
        signal();
        await released;
        await change(tx);
      },
      { timeout: 30_000 },
    );
    await locked;
    const outcome = attempt().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    // Wait until the booking is queued on the advisory lock, so its write runs after the change commits.
    for (let i = 0; i < 200; i++) {
      const [row] = await t.db.$queryRaw<Array<{ waiting: bigint }>>`
        SELECT count(*) AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`;
      if (Number(row?.waiting) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    letGo();
    await holder;
    return outcome;
  }

  it("sees an appointment committed within the buffer (no overlap) and answers 409", async () => {
    const other = await createPatient(t.db);
    const outcome = await whileWaiting(
      () => book({ start: day(21, "10:00") }), // 11:00-12:00 Amsterdam
      (tx) =>
        tx.appointment.create({
          data: appointmentRow({ therapistId, patientId: other.id, massageTypeSlug: "swedish", startsAt: new Date(day(21, "09:00")), endsAt: new Date(day(21, "10:00")), status: "CONFIRMED" }),
        }),
    );
    expect("error" in outcome && outcome.error).toBeInstanceOf(SlotTakenError);
    expect(await t.db.appointment.count({ where: { therapistId, startsAt: new Date(day(21, "10:00")) } })).toBe(0);
  });

  it("sees time off committed meanwhile and answers 422 on the start", async () => {
    const outcome = await whileWaiting(
      () => book({ start: day(22, "10:00") }),
      (tx) => tx.timeOff.create({ data: { therapistId, startsAt: new Date(day(22, "09:00")), endsAt: new Date(day(22, "16:00")), reason: "Course" } }),
    );
    expect("error" in outcome && outcome.error).toBeInstanceOf(ValidationError);
    expect("error" in outcome && outcome.error).toMatchObject({ fields: { start: expect.any(String) } });
    expect(await t.db.appointment.count({ where: { therapistId, startsAt: new Date(day(22, "10:00")) } })).toBe(0);
  });
});
