// The patient's whole future follows a change of what covers them: after an
// approval, a condition newly declared in a booking, or one marked resolved,
// every upcoming held or confirmed appointment is evaluated again in the same
// transaction.
// - Restrictions in force are attached to each (its therapist sees them).
// - One that breaks them becomes held until it is changed ("does not fit Dr
//   X's restrictions") and the patient is told by mail.
// - One that a newly declared condition leaves uncovered becomes held for a
//   clearance, with a request of its own.
// - A held one that is now covered and fits is confirmed, and a clearance
//   request it no longer needs is withdrawn.
// The caller holds the patient's lock.
import { randomUUID } from "node:crypto";
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { DbClient } from "@/lib/db/prisma";
import type { ClinicSettings } from "@/lib/generated/prisma/client";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import { withdrawOpenClearance } from "./cancel";
import { loadPatientCoverage, type PatientCoverage } from "./context";
import { requestedConditions, type Coverage } from "./coverage";
import { typeInSentence } from "@/lib/catalogue/massage-types";
import type { ApprovalLimits } from "@/lib/mail/templates";
import { heldUntil } from "./holds";
import { lockAppointments } from "./locks";
import { queueAppointmentMail, type AppointmentMail } from "./mail";
import { coverageOf, upcomingStanding, type StandingAppointment } from "./standing";
import { attachRestrictions, changeHold, transitionAppointment } from "./transitions";

export interface ReviewRequest {
  patientId: string;
  actor: AuditActor | null;
  /** The clearance request just approved, if that is what caused the review. */
  approvedClearanceId?: string;
  /** Who a new clearance request goes to; else the patient's last physician. */
  physicianId?: string;
  /** Leave this one alone (the booking that caused the review, written just now). */
  except?: string;
  settings: Pick<ClinicSettings, "holdCutoffHours">;
  appUrl: string;
  now: Date;
  ipAddress?: string;
}

export interface ReviewedAppointment {
  appointmentId: string;
  before: AppointmentStatus;
  after: AppointmentStatus;
  holdReason: Coverage["holdReason"];
  /** Restrictions newly attached. */
  attached: number;
  mismatches: Coverage["mismatches"];
}

const OPEN = new Set(["AWAITING_DOCUMENT", "UNDER_REVIEW"]);

export async function reviewUpcoming(tx: DbClient, request: ReviewRequest): Promise<ReviewedAppointment[]> {
  const { now } = request;
  const candidates = await upcomingStanding(tx, request.patientId, now);
  await lockAppointments(tx, candidates.map((appointment) => appointment.id));
  // Read again under the row locks: a cancellation may have committed while we waited.
  const upcoming = (await upcomingStanding(tx, request.patientId, now)).filter((appointment) => appointment.id !== request.except);
  const patient = await loadPatientCoverage(tx, request.patientId, now);
  const reviewed: ReviewedAppointment[] = [];
  for (const appointment of upcoming) {
    const coverage = coverageOf(appointment, patient);
    const carried = new Set(appointment.restrictions.map((r) => r.restrictionId));
    const attached = await attachRestrictions(
      tx,
      appointment.id,
      coverage.restrictions.map((r) => r.id).filter((id) => !carried.has(id)),
    );
    const after = await settle(tx, request, appointment, coverage, patient);
    reviewed.push({ appointmentId: appointment.id, before: appointment.status, after, holdReason: coverage.holdReason, attached, mismatches: coverage.mismatches });
  }
  return reviewed;
}

/** A restriction in force as the approval mail names it: the booking rules, not the physician's words. */
function approvalLimits(restriction: Coverage["restrictions"][number]): ApprovalLimits {
  return {
    physicianName: restriction.physicianName,
    excludedMassageTypes: restriction.excludedMassageTypes.map(typeInSentence),
    maxDurationMinutes: restriction.maxDurationMinutes,
    hasNote: restriction.text.trim().length > 0,
  };
}

