// A physician decides a clearance request: approve (optionally with
// restrictions and a validity period) or decline with a reason. Everything
// happens in one transaction, with the patient, the appointment and the
// request locked, so a replayed decision or the expiry job racing it sees the
// outcome, never half of it. An approval reaches the patient's whole future
// through the lifecycle's review (lib/appointments/review.ts): restrictions are
// attached to every upcoming appointment, those that break them are held for a
// change, held ones now covered are confirmed.
import type { AuditActor } from "@/lib/audit";
import { cancelInTransaction } from "@/lib/appointments/cancel";
import { lockVisit } from "@/lib/appointments/locks";
import { reviewUpcoming, type ReviewedAppointment } from "@/lib/appointments/review";
import type { Db, DbClient } from "@/lib/db/prisma";
import { isRetryableConflict } from "@/lib/db/errors";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { ClearanceStatus } from "@/lib/generated/prisma/enums";
import { formatMoment } from "@/lib/mail/templates";
import { getClinicSettings } from "@/lib/settings";
import { MAX_VALIDITY_MONTHS, resolveValidUntil, type Decision, type Restrictions } from "@/lib/validation/clearance";
import { clearanceScope } from "./queries";
import type { RestrictionMismatch } from "@/lib/appointments/coverage";
import { transitionClearance } from "./transitions";

export interface DecideRequest {
  /** The signed-in user deciding: only the physician the request is addressed to may. */
  physicianUser: AuditActor;
  clearanceId: string;
  decision: Decision;
  appUrl: string;
  now?: Date;
  ipAddress?: string;
}

export type DecisionOutcome =
  /** Approved; the held appointment is confirmed. */
  | "confirmed"
  /** Approved, but the appointment does not fit the restrictions: it stays held and the patient is asked to change it. */
  | "held_needs_change"
  /** Declined; the held appointment is cancelled and its slot released. */
  | "cancelled"
  /** Decided, but there was no held appointment to act on. */
  | "no_held_appointment";

export interface DecisionResult {
  clearanceId: string;
  status: "APPROVED" | "DECLINED";
  outcome: DecisionOutcome;
  appointmentId: string | null;
  restrictionId: string | null;
  validUntil: Date | null;
  /** Set with held_needs_change: what about the booking breaks the restrictions. */
  mismatch?: RestrictionMismatch[];
  /** Every upcoming appointment of the patient the approval was applied to (empty for a decline). */
  reviewed: ReviewedAppointment[];
}

export const DECLINED_CANCEL_REASON = "Physician's clearance declined";
const MAX_ATTEMPTS = 3;

/** The request moved to another appointment (a reschedule) between reading and locking: start again. */
class MovedWhileLocking extends Error {}

