// Loads what an appointment mail needs, and queues it in the caller's
// transaction. Mails never carry health details: see lib/mail/templates.ts.
import { queryAll, type DbClient } from "@/lib/db/prisma";
import { enqueueMail } from "@/lib/mail/outbox";
import {
  bookingCancelledMail,
  bookingConfirmedMail,
  bookingHeldMail,
  bookingRescheduledMail,
  clearanceApprovedMail,
  clearanceDeclinedMail,
  clearanceNeedsChangeMail,
  holdEndedMail,
  type AppointmentMailInput,
  type BookingMismatch,
} from "@/lib/mail/templates";
import { getClinicSettings } from "@/lib/settings";

export async function appointmentMailInput(tx: DbClient, appointmentId: string, appUrl: string): Promise<AppointmentMailInput> {
  const [appointment, settings, changes] = await queryAll(tx, [
    () => tx.appointment.findUniqueOrThrow({
      where: { id: appointmentId },
      select: {
        id: true,
        startsAt: true,
        endsAt: true,
        patient: { select: { name: true, email: true } },
        therapist: { select: { user: { select: { name: true } } } },
        massageType: { select: { name: true } },
      },
    }),
    () => getClinicSettings(tx),
    () => tx.auditEntry.count({ where: { entityType: "Appointment", entityId: appointmentId } }),
  ]);
  return {
    appointmentId: appointment.id,
    patientName: appointment.patient.name,
    patientEmail: appointment.patient.email,
    therapistName: appointment.therapist.user.name,
    massageTypeName: appointment.massageType.name,
    start: appointment.startsAt,
    end: appointment.endsAt,
    timeZone: settings.timeZone,
    clinicName: settings.clinicName,
    appUrl,
    // Each recorded change raises the calendar sequence, so updates replace the old entry.
    sequence: changes,
  };
}

export type AppointmentMail =
  | { kind: "confirmed" }
  | { kind: "held"; holdUntil: Date }
  | { kind: "cancelled"; reason?: string }
  | { kind: "rescheduled"; previousStart: Date }
  | { kind: "clearance-approved" }
  | { kind: "clearance-needs-change"; holdUntil: Date; mismatch: BookingMismatch[] }
  | { kind: "clearance-declined" }
  | { kind: "hold-ended"; why: "no-clearance" | "not-changed" };

export async function queueAppointmentMail(tx: DbClient, appointmentId: string, appUrl: string, mail: AppointmentMail) {
  const input = await appointmentMailInput(tx, appointmentId, appUrl);
  switch (mail.kind) {
    case "confirmed":
      return enqueueMail(tx, bookingConfirmedMail(input));
    case "held":
      return enqueueMail(tx, bookingHeldMail({ ...input, holdUntil: mail.holdUntil }));
    case "cancelled":
      return enqueueMail(tx, bookingCancelledMail({ ...input, reason: mail.reason }));
    case "rescheduled":
      return enqueueMail(tx, bookingRescheduledMail({ ...input, previousStart: mail.previousStart }));
    case "clearance-approved":
      return enqueueMail(tx, clearanceApprovedMail(input));
    case "clearance-needs-change":
      return enqueueMail(tx, clearanceNeedsChangeMail({ ...input, holdUntil: mail.holdUntil, mismatch: mail.mismatch }));
    case "clearance-declined":
      return enqueueMail(tx, clearanceDeclinedMail(input));
    case "hold-ended":
      return enqueueMail(tx, holdEndedMail({ ...input, why: mail.why }));
  }
}
