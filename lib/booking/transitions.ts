// The appointment's life (shared/DESIGN.md). Every status change goes through
// transitionAppointment, inside the caller's transaction: it checks the move is
// allowed, that a held appointment is confirmed only with an approved
// clearance, and writes the audit entry.
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { DbClient } from "@/lib/db/prisma";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";

export const APPOINTMENT_TRANSITIONS: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = {
  HELD: ["CONFIRMED", "CANCELLED"],
  CONFIRMED: ["COMPLETED", "CANCELLED", "NO_SHOW"],
  COMPLETED: [],
  CANCELLED: [],
  NO_SHOW: [],
};

export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return APPOINTMENT_TRANSITIONS[from].includes(to);
}

const words = (status: AppointmentStatus) => status.toLowerCase().replace("_", "-");

export interface TransitionRequest {
  appointmentId: string;
  to: AppointmentStatus;
  actor: AuditActor | null;
  /** Why, in words a person reads: stored on a cancellation and in the audit entry. */
  reason?: string;
  action?: string;
  ipAddress?: string;
}

export async function transitionAppointment(tx: DbClient, request: TransitionRequest) {
  // Lock the row: two transitions of one appointment never interleave.
  const locked = await tx.$queryRaw<Array<{ status: AppointmentStatus }>>`
    SELECT "status"::text AS status FROM "Appointment" WHERE "id" = ${request.appointmentId}::uuid FOR UPDATE`;
  const from = locked[0]?.status;
  if (!from) throw new NotFoundError("No such appointment.");
  if (!canTransition(from, request.to)) {
    throw new ConflictError("invalid_transition", `This appointment is ${words(from)} and cannot become ${words(request.to)}.`);
  }
  if (from === "HELD" && request.to === "CONFIRMED") {
    const clearance = await tx.clearanceRequest.findUnique({
      where: { appointmentId: request.appointmentId },
      select: { status: true },
    });
    if (clearance && clearance.status !== "APPROVED") {
      throw new ConflictError("clearance_required", "This appointment needs an approved physician's clearance first.");
    }
  }
  const appointment = await tx.appointment.update({
    where: { id: request.appointmentId },
    data: { status: request.to, ...(request.to === "CANCELLED" ? { cancelReason: request.reason ?? null } : {}) },
  });
  await writeAudit(tx, {
    actor: request.actor,
    action: request.action ?? `appointment.${request.to.toLowerCase()}`,
    entityType: "Appointment",
    entityId: request.appointmentId,
    fromState: from,
    toState: request.to,
    details: request.reason ? { reason: request.reason } : undefined,
    ipAddress: request.ipAddress,
  });
  return appointment;
}