export async function decideClearance(db: Db, request: DecideRequest): Promise<DecisionResult> {
  const now = request.now ?? new Date();
  await assertMayDecide(db, request.physicianUser, request.clearanceId);
  const settings = await getClinicSettings(db);

  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction((tx) => decideLocked(tx, request, now, settings), { maxWait: 10_000, timeout: 20_000 });
    } catch (error) {
      if ((error instanceof MovedWhileLocking || isRetryableConflict(error)) && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

/** Anyone but the addressed physician: 404 as if it did not exist; admins, who may see it, 403. */
export async function assertMayDecide(db: DbClient, user: AuditActor, clearanceId: string): Promise<void> {
  const visible = await db.clearanceRequest.count({ where: { AND: [{ id: clearanceId }, clearanceScope(user)] } });
  if (!visible || user.role === "PATIENT" || user.role === "THERAPIST") throw new NotFoundError("No such clearance request.");
  if (user.role === "ADMIN") throw new ForbiddenError("Only the physician the request is addressed to can decide it.");
}

interface Locked {
  status: ClearanceStatus;
  holdUntil: Date;
  appointmentId: string | null;
  patientId: string;
  physicianId: string;
}

/**
 * Locks the patient, the appointment, then the request: the order every path
 * that changes them takes (lib/appointments/locks.ts), so they queue instead
 * of deadlocking.
 */
async function lockRequest(tx: DbClient, clearanceId: string): Promise<Locked> {
  const before = await tx.clearanceRequest.findUnique({ where: { id: clearanceId }, select: { appointmentId: true, patientId: true } });
  if (!before) throw new NotFoundError("No such clearance request.");
  await lockVisit(tx, { patientId: before.patientId });
  if (before.appointmentId) {
    await tx.$queryRaw`SELECT 1 AS locked FROM "Appointment" WHERE "id" = ${before.appointmentId}::uuid FOR UPDATE`;
  }
  await tx.$queryRaw`SELECT 1 AS locked FROM "ClearanceRequest" WHERE "id" = ${clearanceId}::uuid FOR UPDATE`;
  // Read after the lock: what the last committed change left, and nobody else can change it now.
  const row = await tx.clearanceRequest.findUniqueOrThrow({
    where: { id: clearanceId },
    select: { status: true, holdUntil: true, appointmentId: true, patientId: true, physicianId: true },
  });
  if (row.appointmentId !== before.appointmentId) throw new MovedWhileLocking();
  return row;
}

async function decideLocked(
  tx: DbClient,
  request: DecideRequest,
  now: Date,
  settings: { timeZone: string; clearanceValidityMonths: number; holdCutoffHours: number },
): Promise<DecisionResult> {
  const { clearanceId, decision, physicianUser: actor } = request;
  const locked = await lockRequest(tx, clearanceId);

  if (locked.status === "APPROVED" || locked.status === "DECLINED") {
    throw new ConflictError("already_decided", `This clearance request has already been ${locked.status.toLowerCase()}; a decision cannot be changed.`);
  }
  if (locked.status === "EXPIRED" || locked.holdUntil <= now) {
    throw new ConflictError(
      "expired",
      `This clearance request has expired: the hold ended on ${formatMoment(locked.holdUntil, settings.timeZone)}, so it can no longer be decided. The patient can book again.`,
    );
  }
  const documents = await tx.clearanceDocument.count({ where: { clearanceId } });
  if (documents === 0) {
    throw new ConflictError("no_document", "No clearance document has been uploaded yet: a decision needs one first.");
  }
  if (locked.status === "AWAITING_DOCUMENT") {
    // A document is present (that is what review means) though the upload did not move the request on.
    await transitionClearance(tx, { clearanceId, to: "UNDER_REVIEW", actor, action: "clearance.under_review", ipAddress: request.ipAddress, details: { documents } });
  }

  const appointment = locked.appointmentId
    ? await tx.appointment.findUniqueOrThrow({
        where: { id: locked.appointmentId },
        select: { id: true, status: true, startsAt: true, endsAt: true, massageTypeSlug: true },
      })
    : null;
  const held = appointment?.status === "HELD" ? appointment : null;

  if (decision.decision === "decline") {
    await transitionClearance(tx, {
      clearanceId,
      to: "DECLINED",
      now,
      actor,
      reason: decision.reason,
      ipAddress: request.ipAddress,
      details: held ? { appointmentId: held.id } : undefined,
    });
    if (held) {
      await cancelInTransaction(tx, {
        appointmentId: held.id,
        actor,
        reason: DECLINED_CANCEL_REASON,
        mail: { kind: "clearance-declined" },
        appUrl: request.appUrl,
        now,
        ipAddress: request.ipAddress,
      });
    }
    return {
      clearanceId,
      status: "DECLINED",
      outcome: held ? "cancelled" : "no_held_appointment",
      appointmentId: appointment?.id ?? null,
      restrictionId: null,
      validUntil: null,
      reviewed: [],
    };
  }

  const validUntil = decision.validUntil
    ? resolveValidUntil(decision.validUntil, settings.timeZone)
    : addMonths(now, settings.clearanceValidityMonths);
  if (validUntil <= now) {
    throw new ValidationError("The approval must be valid for some time to come.", { validUntil: "Choose a date in the future." });
  }
  if (validUntil > addMonths(now, MAX_VALIDITY_MONTHS)) {
    const message = `An approval can be valid for at most ${MAX_VALIDITY_MONTHS / 12} years; choose an earlier date.`;
    throw new ValidationError(message, { validUntil: message });
  }
  if (held && validUntil <= held.startsAt) {
    const message = `The approval must be valid on the day of the appointment (${formatMoment(held.startsAt, settings.timeZone)}).`;
    throw new ValidationError(message, { validUntil: message });
  }

  const restrictions = restrictionsGiven(decision.restrictions);
  const summary: Record<string, boolean | number | string[] | null> = restrictions
    ? {
        excludedMassageTypes: restrictions.excludedMassageTypes,
        maxDurationMinutes: restrictions.maxDurationMinutes ?? null,
        // The free text stays on the restriction: the audit log is permanent and should hold as little health detail as it can.
        restrictionNote: Boolean(restrictions.text),
      }
    : { restrictions: false };
  await transitionClearance(tx, {
    clearanceId,
    to: "APPROVED",
    now,
    actor,
    validUntil,
    ipAddress: request.ipAddress,
    details: { validUntil: validUntil.toISOString(), ...summary },
  });
  const restriction = restrictions
    ? await tx.restriction.create({
        data: {
          clearanceId,
          patientId: locked.patientId,
          physicianId: locked.physicianId,
          text: restrictions.text ?? "",
          excludedMassageTypes: restrictions.excludedMassageTypes,
          maxDurationMinutes: restrictions.maxDurationMinutes ?? null,
          validUntil,
        },
        select: { id: true },
      })
    : null;

  const reviewed = await reviewUpcoming(tx, {
    patientId: locked.patientId,
    actor,
    approvedClearanceId: clearanceId,
    settings,
    appUrl: request.appUrl,
    now,
    ipAddress: request.ipAddress,
  });
  const base = { clearanceId, status: "APPROVED" as const, appointmentId: appointment?.id ?? null, restrictionId: restriction?.id ?? null, validUntil, reviewed };
  const own = held ? reviewed.find((entry) => entry.appointmentId === held.id) : undefined;
  if (!own) return { ...base, outcome: "no_held_appointment" };
  if (own.after === "CONFIRMED") return { ...base, outcome: "confirmed" };
  return { ...base, outcome: "held_needs_change", mismatch: [...new Set(own.mismatches.flatMap((entry) => entry.fields))] };
}

/** The restrictions worth a row: null when the physician set none. */
function restrictionsGiven(restrictions: Restrictions | undefined): Restrictions | null {
  if (!restrictions) return null;
  const any = Boolean(restrictions.text) || restrictions.excludedMassageTypes.length > 0 || restrictions.maxDurationMinutes !== undefined;
  return any ? restrictions : null;
}

/** Calendar months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(from: Date, months: number): Date {
  const result = new Date(from.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}
