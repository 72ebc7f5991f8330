import { beforeAll, describe, expect, it } from "vitest";
import { transitionAppointment } from "@/lib/appointments/transitions";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { ClearanceStatus } from "@/lib/generated/prisma/enums";
import { decisionSchema, resolveValidUntil, type DecisionInput } from "@/lib/validation/clearance";
import { failureOf } from "@/test/errors";
import { useTestDatabase } from "@/test/db";
import { addMonths, decideClearance, DECLINED_CANCEL_REASON } from "./decide";
import { expireHolds } from "./expiry";
import { addDocument, APP_URL, at, book, createWorld, HEALTH_WORDS, heldBooking, NOW, quickUser, snapshot, type World } from "./testing";
import { canTransitionClearance, CLEARANCE_TRANSITIONS, transitionClearance } from "./transitions";

const t = useTestDatabase();
let world: World;

beforeAll(async () => {
  world = await createWorld(t.db);
});

const approve: DecisionInput = { decision: "approve" };

function decide(user: { id: string; role: World["admin"]["role"] }, clearanceId: string, input: DecisionInput = approve, now = NOW) {
  return decideClearance(t.db, { physicianUser: user, clearanceId, decision: decisionSchema.parse(input), appUrl: APP_URL, now });
}

async function mailsTo(email: string) {
  return t.db.outboxMessage.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
}

describe("the clearance transition table", () => {
  const all = Object.keys(CLEARANCE_TRANSITIONS) as ClearanceStatus[];
  const allowed = [
    "AWAITING_DOCUMENT->UNDER_REVIEW",
    "AWAITING_DOCUMENT->EXPIRED",
    "UNDER_REVIEW->APPROVED",
    "UNDER_REVIEW->DECLINED",
    "UNDER_REVIEW->EXPIRED",
  ];
  const pairs = all.flatMap((from) => all.map((to) => [from, to] as const));

  it.each(pairs)("%s -> %s is allowed only if the design says so", (from, to) => {
    expect(canTransitionClearance(from, to)).toBe(allowed.includes(`${from}->${to}`));
  });

  it("refuses a forbidden move in the database with 409 and changes nothing; audits an allowed one", async () => {
    const { clearanceId } = await heldBooking(t.db, world, { start: at(20, 9) });
    const move = (to: ClearanceStatus) => t.db.$transaction((tx) => transitionClearance(tx, { clearanceId, to, actor: null }));
    const error = await failureOf(() => move("APPROVED"));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, code: "invalid_transition" });
    expect((await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: clearanceId } })).status).toBe("AWAITING_DOCUMENT");
    await move("UNDER_REVIEW");
    const audit = await t.db.auditEntry.findMany({ where: { entityId: clearanceId }, orderBy: { id: "asc" } });
    expect(audit.map((a) => `${a.fromState}->${a.toState}`)).toEqual(["null->AWAITING_DOCUMENT", "AWAITING_DOCUMENT->UNDER_REVIEW"]);
  });
});

