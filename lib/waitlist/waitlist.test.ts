// The waitlist on a frozen clock: a cancellation's freed time goes to the longest-waiting matching patient,
// an offer that times out or is declined moves to the next, a claim books through the lifecycle.
import { beforeAll, describe, expect, it } from "vitest";
import { quickPhysician } from "@/lib/clearance/testing";
import { ClinicalRefusalError, NotFoundError } from "@/lib/errors";
import { useTestDatabase } from "@/test/db";
import { claimOffer, OfferGoneError } from "./claim";
import { leaveWaitlist, listOwnEntries } from "./entries";
import { declineOffer, runWaitlist } from "./offers";
import { APP_URL, at, booked, cancelled, claimBody, join, liveOffers, minutes, NOW, patient, therapist } from "./testing";

const t = useTestDatabase();
const run = (now = NOW) => runWaitlist(t.db, { now, appUrl: APP_URL });
const hoursBefore = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
let physicianId: string;

beforeAll(async () => {
  physicianId = (await quickPhysician(t.db)).physicianId;
});

describe("a cancellation", () => {
  it("records the freed time in the same transaction and offers it to the longest-waiting matching patient only", async () => {
    const therapistId = await therapist(t.db);
    const otherTherapist = await therapist(t.db);
    const first = await patient(t.db, "First");
    const second = await patient(t.db, "Second");
    const wrongWeekday = await patient(t.db, "Weekday");
    const wrongHours = await patient(t.db, "Hours");
    const wrongTherapist = await patient(t.db, "Therapist");
    const wrongType = await patient(t.db, "Type");
    // Thursday 10 December, 10:00-11:00 in Amsterdam. Those who joined earlier but do not match are passed over.
    await join(t.db, wrongWeekday, 10, hoursBefore(9), { days: [1, 2] });
    await join(t.db, wrongHours, 10, hoursBefore(8), { earliest: "13:00" });
    await join(t.db, wrongTherapist, 10, hoursBefore(7), { therapistId: otherTherapist });
    await join(t.db, wrongType, 10, hoursBefore(6), { massageType: "deep-tissue", duration: 90, latest: "10:30" });
    const firstEntry = await join(t.db, first, 10, hoursBefore(5), { days: [4], earliest: "09:00", latest: "12:00" });
    await join(t.db, second, 10, hoursBefore(4), { therapistId });

    const { appointmentId, owner } = await cancelled(t.db, therapistId, at(10, 9));
    // The canceller is on the list too, waiting longest: not offered their own time back.
    await join(t.db, owner, 10, hoursBefore(10));
    const freed = await t.db.freedSlot.findUniqueOrThrow({ where: { appointmentId } });
    expect(freed).toMatchObject({ therapistId, startsAt: at(10, 9), endsAt: at(10, 10), patientId: owner.id, closedAt: null });

    const counts = await run();
    expect(counts.offered).toBeGreaterThanOrEqual(1);
    const offers = await liveOffers(t.db, therapistId);
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ entryId: firstEntry.id, startsAt: at(10, 9), endsAt: at(10, 10), expiresAt: new Date(NOW.getTime() + minutes(120)) });

    // By mail, with the claim link, and on their page; nobody else hears of it.
    const mail = await t.db.outboxMessage.findFirstOrThrow({ where: { to: (await t.db.user.findUniqueOrThrow({ where: { id: first.id } })).email } });
    expect(mail.subject).toContain("A time on your waitlist is free");
    expect(mail.text).toContain(`${APP_URL}/waitlist/offers/${offers[0]!.id}`);
    expect(mail.text).not.toMatch(/cardiovascular|diabetes|intake/i);
    const [mine] = await listOwnEntries(t.db, first.id, NOW);
    expect(mine?.offer).toMatchObject({ id: offers[0]!.id, therapistId });
    for (const other of [second, wrongWeekday, wrongHours, wrongTherapist, wrongType, owner]) {
      expect((await listOwnEntries(t.db, other.id, NOW)).every((entry) => entry.offer === null)).toBe(true);
    }
    expect(await t.db.auditEntry.count({ where: { action: "waitlist.offered", entityId: offers[0]!.id } })).toBe(1);

    // A second run changes nothing: one offer per time.
    await run(new Date(NOW.getTime() + minutes(1)));
    expect(await liveOffers(t.db, therapistId)).toHaveLength(1);
  });

  it("of a time someone else has booked since is closed without an offer", async () => {
    const therapistId = await therapist(t.db);
    await join(t.db, await patient(t.db), 11, hoursBefore(2));
    const { appointmentId } = await cancelled(t.db, therapistId, at(11, 9));
    await booked(t.db, therapistId, at(11, 9));
    await run();
    expect(await liveOffers(t.db, therapistId)).toHaveLength(0);
    expect((await t.db.freedSlot.findUniqueOrThrow({ where: { appointmentId } })).closedAt).toEqual(NOW);
  });
});

