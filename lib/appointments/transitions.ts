// The appointment's life. Every status change of an existing appointment goes
// through transitionAppointment, inside the caller's transaction: it locks the
// row, checks the move is allowed, guards HELD -> CONFIRMED with the clinic's
// coverage rule (fail closed), keeps the calendar revision, and writes the
// audit entry.
//
//   HELD      -> CONFIRMED (covered and fitting) | CANCELLED (declined, expired, cancelled)
//   CONFIRMED -> HELD (a new restriction it breaks) | COMPLETED | CANCELLED | NO_SHOW
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { DbClient } from "@/lib/db/prisma";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordFreedSlot } from "@/lib/waitlist/freed";
import { standingCoverage } from "./standing";

export const APPOINTMENT_TRANSITIONS: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = {
  HELD: ["CONFIRMED", "CANCELLED"],
  CONFIRMED: ["HELD", "COMPLETED", "CANCELLED", "NO_SHOW"],
  COMPLETED: [],
  CANCELLED: [],
  NO_SHOW: [],
};

export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ["HELD", "CONFIRMED"];

export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return APPOINTMENT_TRANSITIONS[from].includes(to);
}

export const statusWords = (status: AppointmentStatus) => status.toLowerCase().replace("_", "-");

export interface TransitionRequest {
  appointmentId: string;
  to: AppointmentStatus;
  actor: AuditActor | null;
  /** Why, in words a person reads: stored on a cancellation and in the audit entry. */
  reason?: string;
  action?: string;
  ipAddress?: string;
  /** Required for -> HELD: why and until when it is held. */
  hold?: { reason: "clearance" | "restrictions"; until: Date };
  /** The moment of the change (tests pass a frozen clock). */
  now: Date;
  details?: Record<string, Prisma.InputJsonValue>;
}

/** A change the patient's calendar must follow raises the revision: a confirmation (REQUEST) and a cancellation (CANCEL). */
const changesCalendar = (to: AppointmentStatus) => to === "CONFIRMED" || to === "CANCELLED";

export async function transitionAppointment(tx: DbClient, request: TransitionRequest) {
  // Lock the row: two transitions of one appointment never interleave.
  const locked = await tx.$queryRaw<Array<{ status: AppointmentStatus }>>`
    SELECT "status"::text AS status FROM "Appointment" WHERE "id" = ${request.appointmentId}::uuid FOR UPDATE`;
  const from = locked[0]?.status;
  if (!from) throw new NotFoundError("No such appointment.");
  if (!canTransition(from, request.to)) {
    throw new ConflictError("invalid_transition", `This appointment is ${statusWords(from)} and cannot become ${statusWords(request.to)}.`);
  }
  if (request.to === "CONFIRMED") await assertCovered(tx, request.appointmentId, request.now);
  if (request.to === "HELD" && !request.hold) throw new Error("A held appointment needs a hold reason and deadline");

  const appointment = await tx.appointment.update({
    where: { id: request.appointmentId },
    data: {
      status: request.to,
      ...(request.to === "CANCELLED" ? { cancelReason: request.reason ?? null } : {}),
      holdReason: request.to === "HELD" ? request.hold!.reason : null,
      heldUntil: request.to === "HELD" ? request.hold!.until : null,
      ...(changesCalendar(request.to) ? { sequence: { increment: 1 } } : {}),
    },
  });
  // Every way an active appointment ends early frees its time: the waitlist hears of it in this transaction.
  if (request.to === "CANCELLED") await recordFreedSlot(tx, appointment, request.now);
  await writeAudit(tx, {
    actor: request.actor,
    action: request.action ?? `appointment.${request.to.toLowerCase()}`,
    entityType: "Appointment",
    entityId: request.appointmentId,
    fromState: from,
    toState: request.to,
    details: {
      ...(request.reason ? { reason: request.reason } : {}),
      ...(request.hold ? { holdReason: request.hold.reason, heldUntil: request.hold.until.toISOString() } : {}),
      ...request.details,
    },
    ipAddress: request.ipAddress,
  });
  return appointment;
}

/**
 * The guard on HELD -> CONFIRMED, failing closed: every condition on the
 * record and in the intake is cleared by an approval valid at the start, and
 * the appointment fits every restriction in force then.
 */
async function assertCovered(tx: DbClient, appointmentId: string, now: Date): Promise<void> {
  const standing = await standingCoverage(tx, appointmentId, now);
  if (!standing || standing.coverage.status !== "CONFIRMED") {
    const message =
      standing?.coverage.holdReason === "restrictions"
        ? "This appointment does not fit the physician's restrictions; change it first."
        : "This appointment needs an approved physician's clearance first.";
    throw new ConflictError("clearance_required", message);
  }
}

/** A held appointment keeps its status but waits for something else now (its own approval came with restrictions it breaks). */
export async function changeHold(
  tx: DbClient,
  request: { appointmentId: string; hold: { reason: "clearance" | "restrictions"; until: Date }; actor: AuditActor | null; ipAddress?: string },
) {
  const updated = await tx.appointment.updateMany({
    where: { id: request.appointmentId, status: "HELD" },
    data: { holdReason: request.hold.reason, heldUntil: request.hold.until },
  });
  if (updated.count !== 1) throw new ConflictError("invalid_transition", "Only a held appointment can wait for something else.");
  await writeAudit(tx, {
    actor: request.actor,
    action: "appointment.hold_changed",
    entityType: "Appointment",
    entityId: request.appointmentId,
    fromState: "HELD",
    toState: "HELD",
    details: { holdReason: request.hold.reason, heldUntil: request.hold.until.toISOString() },
    ipAddress: request.ipAddress,
  });
}

/** Restrictions in force that an appointment does not carry yet are attached (the therapist sees them). */
export async function attachRestrictions(tx: DbClient, appointmentId: string, restrictionIds: readonly string[]): Promise<number> {
  if (restrictionIds.length === 0) return 0;
  const created = await tx.appointmentRestriction.createMany({
    data: restrictionIds.map((restrictionId) => ({ appointmentId, restrictionId })),
    skipDuplicates: true,
  });
  return created.count;
}
