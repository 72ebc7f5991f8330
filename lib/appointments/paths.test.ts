// The clinic's rules on the paths beyond the first booking: a change of time
// or type, an approval's effect on other appointments, a condition declared in
// an earlier intake, the guard on confirming, lists, calendar identity.
import { beforeAll, describe, expect, it } from "vitest";
import { decideClearance } from "@/lib/clearance/decide";
import { addDocument, APP_URL, at, book, createWorld, heldBooking, NOW, quickUser, type TestUser, type World } from "@/lib/clearance/testing";
import { listAppointments } from "@/lib/booking/queries";
import { ValidationError } from "@/lib/errors";
import { readCalendar } from "@/lib/mail/testing";
import { decisionSchema, type DecisionInput } from "@/lib/validation/clearance";
import { useTestDatabase } from "@/test/db";
import { failureOf } from "@/test/errors";
import { changeAppointment } from "./change";
import { cancelAppointment } from "./cancel";
import { finishAppointment } from "./finish";
import { resolveCondition } from "./record";
import { transitionAppointment } from "./transitions";

const t = useTestDatabase();
let world: World;

beforeAll(async () => {
  world = await createWorld(t.db);
});

async function approve(clearanceId: string, patient: TestUser, decision: Omit<DecisionInput, "decision"> = {}, now = NOW) {
  await addDocument(t.db, clearanceId, patient);
  return decideClearance(t.db, {
    physicianUser: world.physician.user,
    clearanceId,
    decision: decisionSchema.parse({ decision: "approve", ...decision }),
    appUrl: APP_URL,
    now,
  });
}

