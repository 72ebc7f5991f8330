import { beforeAll, describe, expect, it } from "vitest";
import { JOBS, runJobsOnce } from "@/lib/jobs/run";
import { recordingTransport } from "@/lib/mail/testing";
import { decisionSchema } from "@/lib/validation/clearance";
import { useTestDatabase } from "@/test/db";
import { decideClearance } from "./decide";
import { EXPIRED_CANCEL_REASON, expireHolds } from "./expiry";
import { addDocument, APP_URL, at, book, createWorld, HEALTH_WORDS, heldBooking, NOW, quickUser, type World } from "./testing";

describe("the expiry job", () => {
  const t = useTestDatabase();
  let world: World;

  beforeAll(async () => {
    world = await createWorld(t.db);
  });

  it("expires open requests past their cut-off, cancels the holds, frees the slots and mails the patients; a second run changes nothing", async () => {
    const waiting = await heldBooking(t.db, world, { start: at(3, 9) });
    const reviewing = await heldBooking(t.db, world, { start: at(3, 11) });
    await addDocument(t.db, reviewing.clearanceId, reviewing.patient);
    const later = await heldBooking(t.db, world, { start: at(5, 9) });
    const cutoff = new Date(at(3, 11).getTime() - 24 * 3_600_000);

    // Just before the second cut-off: only the first is due.
    expect(await expireHolds(t.db, new Date(cutoff.getTime() - 1), { appUrl: APP_URL })).toEqual({ expired: 1, released: 0, skipped: 0, failed: 0 });
    expect(await expireHolds(t.db, cutoff, { appUrl: APP_URL })).toEqual({ expired: 1, released: 0, skipped: 0, failed: 0 });

    for (const held of [waiting, reviewing]) {
      const clearance = await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: held.clearanceId } });
      expect(clearance.status).toBe("EXPIRED");
      const appointment = await t.db.appointment.findUniqueOrThrow({ where: { id: held.appointmentId }, include: { restrictions: true } });
      expect(appointment).toMatchObject({ status: "CANCELLED", cancelReason: EXPIRED_CANCEL_REASON });
      const audit = await t.db.auditEntry.findMany({ where: { entityId: { in: [held.clearanceId, held.appointmentId] } }, orderBy: { id: "asc" } });
      expect(audit.slice(-2).map((a) => [a.action, a.toState, a.actorId])).toEqual([
        ["clearance.expired", "EXPIRED", null],
        ["appointment.cancelled", "CANCELLED", null],
      ]);
      const mails = await t.db.outboxMessage.findMany({ where: { to: held.patient.email }, orderBy: { createdAt: "asc" } });
      expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/held/), expect.stringMatching(/^Appointment hold ended/)]);
      expect([mails[1]!.subject, mails[1]!.text, mails[1]!.html].join("\n")).not.toMatch(HEALTH_WORDS);
    }
    expect((await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: later.clearanceId } })).status).toBe("AWAITING_DOCUMENT");

    // Idempotent: the same clock again finds nothing, writes nothing.
    const before = { audit: await t.db.auditEntry.count(), outbox: await t.db.outboxMessage.count() };
    expect(await expireHolds(t.db, cutoff, { appUrl: APP_URL })).toEqual({ expired: 0, released: 0, skipped: 0, failed: 0 });
    expect({ audit: await t.db.auditEntry.count(), outbox: await t.db.outboxMessage.count() }).toEqual(before);

    // The slot is free for someone else.
    expect((await book(t.db, world, await quickUser(t.db, "PATIENT"), { start: at(3, 9) })).status).toBe("confirmed");
  });

  it("leaves decided requests alone", async () => {
    const approved = await heldBooking(t.db, world, { start: at(6, 9) });
    await addDocument(t.db, approved.clearanceId, approved.patient);
    await decideClearance(t.db, {
      physicianUser: world.physician.user,
      clearanceId: approved.clearanceId,
      decision: decisionSchema.parse({ decision: "approve" }),
      appUrl: APP_URL,
      now: NOW,
    });
    const counts = await expireHolds(t.db, at(7, 9), { appUrl: APP_URL });
    expect(counts).toMatchObject({ expired: 1, released: 0 }); // only "later" from the first test
    expect((await t.db.appointment.findUniqueOrThrow({ where: { id: approved.appointmentId } })).status).toBe("CONFIRMED");
    expect((await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: approved.clearanceId } })).status).toBe("APPROVED");
  });

  it("is one of the background jobs, and its mails go out on the next run", async () => {
    expect(JOBS.map((job) => job.name)).toContain("clearance-expiry");
    const held = await heldBooking(t.db, world, { start: at(8, 9) });
    const transport = recordingTransport();
    const first = await runJobsOnce(t.db, at(7, 10), { mailTransport: transport });
    expect(first.ok).toBe(true);
    expect(first.jobs.find((job) => job.job === "clearance-expiry")).toMatchObject({ ok: true, counts: { expired: 1 } });
    expect((await t.db.appointment.findUniqueOrThrow({ where: { id: held.appointmentId } })).status).toBe("CANCELLED");
    // The outbox stamps mails with the real clock: deliver at whichever is later.
    await runJobsOnce(t.db, new Date(Math.max(Date.now(), at(7, 11).getTime()) + 1_000), { mailTransport: transport });
    expect(transport.sent.filter((mail) => mail.to === held.patient.email).map((mail) => mail.subject)).toContainEqual(
      expect.stringMatching(/^Appointment hold ended/),
    );
  });
});