describe("the decision schema", () => {
  it("needs a reason to decline, on the reason field", () => {
    for (const reason of [undefined, "", "   "]) {
      const parsed = decisionSchema.safeParse({ decision: "decline", reason });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues.map((issue) => issue.path.join("."))).toEqual(["reason"]);
    }
    expect(decisionSchema.parse({ decision: "decline", reason: " Not now " }).reason).toBe("Not now");
  });

  it("checks restrictions: known types, a length the clinic can offer (30 to 120 minutes in steps of 15), at most 1000 characters, not every type", () => {
    const fields = (input: unknown) => {
      const parsed = decisionSchema.safeParse(input);
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."));
    };
    expect(fields({ decision: "approve", restrictions: { excludedMassageTypes: ["hot-stone"] } })).toEqual(["restrictions.excludedMassageTypes.0"]);
    expect(fields({ decision: "approve", restrictions: { maxDurationMinutes: 40 } })).toEqual(["restrictions.maxDurationMinutes"]);
    expect(fields({ decision: "approve", restrictions: { text: "x".repeat(1001) } })).toEqual(["restrictions.text"]);
    expect(fields({ decision: "approve", restrictions: { excludedMassageTypes: ["swedish", "deep-tissue", "myofascial"] } })).toEqual([
      "restrictions.excludedMassageTypes",
    ]);
    expect(fields({ decision: "maybe" })).toEqual(["decision"]);
    expect(fields({ decision: "approve", validUntil: "next year" })).toEqual(["validUntil"]);
    expect(
      decisionSchema.parse({ decision: "approve", restrictions: { text: "  Avoid lumbar pressure ", excludedMassageTypes: ["deep-tissue", "deep-tissue"] } })
        .restrictions,
    ).toEqual({ text: "Avoid lumbar pressure", excludedMassageTypes: ["deep-tissue"] });
  });

  it("reads a date as the end of that day in the clinic's zone", () => {
    expect(resolveValidUntil("2027-06-30", "Europe/Amsterdam")).toEqual(new Date("2027-06-30T22:00:00Z"));
    expect(resolveValidUntil("2027-06-30T12:00:00+02:00", "Europe/Amsterdam")).toEqual(new Date("2027-06-30T10:00:00Z"));
    expect(addMonths(new Date("2027-01-31T10:00:00Z"), 1)).toEqual(new Date("2027-02-28T10:00:00Z"));
    expect(addMonths(new Date("2026-12-01T08:00:00Z"), 12)).toEqual(new Date("2027-12-01T08:00:00Z"));
  });
});

describe("no path to a confirmed appointment without an approved clearance", () => {
  it("refuses an approval before a document is present: 409 no_document, nothing changes", async () => {
    const { clearanceId } = await heldBooking(t.db, world, { start: at(3, 9) });
    const before = await snapshot(t.db, clearanceId);
    const error = await failureOf(() => decide(world.physician.user, clearanceId));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, code: "no_document" });
    expect(await snapshot(t.db, clearanceId)).toEqual(before);
  });

  it("hides the request from another physician, the therapist and the patient (404); forbids an admin (403)", async () => {
    const { clearanceId, patient } = await heldBooking(t.db, world, { start: at(3, 11) });
    await addDocument(t.db, clearanceId, patient);
    const before = await snapshot(t.db, clearanceId);
    for (const user of [world.otherPhysician.user, world.therapistUser, patient, await quickUser(t.db, "PATIENT")]) {
      const error = await failureOf(() => decide(user, clearanceId));
      expect(error, user.role).toBeInstanceOf(NotFoundError);
    }
    const forbidden = await failureOf(() => decide(world.admin, clearanceId));
    expect(forbidden).toBeInstanceOf(ForbiddenError);
    expect(forbidden).toMatchObject({ status: 403 });
    expect(await snapshot(t.db, clearanceId)).toEqual(before);
    // A request that does not exist is 404 for everyone.
    await expect(decide(world.physician.user, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a replayed decision with 409 already_decided and leaves everything as the first left it", async () => {
    const { clearanceId, appointmentId } = await heldBooking(t.db, world, { start: at(3, 13) });
    await addDocument(t.db, clearanceId, world.physician.user);
    const first = await decide(world.physician.user, clearanceId, { decision: "approve", restrictions: { text: "Gentle pressure only" } });
    expect(first.outcome).toBe("confirmed");
    const before = await snapshot(t.db, clearanceId);
    for (const input of [approve, { decision: "decline", reason: "Changed my mind" } as const]) {
      const error = await failureOf(() => decide(world.physician.user, clearanceId, input));
      expect(error).toMatchObject({ status: 409, code: "already_decided" });
    }
    // Two at once: exactly one wins.
    const second = await heldBooking(t.db, world, { start: at(3, 15) });
    await addDocument(t.db, second.clearanceId, world.physician.user);
    const both = await Promise.allSettled([decide(world.physician.user, second.clearanceId), decide(world.physician.user, second.clearanceId)]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "already_decided" } });
    expect(await t.db.restriction.count({ where: { clearanceId: second.clearanceId } })).toBe(0);

    expect(await snapshot(t.db, clearanceId)).toEqual({ ...before, audit: expect.any(Number), outbox: expect.any(Number) });
    const audit = await t.db.auditEntry.findMany({ where: { entityId: { in: [clearanceId, appointmentId] } } });
    expect(audit.filter((a) => a.toState === "APPROVED")).toHaveLength(1);
    expect(audit.filter((a) => a.toState === "CONFIRMED")).toHaveLength(1);
  });

  it("refuses a decision once the hold has ended, whether or not the expiry job has run (409 expired)", async () => {
    const late = await heldBooking(t.db, world, { start: at(4, 9) });
    await addDocument(t.db, late.clearanceId, late.patient);
    const before = await snapshot(t.db, late.clearanceId);
    const afterCutoff = new Date(late.holdUntil.getTime() + 60_000);
    const error = await failureOf(() => decide(world.physician.user, late.clearanceId, approve, afterCutoff));
    expect(error).toMatchObject({ status: 409, code: "expired" });
    expect(await snapshot(t.db, late.clearanceId)).toEqual(before);

    await expireHolds(t.db, afterCutoff, { appUrl: APP_URL });
    const expired = await snapshot(t.db, late.clearanceId);
    expect(expired.clearance.status).toBe("EXPIRED");
    expect(expired.appointment?.status).toBe("CANCELLED");
    // Even with a clock that says the hold is still on.
    const again = await failureOf(() => decide(world.physician.user, late.clearanceId, approve, NOW));
    expect(again).toMatchObject({ status: 409, code: "expired" });
    expect(await snapshot(t.db, late.clearanceId)).toEqual(expired);
  });

  it("never confirms through the appointment transition alone", async () => {
    const { appointmentId, clearanceId, patient } = await heldBooking(t.db, world, { start: at(4, 11) });
    await addDocument(t.db, clearanceId, patient);
    const attempt = t.db.$transaction((tx) => transitionAppointment(tx, { appointmentId, to: "CONFIRMED", actor: patient, now: NOW }));
    await expect(attempt).rejects.toMatchObject({ code: "clearance_required" });
    expect((await t.db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).status).toBe("HELD");
  });
});

