// The day-before health check on a real database with a frozen clock: the job
// mails at the check hour in the clinic's time zone, once per appointment even
// with two runs at once; the patient's first answer stands; a yes cancels
// inside the cancellation notice, without charge, and the time goes to the waitlist.
import { describe, expect, it } from "vitest";
import { cancelAppointment, HEALTH_CHECK_CANCEL_REASON } from "@/lib/appointments";
import { quickUser } from "@/lib/clearance/testing";
import { ConflictError } from "@/lib/errors";
import { getClinicSettings } from "@/lib/settings";
import { runWaitlist } from "@/lib/waitlist/offers";
import { APP_URL, at, booked, join, liveOffers, NOW, patient, therapist } from "@/lib/waitlist/testing";
import { useTestDatabase } from "@/test/db";
import { answerHealthCheck } from "./answer";
import { sendHealthChecks } from "./job";
import { checkOpensAt } from "./window";

const t = useTestDatabase();
const ALL_NO = { fever: false, contagiousIllness: false, acuteInjury: false };
const FEVER = { ...ALL_NO, fever: true };
/** `day` of December 2026 at hh:mm UTC; the clinic (Europe/Amsterdam) is UTC+1 all December. */
const utc = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 11, day, hour, minute));
const checkMails = (email: string) => t.db.outboxMessage.count({ where: { to: email, subject: { contains: "three quick questions" } } });

describe("the health-check job", () => {
  it("mails at the clinic's check hour (18:00 Amsterdam = 17:00 UTC) the day before, only confirmed appointments, once", async () => {
    const therapistId = await therapist(t.db);
    const settings = await getClinicSettings(t.db);
    expect(settings).toMatchObject({ timeZone: "Europe/Amsterdam", healthCheckHour: 18 });
    const tomorrow = await booked(t.db, therapistId, at(10, 9));
    const dayAfter = await booked(t.db, therapistId, at(11, 9));
    // Late on the 10th, clinic time (19:00 local, 18:00 UTC): its check opens on the 9th too.
    const lateTomorrow = await booked(t.db, therapistId, at(10, 18));
    expect(checkOpensAt(at(10, 18), settings)).toEqual(utc(9, 17));

    const before = await sendHealthChecks(t.db, { now: utc(9, 16, 59), appUrl: APP_URL });
    expect(before.mailed).toBe(0);
    expect(await checkMails(tomorrow.owner.email)).toBe(0);

    const atHour = await sendHealthChecks(t.db, { now: utc(9, 17), appUrl: APP_URL });
    expect(atHour.mailed).toBe(2);
    expect(await checkMails(tomorrow.owner.email)).toBe(1);
    expect(await checkMails(lateTomorrow.owner.email)).toBe(1);
    expect(await checkMails(dayAfter.owner.email)).toBe(0);
    const mail = await t.db.outboxMessage.findFirstOrThrow({ where: { to: tomorrow.owner.email, subject: { contains: "three quick questions" } } });
    expect(mail.text).toContain(`${APP_URL}/appointments/${tomorrow.appointmentId}#health-check`);
    expect(mail.text).not.toMatch(/true|false/);

    // Later runs (and the next day's) mail nobody twice.
    await sendHealthChecks(t.db, { now: utc(9, 20), appUrl: APP_URL });
    expect(await checkMails(tomorrow.owner.email)).toBe(1);
    await sendHealthChecks(t.db, { now: utc(10, 17), appUrl: APP_URL });
    expect(await checkMails(dayAfter.owner.email)).toBe(1);
    expect(await checkMails(tomorrow.owner.email)).toBe(1);
  });

  it("follows the clinic's hour setting and never mails a cancelled or already answered appointment", async () => {
    const therapistId = await therapist(t.db);
    await t.db.clinicSettings.update({ where: { id: 1 }, data: { healthCheckHour: 8 } });
    try {
      const confirmed = await booked(t.db, therapistId, at(14, 9));
      const answered = await booked(t.db, therapistId, at(14, 11));
      const cancelledOne = await booked(t.db, therapistId, at(14, 13));
      await answerHealthCheck(t.db, { user: answered.owner, appointmentId: answered.appointmentId, answers: ALL_NO, appUrl: APP_URL, now: utc(13, 7, 30) });
      await answerHealthCheck(t.db, { user: cancelledOne.owner, appointmentId: cancelledOne.appointmentId, answers: FEVER, appUrl: APP_URL, now: utc(13, 7, 30) });
      expect(await sendHealthChecks(t.db, { now: utc(13, 6, 59), appUrl: APP_URL })).toEqual({ mailed: 0, skipped: 0 });
      const run = await sendHealthChecks(t.db, { now: utc(13, 7, 40), appUrl: APP_URL });
      expect(run.mailed).toBe(1);
      expect(await checkMails(confirmed.owner.email)).toBe(1);
      expect(await checkMails(answered.owner.email)).toBe(0);
      expect(await checkMails(cancelledOne.owner.email)).toBe(0);
    } finally {
      await t.db.clinicSettings.update({ where: { id: 1 }, data: { healthCheckHour: 18 } });
    }
  });

  it("sends exactly one mail per appointment when two instances run at once", async () => {
    const therapistId = await therapist(t.db);
    const visits = await Promise.all([at(17, 9), at(17, 11), at(17, 13)].map((start) => booked(t.db, therapistId, start)));
    const runs = await Promise.all([
      sendHealthChecks(t.db, { now: utc(16, 17, 30), appUrl: APP_URL }),
      sendHealthChecks(t.db, { now: utc(16, 17, 30), appUrl: APP_URL }),
    ]);
    expect(runs[0]!.mailed + runs[1]!.mailed).toBe(3);
    for (const visit of visits) expect(await checkMails(visit.owner.email)).toBe(1);
    expect(await t.db.healthCheck.count({ where: { appointmentId: { in: visits.map((v) => v.appointmentId) } } })).toBe(3);
  });
});

