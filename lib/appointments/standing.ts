// Coverage of appointments that already exist, from the patient's record,
// approvals and restrictions as they stand now. Every intake's serious
// conditions joined the record when it was booked, so the record is the whole
// story for an appointment already made; and a condition staff mark resolved
// stops weighing on it. Read by the guard on HELD -> CONFIRMED and by the
// review of a patient's upcoming appointments after an approval or a
// resolution; both run inside the transaction that acts on the answer.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DbClient } from "@/lib/db/prisma";
import { loadPatientCoverage, type PatientCoverage } from "./context";
import { evaluateCoverage, type Coverage } from "./coverage";

export const standingSelect = {
  id: true,
  patientId: true,
  therapistId: true,
  status: true,
  startsAt: true,
  endsAt: true,
  massageTypeSlug: true,
  holdReason: true,
  heldUntil: true,
  sequence: true,
  seriesId: true,
  clearance: { select: { id: true, status: true, holdUntil: true, physicianId: true } },
  restrictions: { select: { restrictionId: true } },
} satisfies Prisma.AppointmentSelect;

export type StandingAppointment = NonNullable<Awaited<ReturnType<typeof findStanding>>>;

async function findStanding(db: DbClient, id: string) {
  return db.appointment.findUnique({ where: { id }, select: standingSelect });
}

export const durationOf = (appointment: { startsAt: Date; endsAt: Date }) =>
  Math.round((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000);

/** Coverage of one existing appointment, given the patient's coverage. */
export function coverageOf(appointment: StandingAppointment, patient: PatientCoverage): Coverage {
  return evaluateCoverage(patient, { massageType: appointment.massageTypeSlug, duration: durationOf(appointment), start: appointment.startsAt });
}

/** Reads one appointment and its patient's coverage and evaluates it. */
export async function standingCoverage(db: DbClient, appointmentId: string, now: Date) {
  const appointment = await findStanding(db, appointmentId);
  if (!appointment) return null;
  const patient = await loadPatientCoverage(db, appointment.patientId, now);
  return { appointment, patient, coverage: coverageOf(appointment, patient) };
}

/** The patient's upcoming active appointments (start after `now`), locked by the caller beforehand or not at all. */
export async function upcomingStanding(db: DbClient, patientId: string, now: Date) {
  return db.appointment.findMany({
    where: { patientId, status: { in: ["HELD", "CONFIRMED"] }, startsAt: { gt: now } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: standingSelect,
  });
}
