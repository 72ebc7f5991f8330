// The patient's mails about an appointment, built from what the operation has
// just written (its calendar identity and revision included) and queued in
// the same transaction. Mails never carry health details: see lib/mail/templates.ts.
import { queryAll, type DbClient } from "@/lib/db/prisma";
import { getEnv } from "@/lib/env";
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
  type ApprovalLimits,
  type BookingMismatch,
} from "@/lib/mail/templates";
import type { OutgoingMail } from "@/lib/mail/types";
import { getClinicSettings } from "@/lib/settings";

export type AppointmentMail =
  | { kind: "confirmed" }
  | { kind: "held"; holdUntil: Date }
  | { kind: "cancelled"; reason?: string }
  | { kind: "rescheduled"; previousStart: Date; previousMassageTypeName?: string }
  | { kind: "clearance-approved"; restrictions?: readonly ApprovalLimits[] }
  | { kind: "needs-change"; holdUntil: Date; mismatch: BookingMismatch[] }
  | { kind: "clearance-declined" }
  | { kind: "hold-ended"; why: "no-clearance" | "not-changed" };

/** The clinic's own address, the organizer of every calendar entry: MAIL_FROM's mailbox. */
export function clinicEmail(): string {
  const from = getEnv().MAIL_FROM;
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

export function renderAppointmentMail(input: AppointmentMailInput, mail: AppointmentMail): OutgoingMail {
  switch (mail.kind) {
    case "confirmed":
      return bookingConfirmedMail(input);
    case "held":
      return bookingHeldMail({ ...input, holdUntil: mail.holdUntil });
    case "cancelled":
      return bookingCancelledMail({ ...input, reason: mail.reason });
    case "rescheduled":
      return bookingRescheduledMail({ ...input, previousStart: mail.previousStart, previousMassageTypeName: mail.previousMassageTypeName });
    case "clearance-approved":
      return clearanceApprovedMail({ ...input, restrictions: mail.restrictions ?? [] });
    case "needs-change":
      return clearanceNeedsChangeMail({ ...input, holdUntil: mail.holdUntil, mismatch: mail.mismatch });
    case "clearance-declined":
      return clearanceDeclinedMail(input);
    case "hold-ended":
      return holdEndedMail({ ...input, why: mail.why });
  }
}

/** What the mail needs, read back from the appointment as it stands in this transaction. */
export async function appointmentMailInput(tx: DbClient, appointmentId: string, appUrl: string, now: Date): Promise<AppointmentMailInput> {
  const [appointment, settings] = await queryAll(tx, [
    () =>
      tx.appointment.findUniqueOrThrow({
        where: { id: appointmentId },
        select: {
          id: true,
          seriesId: true,
          sequence: true,
          startsAt: true,
          endsAt: true,
          patient: { select: { name: true, email: true } },
          therapist: { select: { user: { select: { name: true } } } },
          massageType: { select: { name: true } },
        },
      }),
    () => getClinicSettings(tx),
  ]);
  return {
    appointmentId: appointment.id,
    seriesId: appointment.seriesId,
    sequence: appointment.sequence,
    patientName: appointment.patient.name,
    patientEmail: appointment.patient.email,
    therapistName: appointment.therapist.user.name,
    massageTypeName: appointment.massageType.name,
    start: appointment.startsAt,
    end: appointment.endsAt,
    timeZone: settings.timeZone,
    clinicName: settings.clinicName,
    cancellationNoticeHours: settings.cancellationNoticeHours,
    clinicEmail: clinicEmail(),
    appUrl,
    stamp: now,
  };
}

export async function queueAppointmentMail(tx: DbClient, appointmentId: string, appUrl: string, now: Date, mail: AppointmentMail) {
  await enqueueMail(tx, renderAppointmentMail(await appointmentMailInput(tx, appointmentId, appUrl, now), mail));
}