describe("approving", () => {
  it("confirms the held appointment, attaches the restriction, audits and mails the patient without health details", async () => {
    const { clearanceId, appointmentId, patient } = await heldBooking(t.db, world, { start: at(5, 9) });
    await addDocument(t.db, clearanceId, patient);
    const result = await decide(world.physician.user, clearanceId, {
      decision: "approve",
      restrictions: { text: "Avoid lumbar pressure", excludedMassageTypes: ["deep-tissue"], maxDurationMinutes: 60 },
      validUntil: "2027-06-30",
    });
    expect(result).toMatchObject({ status: "APPROVED", outcome: "confirmed", appointmentId, validUntil: new Date("2027-06-30T22:00:00Z") });

    const clearance = await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: clearanceId }, include: { restriction: true } });
    expect(clearance).toMatchObject({ status: "APPROVED", validUntil: new Date("2027-06-30T22:00:00Z"), decidedAt: expect.any(Date) });
    expect(clearance.restriction).toMatchObject({
      id: result.restrictionId,
      patientId: patient.id,
      physicianId: world.physician.physicianId,
      text: "Avoid lumbar pressure",
      excludedMassageTypes: ["deep-tissue"],
      maxDurationMinutes: 60,
      validUntil: new Date("2027-06-30T22:00:00Z"),
    });
    const appointment = await t.db.appointment.findUniqueOrThrow({ where: { id: appointmentId }, include: { restrictions: true } });
    expect(appointment).toMatchObject({ status: "CONFIRMED", restrictions: [{ restrictionId: result.restrictionId }] });

    const audit = await t.db.auditEntry.findMany({ where: { entityId: { in: [clearanceId, appointmentId] } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.fromState, a.toState, a.actorId])).toEqual([
      ["appointment.created", null, "HELD", patient.id],
      ["clearance.requested", null, "AWAITING_DOCUMENT", patient.id],
      ["clearance.document_uploaded", "AWAITING_DOCUMENT", "UNDER_REVIEW", patient.id],
      ["clearance.approved", "UNDER_REVIEW", "APPROVED", world.physician.user.id],
      ["appointment.confirmed", "HELD", "CONFIRMED", world.physician.user.id],
    ]);
    expect(audit[3]!.details).toEqual({
      validUntil: "2027-06-30T22:00:00.000Z",
      excludedMassageTypes: ["deep-tissue"],
      maxDurationMinutes: 60,
      restrictionNote: true,
    });

    const mails = await mailsTo(patient.email);
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/held/i), expect.stringMatching(/^Appointment confirmed/)]);
    const confirmed = mails[1]!;
    expect(confirmed.text).toContain("clearance has been approved");
    expect(JSON.stringify(confirmed.attachments)).toContain("BEGIN:VCALENDAR");
    // The approval's limits on what may be booked are named (docs/decisions/0012); the physician's words and the condition are not.
    expect(confirmed.text).toContain("1. No deep tissue massage; sessions of at most 60 minutes; a note for your therapist");
    const withoutLimits = (text: string | null) => (text ?? "").replace(/Your physician(?:'|&#39;)s approval comes with restrictions\./, "");
    for (const mail of mails) expect([mail.subject, withoutLimits(mail.text), withoutLimits(mail.html)].join("\n")).not.toMatch(HEALTH_WORDS);
    expect(confirmed.text).not.toContain("lumbar");
    expect(confirmed.html).not.toContain("lumbar");
  });

  it("without restrictions confirms with no restriction row, valid for the clinic's default months", async () => {
    const { clearanceId, appointmentId, patient } = await heldBooking(t.db, world, { start: at(5, 11) });
    await addDocument(t.db, clearanceId, patient);
    const result = await decide(world.physician.user, clearanceId, { decision: "approve", restrictions: { text: "  " } });
    expect(result).toMatchObject({ outcome: "confirmed", restrictionId: null, validUntil: new Date("2027-12-01T08:00:00Z") });
    expect(await t.db.restriction.count({ where: { clearanceId } })).toBe(0);
    expect(await t.db.appointment.findUniqueOrThrow({ where: { id: appointmentId }, include: { restrictions: true } })).toMatchObject({ status: "CONFIRMED", restrictions: [] });
  });

  it("moves a request that has a document but was never marked under review, then approves it", async () => {
    const { clearanceId, patient } = await heldBooking(t.db, world, { start: at(5, 13) });
    await addDocument(t.db, clearanceId, patient, { review: false });
    const result = await decide(world.physician.user, clearanceId);
    expect(result.outcome).toBe("confirmed");
    const audit = await t.db.auditEntry.findMany({ where: { entityId: clearanceId }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.toState)).toEqual(["AWAITING_DOCUMENT", "UNDER_REVIEW", "APPROVED"]);
  });

  const unfit: Array<[string, DecisionInput["restrictions"], "swedish" | "myofascial", number, string[]]> = [
    ["its massage type is excluded", { excludedMassageTypes: ["swedish"] }, "swedish", 60, ["massageType"]],
    ["it is longer than allowed", { maxDurationMinutes: 30 }, "myofascial", 60, ["duration"]],
  ];
  it.each(unfit)("keeps the appointment held when %s, and asks the patient to change it", async (_label, restrictions, massageType, duration, mismatch) => {
    const { clearanceId, appointmentId, patient, holdUntil } = await heldBooking(t.db, world, {
      start: at(6, mismatch[0] === "duration" ? 9 : 12),
      massageType,
      duration,
    });
    await addDocument(t.db, clearanceId, patient);
    const result = await decide(world.physician.user, clearanceId, { decision: "approve", restrictions });
    expect(result).toMatchObject({ status: "APPROVED", outcome: "held_needs_change", mismatch });
    expect(await t.db.appointment.findUniqueOrThrow({ where: { id: appointmentId }, include: { restrictions: true } })).toMatchObject({
      status: "HELD",
      holdReason: "restrictions",
      restrictions: [{ restrictionId: result.restrictionId }],
    });
    expect((await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: clearanceId } })).status).toBe("APPROVED");

    const mail = (await mailsTo(patient.email)).at(-1)!;
    expect(mail.subject).toMatch(/needs a change/);
    expect(mail.text).toContain(mismatch[0] === "duration" ? "the length of the session" : "the massage type");
    expect([mail.subject, mail.text, mail.html].join("\n")).not.toMatch(HEALTH_WORDS);

    // Still not confirmable by any other path; the cut-off releases it.
    const afterCutoff = new Date(holdUntil.getTime() + 1);
    const counts = await expireHolds(t.db, afterCutoff, { appUrl: APP_URL });
    expect(counts.released).toBeGreaterThanOrEqual(1);
    expect(await t.db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).toMatchObject({ status: "CANCELLED" });
    expect((await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: clearanceId } })).status).toBe("APPROVED");
    expect((await mailsTo(patient.email)).at(-1)!.subject).toMatch(/hold ended/);
  });

  it("refuses a validity that ends before the appointment or lies in the past (422 on validUntil)", async () => {
    const { clearanceId, patient } = await heldBooking(t.db, world, { start: at(7, 9) });
    await addDocument(t.db, clearanceId, patient);
    const before = await snapshot(t.db, clearanceId);
    const beforeVisit = await failureOf(() => decide(world.physician.user, clearanceId, { decision: "approve", validUntil: "2026-12-06" }));
    expect(beforeVisit).toBeInstanceOf(ValidationError);
    expect(beforeVisit).toMatchObject({ status: 422, fields: { validUntil: expect.stringContaining("day of the appointment") } });
    // In the past by the decision's clock (the hold is still on then).
    const past = await failureOf(() =>
      decideClearance(t.db, {
        physicianUser: world.physician.user,
        clearanceId,
        decision: decisionSchema.parse({ decision: "approve", validUntil: "2026-12-02T00:00:00Z" }),
        appUrl: APP_URL,
        now: new Date("2026-12-03T00:00:00Z"),
      }),
    );
    expect(past).toMatchObject({ status: 422, fields: { validUntil: "Choose a date in the future." } });
    expect(await snapshot(t.db, clearanceId)).toEqual(before);
  });
});