const row = (id: string) => t.db.appointment.findUniqueOrThrow({ where: { id }, include: { restrictions: true, clearance: true } });
const mailsTo = (email: string) => t.db.outboxMessage.findMany({ where: { to: email }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
const calendarOf = (mail: { attachments: unknown }) => {
  const content = (mail.attachments as Array<{ content: string }> | null)?.[0]?.content;
  if (!content) throw new Error("the mail has no calendar file");
  return readCalendar(content);
};

describe("case 1: a change that leaves the approval's validity", () => {
  it("does not stay confirmed: held with a new clearance request, or refused with what to do", async () => {
    // Osteoporosis, approved until 31 December; a second booking inside that is confirmed and covered.
    const held = await heldBooking(t.db, world, { start: at(3, 9), conditions: { osteoporosis: true } });
    await approve(held.clearanceId, held.patient, { validUntil: "2026-12-31" });
    const second = await book(t.db, world, held.patient, { start: at(10, 9), conditions: { osteoporosis: true } });
    expect(second.status).toBe("confirmed");

    // Three weeks later, past the approval's end: held, with a new request to the same physician.
    const moved = await changeAppointment(t.db, { user: held.patient, appointmentId: second.id, start: at(33, 9), appUrl: APP_URL, now: NOW });
    const after = await row(moved.id);
    expect(after).toMatchObject({ status: "HELD", holdReason: "clearance", rescheduledFromId: second.id });
    expect(after.clearance).toMatchObject({ status: "AWAITING_DOCUMENT", conditions: ["osteoporosis"], physicianId: world.physician.physicianId });
    expect((await row(second.id)).status).toBe("CANCELLED");

    // Too close to the new start for a physician to clear it (the clinic moving it on the last covered day): refused,
    // and the appointment stays as it was.
    const third = await book(t.db, world, held.patient, { start: new Date("2026-12-31T14:00:00Z"), conditions: { osteoporosis: true } });
    expect(third.status).toBe("confirmed");
    const late = new Date("2026-12-31T12:00:00Z");
    const error = await failureOf(() =>
      changeAppointment(t.db, { user: world.admin, appointmentId: third.id, start: new Date("2027-01-01T09:00:00Z"), appUrl: APP_URL, now: late }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields?.start).toMatch(/approval for osteoporosis ends on 31 December 2026/);
    expect((await row(third.id)).status).toBe("CONFIRMED");
  });

  it("that breaks a restriction is refused with what to choose instead", async () => {
    const held = await heldBooking(t.db, world, { start: at(4, 9), conditions: { cancer: true } });
    await approve(held.clearanceId, held.patient, { restrictions: { excludedMassageTypes: ["deep-tissue"], maxDurationMinutes: 60 } });
    const error = await failureOf(() =>
      changeAppointment(t.db, { user: held.patient, appointmentId: held.appointmentId, start: at(4, 9), massageType: "deep-tissue", appUrl: APP_URL, now: NOW }),
    );
    expect(error).toMatchObject({ status: 422, fields: { massageType: expect.stringContaining("rule out deep tissue massage") } });
    const longer = await failureOf(() =>
      changeAppointment(t.db, { user: held.patient, appointmentId: held.appointmentId, start: at(4, 9), duration: 90, appUrl: APP_URL, now: NOW }),
    );
    expect(longer).toMatchObject({ status: 422, fields: { duration: expect.stringContaining("60 minutes") } });
    expect((await row(held.appointmentId)).status).toBe("CONFIRMED");
  });
});

describe("case 2: a declared condition stays on the record", () => {
  it("holds the next booking even with every box unticked, until staff mark it resolved", async () => {
    const held = await heldBooking(t.db, world, { start: at(5, 9), conditions: { diabetes: true } });
    const record = await t.db.healthCondition.findMany({ where: { patientId: held.patient.id } });
    expect(record).toMatchObject([{ condition: "diabetes", resolvedAt: null }]);

    const next = await book(t.db, world, held.patient, { start: at(12, 9), conditions: {} });
    expect(next.status).toBe("held");
    expect((await row(next.id)).clearance).toMatchObject({ conditions: ["diabetes"] });

    // Declaring it again adds no second entry.
    await book(t.db, world, held.patient, { start: at(13, 9), conditions: { diabetes: true } });
    expect(await t.db.healthCondition.count({ where: { patientId: held.patient.id } })).toBe(1);

    // Staff mark it resolved: the held appointments are covered now (nothing to clear) and confirmed; their requests withdrawn.
    const { reviewed } = await resolveCondition(t.db, {
      user: world.admin,
      conditionId: record[0]!.id,
      reason: "Declared by mistake: the patient has no diabetes",
      appUrl: APP_URL,
      now: NOW,
    });
    expect(reviewed.filter((entry) => entry.after === "CONFIRMED")).toHaveLength(3);
    expect((await row(next.id)).status).toBe("CONFIRMED");
    expect((await row(next.id)).clearance?.status).toBe("EXPIRED");
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { action: "health_record.resolved", entityId: record[0]!.id } });
    expect(audit).toMatchObject({ actorId: world.admin.id, fromState: "OPEN", toState: "RESOLVED" });
    expect(JSON.stringify(audit.details)).not.toContain("mistake");
    // A patient cannot resolve their own record.
    const again = await book(t.db, world, held.patient, { start: at(14, 9), conditions: { diabetes: true } });
    const open = await t.db.healthCondition.findFirstOrThrow({ where: { patientId: held.patient.id, resolvedAt: null } });
    await expect(resolveCondition(t.db, { user: held.patient, conditionId: open.id, reason: "I am fine", appUrl: APP_URL, now: NOW })).rejects.toMatchObject({
      status: 403,
    });
    expect(again.status).toBe("held");
  });

  it("another serious condition is one per description", async () => {
    const held = await heldBooking(t.db, world, { start: at(5, 12), conditions: { otherSerious: "Epilepsy" } });
    await book(t.db, world, held.patient, { start: at(15, 9), conditions: { otherSerious: "  epilepsy " } });
    await book(t.db, world, held.patient, { start: at(15, 12), conditions: { otherSerious: "Kidney disease" } });
    const record = await t.db.healthCondition.findMany({ where: { patientId: held.patient.id }, orderBy: { declaredAt: "asc" } });
    expect(record.map((entry) => [entry.condition, entry.description])).toEqual([
      ["otherSerious", "Epilepsy"],
      ["otherSerious", "Kidney disease"],
    ]);
  });
});

describe("a condition declared after a held booking (found by the property test)", () => {
  it("an approval for the earlier condition alone leaves that booking held with a request for the new one, not stuck", async () => {
    // Kidney disease, held; then cancer declared with a second booking; then kidney disease approved.
    const first = await heldBooking(t.db, world, { start: at(11, 9), conditions: { otherSerious: "Kidney disease" } });
    const second = await book(t.db, world, first.patient, { start: at(16, 9), conditions: { cancer: true } });
    expect(second.status).toBe("held");
    await approve(first.clearanceId, first.patient);

    const after = await row(first.appointmentId);
    expect(after).toMatchObject({ status: "HELD", holdReason: "clearance" });
    expect(after.clearance).toMatchObject({ status: "AWAITING_DOCUMENT", conditions: ["cancer"], physicianId: world.physician.physicianId });
    expect((await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: first.clearanceId } })).status).toBe("APPROVED");
  });
});