describe("joining", () => {
  it("keeps at most five active entries per patient (409 waitlist_full), and leaving makes room", async () => {
    const who = await patient(t.db);
    const entries = [];
    for (let i = 0; i < 5; i++) entries.push(await join(t.db, who, 24, hoursBefore(1)));
    await expect(join(t.db, who, 24, hoursBefore(1))).rejects.toMatchObject({ status: 409, code: "waitlist_full" });
    await leaveWaitlist(t.db, { patient: who, entryId: entries[0]!.id, now: NOW });
    await expect(join(t.db, who, 24, hoursBefore(1))).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("refuses days that have passed or lie beyond the booking horizon", async () => {
    const who = await patient(t.db);
    await expect(join(t.db, who, 24, NOW, { from: "2026-11-20", to: "2026-11-30" })).rejects.toMatchObject({ fields: { to: expect.any(String) } });
    await expect(join(t.db, who, 24, NOW, { from: "2027-03-01", to: "2027-03-02" })).rejects.toMatchObject({ fields: { from: expect.any(String) } });
  });
});

describe("an offer that is not taken", () => {
  it("times out and the time moves to the next patient; the first stays on the list", async () => {
    const therapistId = await therapist(t.db);
    const first = await patient(t.db);
    const second = await patient(t.db);
    const firstEntry = await join(t.db, first, 14, hoursBefore(3));
    const secondEntry = await join(t.db, second, 14, hoursBefore(2));
    await cancelled(t.db, therapistId, at(14, 9));
    await run();
    const [offered] = await liveOffers(t.db, therapistId);
    expect(offered?.entryId).toBe(firstEntry.id);

    // Just before the offer's time: still the first patient's.
    await run(new Date(NOW.getTime() + minutes(119)));
    expect((await liveOffers(t.db, therapistId))[0]?.entryId).toBe(firstEntry.id);

    const later = new Date(NOW.getTime() + minutes(120));
    const counts = await run(later);
    expect(counts.expired).toBeGreaterThanOrEqual(1);
    expect((await t.db.waitlistOffer.findUniqueOrThrow({ where: { id: offered!.id } })).status).toBe("EXPIRED");
    const [next] = await liveOffers(t.db, therapistId);
    expect(next).toMatchObject({ entryId: secondEntry.id, expiresAt: new Date(later.getTime() + minutes(120)) });
    expect((await t.db.waitlistEntry.findUniqueOrThrow({ where: { id: firstEntry.id } })).status).toBe("ACTIVE");
    // The late claim of the first patient is told the offer is gone.
    await expect(claimOffer(t.db, { patient: first, offerId: offered!.id, claim: claimBody(), appUrl: APP_URL, now: later })).rejects.toBeInstanceOf(
      OfferGoneError,
    );
  });

  it("declined moves on at once", async () => {
    const therapistId = await therapist(t.db);
    const first = await patient(t.db);
    const second = await patient(t.db);
    await join(t.db, first, 15, hoursBefore(3));
    const secondEntry = await join(t.db, second, 15, hoursBefore(2));
    await cancelled(t.db, therapistId, at(15, 9));
    await run();
    const [offered] = await liveOffers(t.db, therapistId);
    await declineOffer(t.db, { patient: first, offerId: offered!.id, appUrl: APP_URL, now: NOW });
    expect((await t.db.waitlistOffer.findUniqueOrThrow({ where: { id: offered!.id } })).status).toBe("DECLINED");
    expect((await liveOffers(t.db, therapistId))[0]?.entryId).toBe(secondEntry.id);
    expect(await t.db.auditEntry.count({ where: { action: "waitlist.offer_declined", entityId: offered!.id } })).toBe(1);
  });

  it("ends when its patient leaves the list, and the time moves on", async () => {
    const therapistId = await therapist(t.db);
    const first = await patient(t.db);
    const second = await patient(t.db);
    const firstEntry = await join(t.db, first, 16, hoursBefore(3));
    const secondEntry = await join(t.db, second, 16, hoursBefore(2));
    await cancelled(t.db, therapistId, at(16, 9));
    await run();
    await leaveWaitlist(t.db, { patient: first, entryId: firstEntry.id, now: NOW });
    expect(await listOwnEntries(t.db, first.id, NOW)).toEqual([]);
    await run();
    expect((await liveOffers(t.db, therapistId))[0]?.entryId).toBe(secondEntry.id);
    expect(await t.db.auditEntry.count({ where: { action: "waitlist.left", entityId: firstEntry.id } })).toBe(1);
  });
});

describe("claiming", () => {
  async function offerTo(day: number) {
    const therapistId = await therapist(t.db);
    const waiting = await patient(t.db);
    const entry = await join(t.db, waiting, day, hoursBefore(2));
    await cancelled(t.db, therapistId, at(day, 9));
    await run();
    const [offer] = await liveOffers(t.db, therapistId);
    return { therapistId, waiting, entry, offerId: offer!.id };
  }

  it("books the time through the lifecycle: confirmed, the entry fulfilled, the freed time closed, audited", async () => {
    const { waiting, entry, offerId, therapistId } = await offerTo(17);
    const result = await claimOffer(t.db, { patient: waiting, offerId, claim: claimBody(), appUrl: APP_URL, now: NOW });
    expect(result).toMatchObject({ status: "confirmed", start: at(17, 9), end: at(17, 10) });
    const appointment = await t.db.appointment.findUniqueOrThrow({ where: { id: result.id }, include: { intake: true } });
    expect(appointment).toMatchObject({ patientId: waiting.id, therapistId, status: "CONFIRMED" });
    expect(appointment.intake).not.toBeNull();
    expect(await t.db.waitlistOffer.findUniqueOrThrow({ where: { id: offerId } })).toMatchObject({ status: "CLAIMED", appointmentId: result.id });
    expect((await t.db.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("FULFILLED");
    expect(await t.db.freedSlot.count({ where: { offers: { some: { id: offerId } }, closedAt: null } })).toBe(0);
    expect(await t.db.auditEntry.count({ where: { action: "waitlist.claimed", entityId: offerId } })).toBe(1);
    // Claimed once: a second claim is gone.
    await expect(claimOffer(t.db, { patient: waiting, offerId, claim: claimBody(), appUrl: APP_URL, now: NOW })).rejects.toBeInstanceOf(OfferGoneError);
  });

  it("is screened like any booking: a serious condition holds it for a clearance, a fever refuses it and the offer stays", async () => {
    const refused = await offerTo(18);
    await expect(
      claimOffer(t.db, { patient: refused.waiting, offerId: refused.offerId, claim: { ...claimBody(), intake: { ...claimBody().intake, symptoms: { fever: true, contagiousIllness: false, acuteInjury: false } } }, appUrl: APP_URL, now: NOW }),
    ).rejects.toBeInstanceOf(ClinicalRefusalError);
    expect((await t.db.waitlistOffer.findUniqueOrThrow({ where: { id: refused.offerId } })).status).toBe("OFFERED");

    const held = await offerTo(21);
    const result = await claimOffer(t.db, {
      patient: held.waiting,
      offerId: held.offerId,
      claim: claimBody({ cardiovascular: true }, physicianId),
      appUrl: APP_URL,
      now: NOW,
    });
    expect(result.status).toBe("held");
    expect(result.clearance).toMatchObject({ status: "awaiting_document" });
    expect((await t.db.appointment.findUniqueOrThrow({ where: { id: result.id } })).status).toBe("HELD");
  });

  it("of a time someone else booked first is offer_gone; the patient stays on the list", async () => {
    const { waiting, entry, offerId, therapistId } = await offerTo(22);
    await booked(t.db, therapistId, at(22, 9));
    await expect(claimOffer(t.db, { patient: waiting, offerId, claim: claimBody(), appUrl: APP_URL, now: NOW })).rejects.toMatchObject({
      code: "offer_gone",
      status: 409,
    });
    expect((await t.db.waitlistOffer.findUniqueOrThrow({ where: { id: offerId } })).status).toBe("GONE");
    expect((await t.db.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("ACTIVE");
  });

  it("of another patient's offer is 404, as if it did not exist", async () => {
    const { offerId } = await offerTo(23);
    const stranger = await patient(t.db);
    await expect(claimOffer(t.db, { patient: stranger, offerId, claim: claimBody(), appUrl: APP_URL, now: NOW })).rejects.toBeInstanceOf(NotFoundError);
    await expect(declineOffer(t.db, { patient: stranger, offerId, appUrl: APP_URL, now: NOW })).rejects.toBeInstanceOf(NotFoundError);
    expect((await t.db.waitlistOffer.findUniqueOrThrow({ where: { id: offerId } })).status).toBe("OFFERED");
  });
});