describe("answering", () => {
  it("records all no: the appointment stays confirmed, audited; a second, different answer gets the first back", async () => {
    const therapistId = await therapist(t.db);
    const visit = await booked(t.db, therapistId, at(20, 9));
    const first = await answerHealthCheck(t.db, { user: visit.owner, appointmentId: visit.appointmentId, answers: ALL_NO, appUrl: APP_URL, now: utc(19, 18) });
    expect(first).toMatchObject({ status: "CONFIRMED", answers: ALL_NO, recorded: true });
    const again = await answerHealthCheck(t.db, { user: visit.owner, appointmentId: visit.appointmentId, answers: FEVER, appUrl: APP_URL, now: utc(19, 19) });
    expect(again).toMatchObject({ status: "CONFIRMED", answers: ALL_NO, answeredAt: utc(19, 18), recorded: false });
    expect((await t.db.appointment.findUniqueOrThrow({ where: { id: visit.appointmentId } })).status).toBe("CONFIRMED");
    const audits = await t.db.auditEntry.findMany({ where: { entityId: visit.appointmentId, action: "health_check.answered" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toMatchObject({ ...ALL_NO, outcome: "confirmed" });
  });

  it("two answers at once: exactly one is recorded, both callers get it", async () => {
    const therapistId = await therapist(t.db);
    const visit = await booked(t.db, therapistId, at(21, 9));
    const request = (answers: typeof ALL_NO) =>
      answerHealthCheck(t.db, { user: visit.owner, appointmentId: visit.appointmentId, answers, appUrl: APP_URL, now: utc(20, 18) });
    const [a, b] = await Promise.all([request(ALL_NO), request(FEVER)]);
    expect(a.answers).toEqual(b.answers);
    expect([a.recorded, b.recorded].toSorted()).toEqual([false, true]);
    expect(await t.db.auditEntry.count({ where: { entityId: visit.appointmentId, action: "health_check.answered" } })).toBe(1);
  });

  it("a yes inside the cancellation notice cancels without charge, frees the time for the waitlist and mails patient and therapist", async () => {
    const therapistId = await therapist(t.db);
    const therapistUser = await t.db.therapist.findUniqueOrThrow({ where: { id: therapistId }, include: { user: true } });
    const waiting = await patient(t.db);
    await join(t.db, waiting, 24, utc(1, 7));
    const visit = await booked(t.db, therapistId, at(24, 9));
    const answeredAt = utc(23, 18); // 15 hours before: inside the 24-hour notice, where a patient cannot cancel
    await expect(
      cancelAppointment(t.db, { user: visit.owner, appointmentId: visit.appointmentId, appUrl: APP_URL, now: answeredAt }),
    ).rejects.toMatchObject({ code: "too_late" });

    const outcome = await answerHealthCheck(t.db, { user: visit.owner, appointmentId: visit.appointmentId, answers: FEVER, appUrl: APP_URL, now: answeredAt });
    expect(outcome).toMatchObject({ status: "CANCELLED", answers: FEVER, recorded: true });
    const appointment = await t.db.appointment.findUniqueOrThrow({ where: { id: visit.appointmentId } });
    expect(appointment).toMatchObject({ status: "CANCELLED", cancelReason: HEALTH_CHECK_CANCEL_REASON });
    const cancelAudit = await t.db.auditEntry.findFirstOrThrow({ where: { entityId: visit.appointmentId, action: "appointment.cancelled" } });
    expect(cancelAudit).toMatchObject({ actorId: visit.owner.id, fromState: "CONFIRMED", toState: "CANCELLED" });
    expect(cancelAudit.details).toMatchObject({ cause: "health-check", noticeWaived: true, lateCancellation: false });
    expect(await t.db.auditEntry.count({ where: { entityId: visit.appointmentId, action: "health_check.answered" } })).toBe(1);

    expect(await t.db.outboxMessage.count({ where: { to: visit.owner.email, subject: { startsWith: "Appointment cancelled" } } })).toBe(1);
    const toTherapist = await t.db.outboxMessage.findFirstOrThrow({ where: { to: therapistUser.user.email, subject: { startsWith: "Cancelled after the health check" } } });
    expect(toTherapist.text).not.toMatch(/fever/i);

    // The freed-slot path: recorded in the cancelling transaction, offered by the waitlist job.
    expect(await t.db.freedSlot.count({ where: { appointmentId: visit.appointmentId } })).toBe(1);
    await runWaitlist(t.db, { now: answeredAt, appUrl: APP_URL });
    const offers = await liveOffers(t.db, therapistId);
    expect(offers.map((offer) => offer.entry.patientId)).toEqual([waiting.id]);

    // Answering again gives the first answer back and changes nothing.
    const again = await answerHealthCheck(t.db, { user: visit.owner, appointmentId: visit.appointmentId, answers: ALL_NO, appUrl: APP_URL, now: utc(23, 19) });
    expect(again).toMatchObject({ status: "CANCELLED", answers: FEVER, recorded: false });
  });

  it("is 409 before the check opens, once the appointment started, and for an appointment that is not confirmed", async () => {
    const therapistId = await therapist(t.db);
    const visit = await booked(t.db, therapistId, at(27, 9));
    const answer = (now: Date, appointmentId = visit.appointmentId) =>
      answerHealthCheck(t.db, { user: visit.owner, appointmentId, answers: ALL_NO, appUrl: APP_URL, now });
    await expect(answer(utc(26, 16, 59))).rejects.toMatchObject({ status: 409, code: "not_answerable" });
    await expect(answer(utc(27, 9))).rejects.toBeInstanceOf(ConflictError);
    const other = await booked(t.db, therapistId, at(28, 9), visit.owner);
    await cancelAppointment(t.db, { user: visit.owner, appointmentId: other.appointmentId, appUrl: APP_URL, now: NOW });
    await expect(answer(utc(27, 18), other.appointmentId)).rejects.toMatchObject({ status: 409, code: "not_answerable" });
    expect(await t.db.healthCheck.count({ where: { appointmentId: { in: [visit.appointmentId, other.appointmentId] } } })).toBe(0);
  });

  it("only the patient answers: another patient 404, its therapist, the addressed physician and an admin 403", async () => {
    const therapistId = await therapist(t.db);
    const visit = await booked(t.db, therapistId, at(29, 9));
    const therapistRow = await t.db.therapist.findUniqueOrThrow({ where: { id: therapistId } });
    const physicianUser = await quickUser(t.db, "PHYSICIAN");
    const physician = await t.db.physician.create({ data: { userId: physicianUser.id, specialty: "General practice", licenseNumber: "MD-HC" } });
    await t.db.clearanceRequest.create({
      data: { appointmentId: visit.appointmentId, patientId: visit.owner.id, physicianId: physician.id, conditions: ["diabetes"], holdUntil: at(28, 9), status: "APPROVED" },
    });
    const answerAs = (user: { id: string; role: "PATIENT" | "THERAPIST" | "PHYSICIAN" | "ADMIN" }) =>
      answerHealthCheck(t.db, { user, appointmentId: visit.appointmentId, answers: FEVER, appUrl: APP_URL, now: utc(28, 18) });
    await expect(answerAs(await patient(t.db))).rejects.toMatchObject({ status: 404 });
    await expect(answerAs({ id: therapistRow.userId, role: "THERAPIST" })).rejects.toMatchObject({ status: 403 });
    await expect(answerAs(physicianUser)).rejects.toMatchObject({ status: 403 });
    await expect(answerAs(await quickUser(t.db, "ADMIN"))).rejects.toMatchObject({ status: 403 });
    expect((await t.db.appointment.findUniqueOrThrow({ where: { id: visit.appointmentId } })).status).toBe("CONFIRMED");
    await expect(answerAs(visit.owner)).resolves.toMatchObject({ status: "CANCELLED" });
  });
});