describe("case 3: an approval's restrictions reach appointments booked before it", () => {
  it("attaches them to every upcoming appointment and holds the one that breaks them, telling the patient", async () => {
    const patient = await quickUser(t.db, "PATIENT");
    const deep = await book(t.db, world, patient, { start: at(20, 9), massageType: "deep-tissue" });
    const swedish = await book(t.db, world, patient, { start: at(21, 9) });
    expect([deep.status, swedish.status]).toEqual(["confirmed", "confirmed"]);
    // Later the patient declares cancer: the earlier appointments are not covered any more, and wait for a clearance too.
    const held = await heldBooking(t.db, world, { patient, start: at(6, 9), conditions: { cancer: true } });
    for (const id of [deep.id, swedish.id]) {
      expect(await row(id)).toMatchObject({ status: "HELD", holdReason: "clearance", clearance: { status: "AWAITING_DOCUMENT", conditions: ["cancer"] } });
    }
    const decided = await approve(held.clearanceId, patient, { restrictions: { text: "Light pressure only", excludedMassageTypes: ["deep-tissue"] } });
    expect(decided.outcome).toBe("confirmed");
    expect(decided.reviewed.map((entry) => [entry.appointmentId, entry.before, entry.after])).toEqual(
      expect.arrayContaining([
        [deep.id, "HELD", "HELD"],
        [swedish.id, "HELD", "CONFIRMED"],
        [held.appointmentId, "HELD", "CONFIRMED"],
      ]),
    );
    // The requests the two earlier appointments had are not needed now: withdrawn.
    expect((await row(deep.id)).clearance?.status).toBe("EXPIRED");
    expect((await row(swedish.id)).clearance?.status).toBe("EXPIRED");
    for (const id of [deep.id, swedish.id, held.appointmentId]) {
      expect((await row(id)).restrictions.map((r) => r.restrictionId)).toEqual([decided.restrictionId]);
    }
    expect(await row(deep.id)).toMatchObject({ status: "HELD", holdReason: "restrictions", cancelReason: null });
    const audit = await t.db.auditEntry.findMany({ where: { entityId: deep.id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.fromState, entry.toState])).toEqual([
      ["appointment.created", null, "CONFIRMED"],
      ["appointment.held", "CONFIRMED", "HELD"],
      ["appointment.hold_changed", "HELD", "HELD"],
    ]);
    expect(audit[2]!.details).toMatchObject({ holdReason: "restrictions" });
    const mails = await mailsTo(patient.email);
    const needsChange = mails.filter((mail) => /needs a change/.test(mail.subject));
    expect(mails.filter((mail) => /^Appointment held/.test(mail.subject))).toHaveLength(3);
    expect(needsChange).toHaveLength(1);
    expect(needsChange[0]!.text).toContain("the massage type");
    expect(needsChange[0]!.subject).toContain("Sun 20 Dec");

    // The therapist's schedule shows the restriction on each.
    const schedule = await listAppointments(t.db, world.therapistUser, { from: NOW });
    const mine = schedule.items.filter((item) => item.patient.id === patient.id);
    expect(mine.map((item) => item.restrictions.map((r) => r.restriction.text))).toEqual([["Light pressure only"], ["Light pressure only"], ["Light pressure only"]]);

    // Changing the held one to Swedish confirms it at once, at the same time.
    const changed = await changeAppointment(t.db, { user: patient, appointmentId: deep.id, start: at(20, 9), massageType: "swedish", appUrl: APP_URL, now: NOW });
    expect(await row(changed.id)).toMatchObject({ status: "CONFIRMED", massageTypeSlug: "swedish", startsAt: at(20, 9) });
  });
});

