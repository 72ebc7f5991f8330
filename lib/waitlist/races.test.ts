// The waitlist under concurrency: the database, not the process, decides.
// - One offer per time: the exclusion constraint, and two job runs at once.
// - Two patients claiming one time: exactly one wins, the other is offer_gone and stays on the list.
// On PostgreSQL the calls really run at once (PGlite has one connection and serialises them).
import { describe, expect, inject, it } from "vitest";
import { SlotTakenError } from "@/lib/appointments";
import { isExclusionViolation } from "@/lib/db/errors";
import { useTestDatabase } from "@/test/db";
import { claimOffer, OfferGoneError } from "./claim";
import { runWaitlist } from "./offers";
import { APP_URL, at, cancelled, claimBody, join, liveOffers, minutes, NOW, patient, therapist } from "./testing";
import { bookAppointment } from "@/lib/appointments";
import { bookingSchema } from "@/lib/validation/booking";
import { intake } from "@/lib/clearance/testing";

const t = useTestDatabase();
const hoursBefore = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

describe("one offer per time", () => {
  it("is a database guarantee: a second live offer overlapping the first is refused", async () => {
    const therapistId = await therapist(t.db);
    const a = await patient(t.db);
    const b = await patient(t.db);
    const entryA = await join(t.db, a, 3, hoursBefore(2));
    const entryB = await join(t.db, b, 3, hoursBefore(1));
    const { appointmentId } = await cancelled(t.db, therapistId, at(3, 9));
    const slot = await t.db.freedSlot.findUniqueOrThrow({ where: { appointmentId } });
    const offer = (entryId: string, startsAt: Date, endsAt: Date) =>
      t.db.waitlistOffer.create({ data: { entryId, freedSlotId: slot.id, therapistId, startsAt, endsAt, expiresAt: at(3, 8) } });
    await offer(entryA.id, at(3, 9), at(3, 10));
    const second = await settle(offer(entryB.id, new Date(at(3, 9).getTime() + minutes(30)), at(3, 11)));
    expect(second.ok).toBe(false);
    expect(!second.ok && isExclusionViolation(second.error)).toBe(true);
  });

  it("holds across two job runs at once: one offer, one mail", async () => {
    const therapistId = await therapist(t.db);
    const waiting = await Promise.all([1, 2, 3].map(() => patient(t.db)));
    for (const [index, who] of waiting.entries()) await join(t.db, who, 4, hoursBefore(5 - index));
    await cancelled(t.db, therapistId, at(4, 9));
    const runs = await Promise.all([runWaitlist(t.db, { now: NOW, appUrl: APP_URL }), runWaitlist(t.db, { now: NOW, appUrl: APP_URL })]);
    expect(runs.every((counts) => counts.offered <= 1)).toBe(true);
    const offers = await liveOffers(t.db, therapistId);
    expect(offers).toHaveLength(1);
    expect(offers[0]!.entry.patientId).toBe(waiting[0]!.id);
    const emails = (await t.db.user.findMany({ where: { id: { in: waiting.map((w) => w.id) } } })).map((u) => u.email);
    expect(await t.db.outboxMessage.count({ where: { to: { in: emails }, subject: { contains: "waitlist" } } })).toBe(1);
  });
});

describe("two patients claiming one time", () => {
  it("the offer moved on while the first still had the page open: both claim at once, exactly one wins", async () => {
    const therapistId = await therapist(t.db);
    const first = await patient(t.db);
    const second = await patient(t.db);
    const firstEntry = await join(t.db, first, 7, hoursBefore(3));
    await join(t.db, second, 7, hoursBefore(2));
    await cancelled(t.db, therapistId, at(7, 9));
    await runWaitlist(t.db, { now: NOW, appUrl: APP_URL });
    const [stale] = await liveOffers(t.db, therapistId);
    const expiry = new Date(NOW.getTime() + minutes(120));
    await runWaitlist(t.db, { now: expiry, appUrl: APP_URL });
    const [fresh] = await liveOffers(t.db, therapistId);
    expect(fresh!.entry.patientId).toBe(second.id);

    // The first patient's clock is a moment before their offer ended: the database still says no.
    const [late, current] = await Promise.all([
      settle(claimOffer(t.db, { patient: first, offerId: stale!.id, claim: claimBody(), appUrl: APP_URL, now: new Date(expiry.getTime() - 1000) })),
      settle(claimOffer(t.db, { patient: second, offerId: fresh!.id, claim: claimBody(), appUrl: APP_URL, now: expiry })),
    ]);
    expect(current.ok).toBe(true);
    expect(!late.ok && late.error).toBeInstanceOf(OfferGoneError);
    expect(await t.db.appointment.count({ where: { therapistId, startsAt: at(7, 9), status: { in: ["HELD", "CONFIRMED"] } } })).toBe(1);
    expect((await t.db.waitlistEntry.findUniqueOrThrow({ where: { id: firstEntry.id } })).status).toBe("ACTIVE");
  });
});

const onPostgres = inject("testDatabase").kind === "postgres";
if (onPostgres) describe("on PostgreSQL, at the same instant", () => {
  async function offered(day: number) {
    const therapistId = await therapist(t.db);
    const waiting = await patient(t.db);
    const entry = await join(t.db, waiting, day, hoursBefore(2));
    await cancelled(t.db, therapistId, at(day, 9));
    await runWaitlist(t.db, { now: NOW, appUrl: APP_URL });
    const [offer] = await liveOffers(t.db, therapistId);
    return { therapistId, waiting, entry, offerId: offer!.id };
  }

  it("one offer claimed twice (two browsers): one booking, the other offer_gone", async () => {
    const { therapistId, waiting, offerId } = await offered(8);
    const claim = () => settle(claimOffer(t.db, { patient: waiting, offerId, claim: claimBody(), appUrl: APP_URL, now: NOW }));
    const outcomes = await Promise.all([claim(), claim()]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    const lost = outcomes.find((outcome) => !outcome.ok);
    expect(lost && !lost.ok && lost.error).toBeInstanceOf(OfferGoneError);
    expect(await t.db.appointment.count({ where: { therapistId, startsAt: at(8, 9), status: { in: ["HELD", "CONFIRMED"] } } })).toBe(1);
  });

  it("a claim and another patient's booking of the same time: exactly one appointment; a losing claimant stays on the list", async () => {
    const { therapistId, waiting, entry, offerId } = await offered(9);
    const other = await patient(t.db);
    const [claim, direct] = await Promise.all([
      settle(claimOffer(t.db, { patient: waiting, offerId, claim: claimBody(), appUrl: APP_URL, now: NOW })),
      settle(
        bookAppointment(t.db, {
          patient: other,
          booking: bookingSchema.parse({ therapistId, massageType: "swedish", duration: 60, start: at(9, 9).toISOString(), intake: intake() }),
          appUrl: APP_URL,
          now: NOW,
        }),
      ),
    ]);
    expect([claim.ok, direct.ok].filter(Boolean)).toHaveLength(1);
    expect(await t.db.appointment.count({ where: { therapistId, startsAt: at(9, 9), status: { in: ["HELD", "CONFIRMED"] } } })).toBe(1);
    if (claim.ok) {
      expect(!direct.ok && direct.error).toBeInstanceOf(SlotTakenError);
    } else {
      expect(claim.error).toBeInstanceOf(OfferGoneError);
      expect((await t.db.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("ACTIVE");
    }
  });
});

