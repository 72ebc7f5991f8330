// Builders for the waitlist's tests: a therapist of its own per test, a booking to cancel, patients who join.
import { bookAppointment, cancelAppointment } from "@/lib/appointments";
import type { Db } from "@/lib/db/prisma";
import { intake, NOW, quickUser, type Conditions, type TestUser } from "@/lib/clearance/testing";
import { ensureClinicSettings } from "@/lib/seed/factories";
import { bookingSchema } from "@/lib/validation/booking";
import { waitlistClaimSchema, waitlistJoinSchema, type WaitlistJoinInput } from "@/lib/validation/waitlist";
import { createTherapist } from "@/test/fixtures";
import { joinWaitlist } from "./entries";

export { NOW };
export const APP_URL = "http://clinic.test";
const EVERY_DAY: Array<[number, string, string]> = [1, 2, 3, 4, 5, 6, 7].map((d) => [d, "08:00", "20:00"]);

/** `day` of December 2026 at `hourUtc`:00 UTC (the clinic's clock, Amsterdam, is UTC+1). */
export const at = (day: number, hourUtc = 9) => new Date(Date.UTC(2026, 11, day, hourUtc));
export const dayOf = (day: number) => `2026-12-${String(day).padStart(2, "0")}`;
export const minutes = (n: number) => n * 60_000;

export async function therapist(db: Db) {
  await ensureClinicSettings(db);
  const made = await createTherapist(db, { hours: EVERY_DAY });
  return made.id;
}

export const patient = (db: Db, name?: string) => quickUser(db, "PATIENT", name);

/** A confirmed 60-minute Swedish massage at `start` for a new patient. */
export async function booked(db: Db, therapistId: string, start: Date, who?: TestUser) {
  const owner = who ?? (await patient(db));
  const result = await bookAppointment(db, {
    patient: owner,
    booking: bookingSchema.parse({ therapistId, massageType: "swedish", duration: 60, start: start.toISOString(), intake: intake() }),
    appUrl: APP_URL,
    now: NOW,
  });
  return { appointmentId: result.id, owner };
}

/** The patient cancels through the lifecycle (a freed slot is recorded in the same transaction). */
export async function cancelled(db: Db, therapistId: string, start: Date) {
  const { appointmentId, owner } = await booked(db, therapistId, start);
  await cancelAppointment(db, { user: owner, appointmentId, appUrl: APP_URL, now: NOW });
  return { appointmentId, owner };
}

/** Joins for Swedish 60 minutes on one day of December, at `joinedAt` (the longest waiting is offered first). */
export function join(db: Db, who: TestUser, day: number, joinedAt: Date, overrides: Partial<WaitlistJoinInput> = {}) {
  return joinWaitlist(db, {
    patient: who,
    join: waitlistJoinSchema.parse({ massageType: "swedish", duration: 60, from: dayOf(day), to: dayOf(day), ...overrides }),
    now: joinedAt,
  });
}

export const claimBody = (conditions: Conditions = {}, physicianId?: string) =>
  waitlistClaimSchema.parse({ intake: intake(conditions), ...(physicianId ? { physicianId } : {}) });

export const liveOffers = (db: Db, therapistId: string) =>
  db.waitlistOffer.findMany({ where: { therapistId, status: "OFFERED" }, include: { entry: true } });
