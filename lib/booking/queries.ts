// Appointments as each role may see them. Authorisation is the query itself:
// a record outside the caller's scope is simply not found.
import type { CurrentUser } from "@/lib/auth/guards";
import type { DbClient } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MASSAGE_TYPES } from "@/lib/catalogue/massage-types";
import { NotFoundError } from "@/lib/errors";
import { screenIntake } from "@/lib/screening/screen";

type Viewer = Pick<CurrentUser, "id" | "role">;

/** Who may see an appointment (and its intake): its patient, its therapist, the physician its clearance is addressed to, admins. */
export function appointmentScope(viewer: Viewer): Prisma.AppointmentWhereInput {
  switch (viewer.role) {
    case "PATIENT":
      return { patientId: viewer.id };
    case "THERAPIST":
      return { therapist: { userId: viewer.id } };
    case "PHYSICIAN":
      return { clearance: { physician: { userId: viewer.id } } };
    case "ADMIN":
      return {};
  }
}

/** The intake fields its readers (therapist, physician, patient, admin) see. */
export const intakeSelect = {
  painOnset: true,
  painAreas: true,
  painLevel: true,
  fever: true,
  contagiousIllness: true,
  acuteInjury: true,
  cardiovascular: true,
  cancer: true,
  diabetes: true,
  osteoporosis: true,
  otherSerious: true,
  notes: true,
} satisfies Prisma.IntakeSelect;

const appointmentSelect = {
  id: true,
  status: true,
  startsAt: true,
  endsAt: true,
  cancelReason: true,
  createdAt: true,
  rescheduledFromId: true,
  restrictionId: true,
  massageType: { select: { slug: true, name: true } },
  therapist: { select: { id: true, user: { select: { name: true } } } },
  patient: { select: { id: true, name: true } },
  clearance: {
    select: {
      id: true,
      status: true,
      holdUntil: true,
      physician: { select: { id: true, user: { select: { name: true } } } },
    },
  },
  intake: { select: intakeSelect },
  restriction: { select: { text: true, excludedMassageTypes: true, maxDurationMinutes: true, validUntil: true } },
} satisfies Prisma.AppointmentSelect;

export type AppointmentRecord = Prisma.AppointmentGetPayload<{ select: typeof appointmentSelect }>;

export async function listAppointments(db: DbClient, viewer: Viewer, options: { take?: number } = {}) {
  return db.appointment.findMany({
    where: appointmentScope(viewer),
    orderBy: { startsAt: "asc" },
    take: options.take ?? 500,
    select: appointmentSelect,
  });
}

export async function getAppointment(db: DbClient, viewer: Viewer, id: string): Promise<AppointmentRecord> {
  const appointment = await db.appointment.findFirst({ where: { AND: [{ id }, appointmentScope(viewer)] }, select: appointmentSelect });
  if (!appointment) throw new NotFoundError("No such appointment.");
  return appointment;
}

/** The API's shape of an appointment (DESIGN.md): times in UTC, statuses in lower case. */
export function appointmentJson(appointment: AppointmentRecord) {
  const intake = appointment.intake;
  return {
    id: appointment.id,
    status: appointment.status.toLowerCase().replace("_", "-"),
    start: appointment.startsAt.toISOString(),
    end: appointment.endsAt.toISOString(),
    massageType: appointment.massageType,
    therapist: { id: appointment.therapist.id, name: appointment.therapist.user.name },
    patient: appointment.patient,
    cancelReason: appointment.cancelReason,
    rescheduledFromId: appointment.rescheduledFromId,
    clearance: appointment.clearance
      ? {
          id: appointment.clearance.id,
          status: appointment.clearance.status.toLowerCase(),
          holdUntil: appointment.clearance.holdUntil.toISOString(),
          physician: { id: appointment.clearance.physician.id, name: appointment.clearance.physician.user.name },
        }
      : null,
    intake: intake ? intakeSummary(intake) : null,
    restrictions: appointment.restriction
      ? { ...appointment.restriction, validUntil: appointment.restriction.validUntil.toISOString() }
      : null,
  };
}

/** The intake as the therapist reads it before the session: answers plus the flags screening raised. */
export function intakeSummary(intake: NonNullable<AppointmentRecord["intake"]>) {
  const screening = screenIntake({
    painOnset: intake.painOnset === "RECENT" ? "recent" : "chronic",
    painAreas: intake.painAreas as never,
    painLevel: intake.painLevel,
    symptoms: { fever: intake.fever, contagiousIllness: intake.contagiousIllness, acuteInjury: intake.acuteInjury },
    conditions: {
      cardiovascular: intake.cardiovascular,
      cancer: intake.cancer,
      diabetes: intake.diabetes,
      osteoporosis: intake.osteoporosis,
      otherSerious: intake.otherSerious ?? undefined,
    },
    notes: intake.notes ?? undefined,
  });
  return {
    painOnset: intake.painOnset === "RECENT" ? "recent" : "chronic",
    painAreas: intake.painAreas,
    painLevel: intake.painLevel,
    flags: screening.reasons.map((reason) => ({ key: reason.key, label: reason.label })),
    otherSerious: intake.otherSerious,
    notes: intake.notes,
  };
}

/** A physician's restrictions in one line, as therapists read them before a session. */
export function restrictionWords(restriction: { text: string; excludedMassageTypes: string[]; maxDurationMinutes: number | null }): string {
  const parts = [
    restriction.text.trim(),
    restriction.excludedMassageTypes.length
      ? `no ${restriction.excludedMassageTypes.map((slug) => MASSAGE_TYPES.find((type) => type.slug === slug)?.name.toLowerCase() ?? slug).join(", no ")}`
      : "",
    restriction.maxDurationMinutes ? `at most ${restriction.maxDurationMinutes} minutes` : "",
  ].filter(Boolean);
  return parts.join("; ") || "none";
}