describe("declining", () => {
  it("cancels the held appointment with the reason, frees the slot and mails the patient without the physician's words", async () => {
    const start = at(8, 9);
    const { clearanceId, appointmentId, patient } = await heldBooking(t.db, world, { start });
    await addDocument(t.db, clearanceId, patient);
    const result = await decide(world.physician.user, clearanceId, { decision: "decline", reason: "Uncontrolled blood sugar; see me first." });
    expect(result).toMatchObject({ status: "DECLINED", outcome: "cancelled", appointmentId, restrictionId: null });

    expect(await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: clearanceId } })).toMatchObject({
      status: "DECLINED",
      declineReason: "Uncontrolled blood sugar; see me first.",
      decidedAt: expect.any(Date),
    });
    expect(await t.db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: DECLINED_CANCEL_REASON,
    });
    const mail = (await mailsTo(patient.email)).at(-1)!;
    expect(mail.subject).toMatch(/^Appointment cancelled/);
    expect([mail.subject, mail.text, mail.html].join("\n")).not.toMatch(HEALTH_WORDS);
    expect(mail.text).not.toContain("blood sugar");

    // The slot is free again.
    const again = await book(t.db, world, await quickUser(t.db, "PATIENT"), { start });
    expect(again.status).toBe("confirmed");
  });
});