async function settle(
  tx: DbClient,
  request: ReviewRequest,
  appointment: StandingAppointment,
  coverage: Coverage,
  patient: PatientCoverage,
): Promise<AppointmentStatus> {
  const { actor, now, appUrl, ipAddress } = request;
  const mail = (message: AppointmentMail) => queueAppointmentMail(tx, appointment.id, appUrl, now, message);
  const ownApproval = request.approvedClearanceId !== undefined && appointment.clearance?.id === request.approvedClearanceId;

  if (coverage.status === "CONFIRMED") {
    if (appointment.status !== "HELD") return appointment.status;
    await transitionAppointment(tx, {
      appointmentId: appointment.id,
      to: "CONFIRMED",
      actor,
      reason: ownApproval ? "Physician's clearance approved" : "Covered by a physician's approval",
      ipAddress,
      now,
    });
    await withdrawOpenClearance(tx, appointment.id, actor, "The appointment is covered by another approval", ipAddress);
    await mail(
      ownApproval || appointment.holdReason === "clearance"
        ? { kind: "clearance-approved", restrictions: coverage.restrictions.map(approvalLimits) }
        : { kind: "confirmed" },
    );
    return "CONFIRMED";
  }

  const hold = { reason: coverage.holdReason!, until: heldUntil(appointment.startsAt, now, request.settings) };
  const mismatch = [...new Set(coverage.mismatches.flatMap((entry) => entry.fields))];
  if (appointment.status === "CONFIRMED") {
    const names = [...new Set(coverage.mismatches.map((entry) => entry.restriction.physicianName))].join(" and ");
    await transitionAppointment(tx, {
      appointmentId: appointment.id,
      to: "HELD",
      actor,
      reason: hold.reason === "restrictions" ? `Does not fit ${names}'s restrictions` : "A condition on the record needs a physician's clearance",
      hold,
      ipAddress,
      now,
    });
  } else if (appointment.holdReason !== hold.reason) {
    // Waits for something else now: its own clearance came back with restrictions it breaks, or a condition came up.
    await changeHold(tx, { appointmentId: appointment.id, hold, actor, ipAddress });
  } else if (hold.reason === "clearance" && !(appointment.clearance && OPEN.has(appointment.clearance.status))) {
    // Still waiting for a clearance, but the request it carried is closed: approved for less than the record
    // now holds (a condition declared in a later booking). Ask for what is still uncovered.
    await requestClearance(tx, request, appointment, coverage, patient, hold.until);
    await mail({ kind: "held", holdUntil: hold.until });
    return "HELD";
  } else {
    return "HELD";
  }
  if (hold.reason === "clearance") {
    const hasOpen = appointment.clearance && OPEN.has(appointment.clearance.status);
    if (!hasOpen) await requestClearance(tx, request, appointment, coverage, patient, hold.until);
    await mail({ kind: "held", holdUntil: hold.until });
  } else {
    // Covered now, waiting only for a change: a request it still carries is nobody's business any more.
    await withdrawOpenClearance(tx, appointment.id, actor, "The appointment is covered; it needs a change to fit the restrictions", ipAddress);
    await mail({ kind: "needs-change", holdUntil: hold.until, mismatch });
  }
  return "HELD";
}

/**
 * A new clearance request for an appointment that a condition on the record
 * leaves uncovered. An appointment has one request: a closed one it carried
 * before is kept in the audit log and the patient's list, not on it.
 */
async function requestClearance(
  tx: DbClient,
  request: ReviewRequest,
  appointment: StandingAppointment,
  coverage: Coverage,
  patient: PatientCoverage,
  holdUntil: Date,
) {
  const physicianId = request.physicianId ?? patient.lastPhysicianId;
  if (!physicianId) return;
  if (appointment.clearance) {
    await tx.clearanceRequest.update({ where: { id: appointment.clearance.id }, data: { appointmentId: null } });
  }
  const requested = requestedConditions(coverage.uncovered);
  const id = randomUUID();
  await tx.clearanceRequest.create({
    data: {
      id,
      appointmentId: appointment.id,
      patientId: appointment.patientId,
      physicianId,
      conditions: requested.keys,
      otherSerious: requested.otherSerious,
      holdUntil,
    },
  });
  await writeAudit(tx, {
    actor: request.actor,
    action: "clearance.requested",
    entityType: "ClearanceRequest",
    entityId: id,
    toState: "AWAITING_DOCUMENT",
    details: { appointmentId: appointment.id, clearanceConditions: requested.keys },
    ipAddress: request.ipAddress,
  });
}
