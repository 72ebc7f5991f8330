// Change: another time, massage type or length, with the same therapist. One
// transaction after the patient's and the therapist's locks: the old
// appointment is cancelled ("Rescheduled") and the new one inserted, so a
// refused change leaves the original untouched. The new appointment keeps the
// chain's calendar identity (one UID, a higher SEQUENCE), takes over the
// intake and any open clearance request, and is screened again like a booking:
// coverage at the new time with the patient's record, approvals and
// restrictions. A change that leaves an approval's validity becomes held with
// a clearance request (when the cut-off can still be met) or is refused; one
// that breaks a restriction is refused with what to choose instead. A held
// appointment that the approval rules out is confirmed at once when changed to
// what it allows.
import { randomUUID } from "node:crypto";
import type { AuditInput } from "@/lib/audit";
import type { Db, DbClient } from "@/lib/db/prisma";
import { isExclusionViolation, isRetryableConflict } from "@/lib/db/errors";
import { ValidationError } from "@/lib/errors";
import { formatMoment } from "@/lib/mail/templates";
import { conditionWords } from "@/lib/screening/conditions";
import { loadVisitContext } from "./context";
import { evaluateCoverage, requestedConditions, type Coverage } from "./coverage";
import { findChangeable, assertChangeable, type ChangeRequest, withdrawOpenClearance } from "./cancel";
import { lastValidDay, notOffered, restrictionRefusal, SlotTakenError } from "./errors";
import { canHoldForClearance, holdCutoff } from "./holds";
import { lockVisit } from "./locks";
import { appointmentMailInput, renderAppointmentMail } from "./mail";
import { nearestAlternatives, slotFree } from "./slots";
import { durationOf } from "./standing";
import { transitionAppointment } from "./transitions";
import { insertAppointmentSql } from "./writes";

export interface ChangeAppointmentRequest extends ChangeRequest {
  start: Date;
  massageType?: string;
  duration?: number;
  /** Who a new clearance request goes to, when the change needs one; else the patient's last physician. */
  physicianId?: string;
  /** Why (the clinic moving it on a patient's behalf): kept in both audit entries. */
  reason?: string;
}

const MAX_ATTEMPTS = 3;
const OPEN = new Set(["AWAITING_DOCUMENT", "UNDER_REVIEW"]);