describe("case 4: a held booking the approval rules out", () => {
  it("is held for a change, can be changed to an allowed type, and is then confirmed at once", async () => {
    const held = await heldBooking(t.db, world, { start: at(7, 9), massageType: "deep-tissue", conditions: { diabetes: true } });
    const decided = await approve(held.clearanceId, held.patient, { restrictions: { excludedMassageTypes: ["deep-tissue"] } });
    expect(decided).toMatchObject({ outcome: "held_needs_change", mismatch: ["massageType"] });
    expect(await row(held.appointmentId)).toMatchObject({ status: "HELD", holdReason: "restrictions" });
    // No confirmation by the transition alone: the guard fails while it does not fit.
    await expect(
      t.db.$transaction((tx) => transitionAppointment(tx, { appointmentId: held.appointmentId, to: "CONFIRMED", actor: world.admin, now: NOW })),
    ).rejects.toMatchObject({ code: "clearance_required" });

    const changed = await changeAppointment(t.db, { user: held.patient, appointmentId: held.appointmentId, start: at(7, 9), massageType: "swedish", appUrl: APP_URL, now: NOW });
    const after = await row(changed.id);
    expect(after).toMatchObject({ status: "CONFIRMED", massageTypeSlug: "swedish", holdReason: null, heldUntil: null });
    expect(after.restrictions.map((r) => r.restrictionId)).toEqual([decided.restrictionId]);
    // Inside the cancellation notice a type change at the same time is still allowed; a move of the time is not.
    const lateNow = new Date(at(7, 9).getTime() - 3_600_000);
    await expect(
      changeAppointment(t.db, { user: held.patient, appointmentId: changed.id, start: at(7, 10), appUrl: APP_URL, now: lateNow }),
    ).rejects.toMatchObject({ code: "too_late" });
    const shorter = await changeAppointment(t.db, { user: held.patient, appointmentId: changed.id, start: at(7, 9), duration: 30, appUrl: APP_URL, now: lateNow });
    expect(await row(shorter.id)).toMatchObject({ status: "CONFIRMED", endsAt: new Date(at(7, 9).getTime() + 30 * 60_000) });
  });
});

describe("the guard on HELD -> CONFIRMED fails closed", () => {
  it("refuses a held appointment with no clearance request at all", async () => {
    const patient = await quickUser(t.db, "PATIENT");
    const held = await heldBooking(t.db, world, { patient, start: at(8, 9) });
    await t.db.$transaction(async (tx) => {
      // A held appointment whose request is gone (as if another path had moved it away): nothing covers it.
      await tx.$executeRaw`UPDATE "ClearanceRequest" SET "appointmentId" = NULL WHERE "id" = ${held.clearanceId}::uuid`;
    });
    await expect(
      t.db.$transaction((tx) => transitionAppointment(tx, { appointmentId: held.appointmentId, to: "CONFIRMED", actor: world.admin, now: NOW })),
    ).rejects.toMatchObject({ code: "clearance_required" });
  });
});

describe("one calendar identity", () => {
  it("keeps one UID through reschedules, raises SEQUENCE with each revision, and cancels with the same UID", async () => {
    const patient = await quickUser(t.db, "PATIENT");
    const first = await book(t.db, world, patient, { start: at(22, 9) });
    const moved = await changeAppointment(t.db, { user: patient, appointmentId: first.id, start: at(23, 9), appUrl: APP_URL, now: NOW });
    const again = await changeAppointment(t.db, { user: patient, appointmentId: moved.id, start: at(24, 9), massageType: "myofascial", appUrl: APP_URL, now: NOW });
    await cancelAppointment(t.db, { user: patient, appointmentId: again.id, appUrl: APP_URL, now: NOW });
    const calendars = (await mailsTo(patient.email)).map(calendarOf);
    expect(calendars.map((c) => [c.method, c.status, c.sequence])).toEqual([
      ["REQUEST", "CONFIRMED", 0],
      ["REQUEST", "CONFIRMED", 1],
      ["REQUEST", "CONFIRMED", 2],
      ["CANCEL", "CANCELLED", 3],
    ]);
    expect(new Set(calendars.map((c) => c.uid))).toEqual(new Set([`${first.id}@backcare-clinic`]));
    expect(calendars[2]!.start).toEqual(at(24, 9));
    for (const calendar of calendars) {
      expect(calendar.organizer?.address).toBeTruthy();
      expect(calendar.attendee?.address).toBe(patient.email);
    }
  });

  it("a held booking's calendar entry is tentative; its approval confirms the same entry with a higher sequence", async () => {
    const held = await heldBooking(t.db, world, { start: at(9, 9) });
    await approve(held.clearanceId, held.patient);
    const calendars = (await mailsTo(held.patient.email)).map(calendarOf);
    expect(calendars.map((c) => [c.status, c.sequence])).toEqual([
      ["TENTATIVE", 0],
      ["CONFIRMED", 1],
    ]);
    expect(calendars[0]!.uid).toBe(calendars[1]!.uid);
  });
});

