// Cancel: by the patient (before the clinic's cancellation notice), by the
// clinic (at any time before the start, with a reason), and from the other
// operations that end a hold (a declined clearance, the hold's cut-off). The
// slot is free the moment the transaction commits (the exclusion constraint
// only counts held and confirmed appointments).
import type { AuditActor } from "@/lib/audit";
import { transitionClearance } from "@/lib/clearance/transitions";
import type { Db, DbClient } from "@/lib/db/prisma";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { appointmentScope } from "@/lib/booking/queries";
import { getClinicSettings } from "@/lib/settings";
import { changeDeadline, formatDeadline, patientMayChange } from "./deadlines";
import { queueAppointmentMail, type AppointmentMail } from "./mail";
import { ACTIVE_STATUSES, statusWords, transitionAppointment } from "./transitions";

export interface ChangeActor extends AuditActor {
  role: Role;
}

export interface ChangeRequest {
  user: ChangeActor;
  appointmentId: string;
  appUrl: string;
  now?: Date;
  ipAddress?: string;
}

/** Who may see and change: the patient their own, the clinic any. Anyone else: as if it did not exist. */
export async function findChangeable(db: DbClient, user: ChangeActor, appointmentId: string) {
  const appointment = await db.appointment.findFirst({
    where: { AND: [{ id: appointmentId }, appointmentScope(user)] },
    select: { id: true, status: true, startsAt: true, endsAt: true, patientId: true, therapistId: true, massageTypeSlug: true },
  });
  if (!appointment) throw new NotFoundError("No such appointment.");
  // Its therapist or the physician clearing it may see it, but not change it.
  if (user.role !== "PATIENT" && user.role !== "ADMIN") throw new ForbiddenError("Only the patient or the clinic can change an appointment.");
  return appointment;
}

/** Active and not started; a patient also before the cancellation notice, unless `keepsTime` (a type or length change). */
export async function assertChangeable(
  db: DbClient,
  user: ChangeActor,
  appointment: { status: string; startsAt: Date },
  now: Date,
  options: { keepsTime?: boolean } = {},
): Promise<void> {
  if (!(ACTIVE_STATUSES as readonly string[]).includes(appointment.status)) {
    throw new ConflictError("not_changeable", `This appointment is ${statusWords(appointment.status as never)}; it cannot be changed.`);
  }
  if (appointment.startsAt <= now) throw new ConflictError("not_changeable", "This appointment has already started.");
  if (user.role === "PATIENT" && !options.keepsTime) {
    const settings = await getClinicSettings(db);
    if (!patientMayChange(appointment.startsAt, now, settings)) {
      const contact = settings.phone ? ` on ${settings.phone}` : "";
      throw new ConflictError(
        "too_late",
        `This appointment could be changed online until ${formatDeadline(changeDeadline(appointment.startsAt, settings), settings.timeZone)} (${settings.timeZone} time), ${settings.cancellationNoticeHours} hours before it starts. Please call the clinic${contact}.`,
      );
    }
  }
}

export async function cancelAppointment(db: Db, request: ChangeRequest & { reason?: string }) {
  const now = request.now ?? new Date();
  const appointment = await findChangeable(db, request.user, request.appointmentId);
  await assertChangeable(db, request.user, appointment, now);
  const reason = request.reason?.trim() || (request.user.role === "PATIENT" ? "Cancelled by the patient" : "Cancelled by the clinic");
  return db.$transaction((tx) =>
    cancelInTransaction(tx, {
      appointmentId: request.appointmentId,
      actor: request.user,
      reason,
      mail: { kind: "cancelled", reason },
      appUrl: request.appUrl,
      now,
      ipAddress: request.ipAddress,
    }),
  );
}

export interface CancelInTransaction {
  appointmentId: string;
  actor: AuditActor | null;
  reason: string;
  /** The audit action, when the cancellation has a name of its own (a hold that ended). */
  action?: string;
  mail: AppointmentMail;
  appUrl: string;
  now: Date;
  ipAddress?: string;
  /** More for the audit entry (why the cancellation notice did not apply, say). */
  details?: Record<string, Prisma.InputJsonValue>;
}

/** Cancels inside the caller's transaction: the appointment, its open clearance request (nobody needs it now), the mail. */
export async function cancelInTransaction(tx: DbClient, request: CancelInTransaction) {
  const appointment = await transitionAppointment(tx, {
    appointmentId: request.appointmentId,
    to: "CANCELLED",
    actor: request.actor,
    reason: request.reason,
    action: request.action,
    ipAddress: request.ipAddress,
    now: request.now,
    details: request.details,
  });
  await withdrawOpenClearance(tx, request.appointmentId, request.actor, "The appointment was cancelled", request.ipAddress);
  await queueAppointmentMail(tx, request.appointmentId, request.appUrl, request.now, request.mail);
  return appointment;
}

/** A clearance request nobody needs any more leaves the physician's queue. */
export async function withdrawOpenClearance(tx: DbClient, appointmentId: string, actor: AuditActor | null, reason: string, ipAddress?: string) {
  const clearance = await tx.clearanceRequest.findUnique({ where: { appointmentId }, select: { id: true, status: true } });
  if (!clearance || (clearance.status !== "AWAITING_DOCUMENT" && clearance.status !== "UNDER_REVIEW")) return false;
  await transitionClearance(tx, { clearanceId: clearance.id, to: "EXPIRED", actor, action: "clearance.withdrawn", reason, ipAddress });
  return true;
}

export const HEALTH_CHECK_CANCEL_REASON = "Cancelled after the day-before health check, without charge";

/**
 * The day-before health check ruled massage out (lib/health-check/answer.ts): the patient's own cancellation,
 * allowed at any time before the start whatever the cancellation notice, and never a late cancellation. The
 * one place that waives the notice; the freed time goes to the waitlist like any other (transitionAppointment).
 */
export async function cancelAfterHealthCheck(
  tx: DbClient,
  request: { appointmentId: string; actor: AuditActor; appUrl: string; now: Date; ipAddress?: string },
) {
  return cancelInTransaction(tx, {
    ...request,
    reason: HEALTH_CHECK_CANCEL_REASON,
    mail: { kind: "cancelled", reason: HEALTH_CHECK_CANCEL_REASON },
    details: { cause: "health-check", noticeWaived: true, lateCancellation: false },
  });
}
