// Cancelling and rescheduling: what a patient may do before the clinic's
// cancellation notice, and what clinic staff may do at any time.
import { writeAudit, type AuditActor } from "@/lib/audit";
import { transitionClearance } from "@/lib/clearance/transitions";
import type { Db, DbClient } from "@/lib/db/prisma";
import { isExclusionViolation } from "@/lib/db/errors";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { MASSAGE_TYPE_SLUGS, type MassageTypeSlug } from "@/lib/catalogue/massage-types";
import { getClinicSettings } from "@/lib/settings";
import { explainStart } from "./availability";
import { lockTherapist, nearestAlternatives, SlotTakenError } from "./book";
import { queueAppointmentMail } from "./mail";
import { getAppointment, type AppointmentRecord } from "./queries";
import { transitionAppointment } from "./transitions";

export interface ChangeRequest {
  user: AuditActor;
  appointmentId: string;
  appUrl: string;
  now?: Date;
  ipAddress?: string;
}

const ACTIVE = new Set(["HELD", "CONFIRMED"]);

function massageTypeSlug(appointment: AppointmentRecord): MassageTypeSlug {
  const slug = MASSAGE_TYPE_SLUGS.find((known) => known === appointment.massageType.slug);
  if (!slug) throw new Error(`Unknown massage type ${appointment.massageType.slug}`);
  return slug;
}

/** Loads the appointment as the user sees it, and checks they may change it now. */
async function loadChangeable(db: DbClient, request: ChangeRequest, verb: "cancel" | "move"): Promise<AppointmentRecord> {
  const appointment = await getAppointment(db, request.user, request.appointmentId);
  if (request.user.role !== "PATIENT" && request.user.role !== "ADMIN") {
    throw new ForbiddenError(`Only the patient or the clinic can ${verb} an appointment.`);
  }
  if (!ACTIVE.has(appointment.status)) {
    throw new ConflictError("not_changeable", `This appointment is ${appointment.status.toLowerCase().replace("_", "-")}; it cannot be changed.`);
  }
  const now = request.now ?? new Date();
  if (appointment.startsAt <= now) {
    throw new ConflictError("not_changeable", "This appointment has already started.");
  }
  if (request.user.role === "PATIENT") {
    const { cancellationNoticeHours } = await getClinicSettings(db);
    if (appointment.startsAt.getTime() - now.getTime() < cancellationNoticeHours * 3_600_000) {
      throw new ConflictError(
        "too_late",
        `Appointments can be changed online until ${cancellationNoticeHours} hours before they start. Please call the clinic.`,
      );
    }
  }
  return appointment;
}

export async function cancelAppointment(db: Db, request: ChangeRequest & { reason?: string }) {
  await loadChangeable(db, request, "cancel");
  const reason = request.reason ?? (request.user.role === "PATIENT" ? "Cancelled by the patient" : "Cancelled by the clinic");
  return db.$transaction(async (tx) => {
    const appointment = await transitionAppointment(tx, {
      appointmentId: request.appointmentId,
      to: "CANCELLED",
      actor: request.user,
      reason,
      ipAddress: request.ipAddress,
    });
    await closeOpenClearance(tx, request.appointmentId, request.user, request.ipAddress);
    await queueAppointmentMail(tx, request.appointmentId, request.appUrl, { kind: "cancelled", reason });
    return appointment;
  });
}

/** A clearance nobody needs any more leaves the physician's queue. */
async function closeOpenClearance(tx: DbClient, appointmentId: string, actor: AuditActor, ipAddress?: string) {
  const clearance = await tx.clearanceRequest.findUnique({ where: { appointmentId }, select: { id: true, status: true } });
  if (!clearance || (clearance.status !== "AWAITING_DOCUMENT" && clearance.status !== "UNDER_REVIEW")) return;
  await transitionClearance(tx, {
    clearanceId: clearance.id,
    to: "EXPIRED",
    actor,
    action: "clearance.withdrawn",
    reason: "The appointment was cancelled",
    ipAddress,
  });
}

/**
 * Moves an appointment to another free time with the same therapist, atomically:
 * the old one is cancelled and the new one created in one transaction, so a
 * taken slot leaves the original untouched. The new appointment points back to
 * the old one (history kept) and takes over its intake and clearance.
 */
export async function rescheduleAppointment(db: Db, request: ChangeRequest & { start: Date }) {
  const original = await loadChangeable(db, request, "move");
  const now = request.now ?? new Date();
  const duration = (original.endsAt.getTime() - original.startsAt.getTime()) / 60_000;
  const end = new Date(request.start.getTime() + duration * 60_000);
  const { holdCutoffHours } = await getClinicSettings(db);
  const holdUntil = new Date(request.start.getTime() - holdCutoffHours * 3_600_000);
  if (original.status === "HELD" && holdUntil <= now) {
    const message = `Your physician needs time to clear this massage: choose a time at least ${holdCutoffHours} hours from now.`;
    throw new ValidationError(message, { start: message });
  }
  try {
    return await db.$transaction(
      async (tx) => {
        await lockTherapist(tx, original.therapist.id);
        await transitionAppointment(tx, {
          appointmentId: original.id,
          to: "CANCELLED",
          actor: request.user,
          reason: "Rescheduled",
          action: "appointment.rescheduled",
          ipAddress: request.ipAddress,
        });
        const verdict = await explainStart(tx, {
          therapistId: original.therapist.id,
          massageType: original.massageType.slug,
          duration,
          start: request.start,
          now,
        });
        if (verdict === "not_offered") {
          throw new ValidationError("This time cannot be booked.", { start: "Choose one of the times offered." });
        }
        if (verdict === "taken") throw new SlotTakenError([]);
        const moved = await tx.appointment.create({
          data: {
            therapistId: original.therapist.id,
            patientId: original.patient.id,
            massageTypeSlug: original.massageType.slug,
            startsAt: request.start,
            endsAt: end,
            status: original.status,
            rescheduledFromId: original.id,
            // The physician's restrictions stay with the patient's appointment wherever it moves.
            restrictionId: original.restrictionId,
          },
          select: { id: true },
        });
        await tx.intake.updateMany({ where: { appointmentId: original.id }, data: { appointmentId: moved.id } });
        if (original.clearance) {
          await tx.clearanceRequest.update({
            where: { id: original.clearance.id },
            data: { appointmentId: moved.id, holdUntil },
          });
        }
        await writeAudit(tx, {
          actor: request.user,
          action: "appointment.created",
          entityType: "Appointment",
          entityId: moved.id,
          toState: original.status,
          details: { rescheduledFrom: original.id },
          ipAddress: request.ipAddress,
        });
        await queueAppointmentMail(tx, moved.id, request.appUrl, { kind: "rescheduled", previousStart: original.startsAt });
        return getAppointment(tx, request.user, moved.id);
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
  } catch (error) {
    if (error instanceof SlotTakenError || isExclusionViolation(error)) {
      const slot = { therapistId: original.therapist.id, massageType: massageTypeSlug(original), duration, start: request.start };
      throw new SlotTakenError(await nearestAlternatives(db, slot, now));
    }
    throw error;
  }
}