describe("lists that scale", () => {
  it("come upcoming first, a page at a time, with no appointment cut off", async () => {
    const patient = await quickUser(t.db, "PATIENT");
    const starts = [25, 26, 27, 28, 29].map((day) => at(day, 9));
    for (const start of starts) await book(t.db, world, patient, { start });
    const pages: string[][] = [];
    let cursor: { startsAt: Date; id: string } | undefined;
    do {
      const page = await listAppointments(t.db, patient, { from: NOW, limit: 2, cursor });
      pages.push(page.items.map((item) => item.startsAt.toISOString()));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(pages).toEqual([
      [starts[0], starts[1]],
      [starts[2], starts[3]],
      [starts[4]],
    ].map((page) => page.map((start) => start!.toISOString())));
    const history = await listAppointments(t.db, patient, { to: at(28, 0), order: "desc" });
    expect(history.items.map((item) => item.startsAt)).toEqual([starts[2], starts[1], starts[0]]);
  });

  it("shows a rescheduled appointment once, at its new time", async () => {
    const patient = await quickUser(t.db, "PATIENT");
    const first = await book(t.db, world, patient, { start: at(30, 9) });
    const moved = await changeAppointment(t.db, { user: patient, appointmentId: first.id, start: at(30, 12), appUrl: APP_URL, now: NOW });
    const all = await listAppointments(t.db, patient, {});
    expect(all.items.map((item) => [item.id, item.rescheduledFrom?.startsAt])).toEqual([[moved.id, at(30, 9)]]);
    const cancelled = await listAppointments(t.db, patient, { statuses: ["CANCELLED"] });
    expect(cancelled.items).toEqual([]);
  });
});

describe("after the visit", () => {
  it("its therapist marks it completed or a no-show, not before it starts, and nobody else can", async () => {
    const patient = await quickUser(t.db, "PATIENT");
    const visit = await book(t.db, world, patient, { start: at(2, 12) });
    const missed = await book(t.db, world, patient, { start: at(2, 15) });
    await expect(finishAppointment(t.db, { user: world.therapistUser, appointmentId: visit.id, outcome: "COMPLETED", now: NOW })).rejects.toMatchObject({
      code: "not_started",
    });
    await expect(finishAppointment(t.db, { user: patient, appointmentId: visit.id, outcome: "COMPLETED", now: at(2, 13) })).rejects.toMatchObject({
      status: 403,
    });
    const other = await quickUser(t.db, "THERAPIST");
    await expect(finishAppointment(t.db, { user: other, appointmentId: visit.id, outcome: "COMPLETED", now: at(2, 13) })).rejects.toMatchObject({
      status: 404,
    });
    await finishAppointment(t.db, { user: world.therapistUser, appointmentId: visit.id, outcome: "COMPLETED", now: at(2, 13) });
    await finishAppointment(t.db, { user: world.admin, appointmentId: missed.id, outcome: "NO_SHOW", now: at(2, 16) });
    expect((await row(visit.id)).status).toBe("COMPLETED");
    expect((await row(missed.id)).status).toBe("NO_SHOW");
    await expect(finishAppointment(t.db, { user: world.therapistUser, appointmentId: visit.id, outcome: "NO_SHOW", now: at(2, 17) })).rejects.toMatchObject({
      code: "invalid_transition",
    });
  });
});