describe("an approval racing the expiry", () => {
  // Its own database: each round's expiry run must see only that round's hold.
  const t = useTestDatabase();
  let world: World;

  beforeAll(async () => {
    world = await createWorld(t.db);
  });

  it("ends in exactly one outcome every time: approved and confirmed, or expired and cancelled", async () => {
    const ROUNDS = 24;
    const outcomes = { approved: 0, expired: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // Four rounds a day, each later than the one before, so each expiry run sees only its own hold.
      const start = at(3 + Math.floor(round / 4), 8 + (round % 4) * 3);
      const held = await heldBooking(t.db, world, { start });
      await addDocument(t.db, held.clearanceId, held.patient);
      // Two instances whose clocks straddle the cut-off: for the physician it has not passed, for the job it has.
      const decision = () =>
        decideClearance(t.db, {
          physicianUser: world.physician.user,
          clearanceId: held.clearanceId,
          decision: decisionSchema.parse({ decision: "approve", restrictions: { text: "Light pressure" } }),
          appUrl: APP_URL,
          now: new Date(held.holdUntil.getTime() - 60_000),
        });
      const expiry = () => expireHolds(t.db, new Date(held.holdUntil.getTime() + 60_000), { appUrl: APP_URL });
      // Alternate who starts first; every third round the job starts a moment later (on PGlite, which runs
      // transactions one at a time, that lets the decision win some rounds; on PostgreSQL they overlap).
      const later = <T,>(work: () => Promise<T>) => new Promise<void>((resolve) => setImmediate(resolve)).then(work);
      const [decided, expired] =
        round % 3 === 0
          ? await Promise.allSettled([decision(), later(expiry)])
          : round % 3 === 1
            ? await Promise.allSettled([decision(), expiry()])
            : await Promise.allSettled([expiry(), decision()]).then(([e, d]) => [d, e] as const);

      expect(expired.status, "the job never fails").toBe("fulfilled");
      const clearance = await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: held.clearanceId }, include: { restriction: true } });
      const appointment = await t.db.appointment.findUniqueOrThrow({ where: { id: held.appointmentId }, include: { restrictions: true } });
      const audit = await t.db.auditEntry.findMany({ where: { entityId: { in: [held.clearanceId, held.appointmentId] } } });
      const mails = await t.db.outboxMessage.findMany({ where: { to: held.patient.email } });

      if (decided.status === "fulfilled") {
        outcomes.approved += 1;
        expect(decided.value.outcome).toBe("confirmed");
        expect(clearance.status).toBe("APPROVED");
        expect(clearance.restriction).not.toBeNull();
        expect(appointment).toMatchObject({ status: "CONFIRMED", restrictions: [{ restrictionId: clearance.restriction!.id }] });
        expect(expired.status === "fulfilled" && expired.value.expired).toBe(0);
        expect(mails.map((m) => m.subject).filter((s) => /confirmed|hold ended/.test(s))).toEqual([expect.stringMatching(/^Appointment confirmed/)]);
      } else {
        outcomes.expired += 1;
        expect(decided.reason).toMatchObject({ status: 409, code: "expired" });
        expect(clearance).toMatchObject({ status: "EXPIRED", restriction: null, validUntil: null, decidedAt: null });
        expect(appointment).toMatchObject({ status: "CANCELLED", cancelReason: EXPIRED_CANCEL_REASON, restrictions: [] });
        expect(expired.status === "fulfilled" && expired.value.expired).toBe(1);
        expect(mails.map((m) => m.subject).filter((s) => /confirmed|hold ended/.test(s))).toEqual([expect.stringMatching(/^Appointment hold ended/)]);
      }
      // Exactly one final clearance state and one appointment state in the audit trail.
      expect(audit.filter((a) => a.toState === "APPROVED" || a.toState === "EXPIRED")).toHaveLength(1);
      expect(audit.filter((a) => a.toState === "CONFIRMED" || a.toState === "CANCELLED")).toHaveLength(1);
    }
    expect(outcomes.approved + outcomes.expired).toBe(ROUNDS);
    // Nothing left behind for a later run.
    expect(await expireHolds(t.db, at(40), { appUrl: APP_URL })).toEqual({ expired: 0, released: 0, skipped: 0, failed: 0 });
  }, 120_000);
});