export async function changeAppointment(db: Db, request: ChangeAppointmentRequest): Promise<{ id: string }> {
  const now = request.now ?? new Date();
  const original = await findChangeable(db, request.user, request.appointmentId);
  const visit = {
    therapistId: original.therapistId,
    massageType: request.massageType ?? original.massageTypeSlug,
    duration: request.duration ?? durationOf(original),
    start: request.start,
  };
  const keepsTime = visit.start.getTime() === original.startsAt.getTime();
  if (keepsTime && visit.massageType === original.massageTypeSlug && visit.duration === durationOf(original)) {
    throw new ValidationError("Nothing to change: choose another time, massage type or length.", {
      start: "Choose another time, massage type or length.",
    });
  }
  await assertChangeable(db, request.user, original, now, { keepsTime });
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction((tx) => changeLocked(tx, request, original, visit, keepsTime, now), { maxWait: 10_000, timeout: 20_000 });
    } catch (error) {
      if (error instanceof SlotTakenError || isExclusionViolation(error)) {
        throw new SlotTakenError(await nearestAlternatives(db, visit, now));
      }
      if (isRetryableConflict(error) && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

async function changeLocked(
  tx: DbClient,
  request: ChangeAppointmentRequest,
  original: { id: string; patientId: string; therapistId: string },
  visit: { therapistId: string; massageType: string; duration: number; start: Date },
  keepsTime: boolean,
  now: Date,
): Promise<{ id: string }> {
  await lockVisit(tx, { patientId: original.patientId, therapistId: original.therapistId });
  // Read again under the locks: what the last committed change left.
  const current = await tx.appointment.findUniqueOrThrow({
    where: { id: original.id },
    select: {
      status: true,
      startsAt: true,
      seriesId: true,
      sequence: true,
      massageType: { select: { name: true } },
      clearance: { select: { id: true, status: true, physicianId: true } },
    },
  });
  await assertChangeable(tx, request.user, current, now, { keepsTime });
  const context = await loadVisitContext(tx, {
    patientId: original.patientId,
    therapistId: visit.therapistId,
    massageType: visit.massageType,
    duration: visit.duration,
    start: visit.start,
    physicianId: request.physicianId,
    replacing: original.id,
    now,
  });
  const { settings } = context;
  const coverage = evaluateCoverage(context.coverage, visit);
  if (coverage.mismatches.length) throw restrictionRefusal(coverage.mismatches, visit, settings.timeZone);

  const openClearance = current.clearance && OPEN.has(current.clearance.status) ? current.clearance : null;
  const held = coverage.status === "HELD";
  const holdUntil = holdCutoff(visit.start, settings);
  const physicianId = request.physicianId ?? openClearance?.physicianId ?? context.coverage.lastPhysicianId ?? undefined;
  if (held) {
    if (!canHoldForClearance(visit.start, now, settings)) throw notCoveredThen(coverage, context.coverage.approvals, visit.start, settings);
    if (!physicianId || (request.physicianId && !context.physicianActive)) {
      const message = "Choose the physician who should review your clearance.";
      throw new ValidationError(message, { physicianId: message });
    }
  }
  const verdict = slotFree(context.therapist, settings, { duration: visit.duration, start: visit.start, now, keepsTime });
  if (verdict === "not_offered") throw notOffered();
  if (verdict === "taken") throw new SlotTakenError([]);

  await transitionAppointment(tx, {
    appointmentId: original.id,
    to: "CANCELLED",
    actor: request.user,
    reason: "Rescheduled",
    action: "appointment.rescheduled",
    ipAddress: request.ipAddress,
    now,
    ...(request.reason ? { details: { changeReason: request.reason } } : {}),
  });
  if (!held && openClearance) {
    await withdrawOpenClearance(tx, original.id, request.user, "The changed appointment is covered by an approval", request.ipAddress);
  }

  const id = randomUUID();
  const newClearanceId = held && !openClearance ? randomUUID() : null;
  const requested = requestedConditions(coverage.uncovered);
  const status = held ? "HELD" : "CONFIRMED";
  const audits: AuditInput[] = [
    {
      actor: request.user,
      action: "appointment.created",
      entityType: "Appointment",
      entityId: id,
      toState: status,
      details: {
        rescheduledFrom: original.id,
        ...(request.reason ? { changeReason: request.reason } : {}),
        ...(held ? { clearanceConditions: requested.keys } : coverage.coveredBy.length ? { coveredByClearances: coverage.coveredBy } : {}),
      },
      ipAddress: request.ipAddress,
    },
  ];
  if (newClearanceId) {
    audits.push({
      actor: request.user,
      action: "clearance.requested",
      entityType: "ClearanceRequest",
      entityId: newClearanceId,
      toState: "AWAITING_DOCUMENT",
      details: { appointmentId: id },
      ipAddress: request.ipAddress,
    });
  }
  const end = new Date(visit.start.getTime() + visit.duration * 60_000);
  const sequence = current.sequence + 1;
  const mailInput = {
    ...(await appointmentMailInput(tx, original.id, request.appUrl, now)),
    appointmentId: id,
    sequence,
    start: visit.start,
    end,
    massageTypeName: context.massageTypeName,
  };
  const mail = held
    ? renderAppointmentMail(mailInput, { kind: "held", holdUntil })
    : renderAppointmentMail(mailInput, { kind: "rescheduled", previousStart: current.startsAt, previousMassageTypeName: current.massageType.name });
  await tx.$queryRaw(
    insertAppointmentSql({
      id,
      therapistId: visit.therapistId,
      patientId: original.patientId,
      massageType: visit.massageType,
      start: visit.start,
      end,
      status,
      hold: held ? { reason: "clearance", until: holdUntil } : null,
      seriesId: current.seriesId,
      sequence,
      rescheduledFromId: original.id,
      intake: { kind: "moved", fromAppointmentId: original.id },
      clearance: held
        ? openClearance
          ? { kind: "moved", id: openClearance.id, holdUntil }
          : { kind: "new", id: newClearanceId!, physicianId: physicianId!, conditions: requested.keys, otherSerious: requested.otherSerious, holdUntil }
        : null,
      newConditions: [],
      restrictionIds: coverage.restrictions.map((restriction) => restriction.id),
      mails: [mail],
      clinic: context.settings,
      audits,
    }),
  );
  return { id };
}

/** Too late for a new clearance: say until when the patient is covered, and what they can do. */
function notCoveredThen(
  coverage: Coverage,
  approvals: ReadonlyArray<{ conditions: readonly string[]; validUntil: Date }>,
  start: Date,
  settings: { timeZone: string; holdCutoffHours: number },
): ValidationError {
  const what = coverage.uncovered.map((condition) => conditionWords(condition.key, condition.description)).join(", ");
  const lastCovered = approvals
    .filter((approval) => coverage.uncovered.every((condition) => approval.conditions.includes(condition.key)))
    .map((approval) => approval.validUntil)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  const message = lastCovered
    ? `Your physician's approval for ${what} ends on ${lastValidDay(lastCovered, settings.timeZone)}, before ${formatMoment(start, settings.timeZone)}. Choose a time until then, or one at least ${settings.holdCutoffHours} hours from now so your physician can clear the new time.`
    : `Massage with ${what} needs your physician's clearance first: choose a time at least ${settings.holdCutoffHours} hours from now.`;
  return new ValidationError(message, { start: message });
}
