// An approval (or a condition marked resolved) reaches the patient's whole
// future: every upcoming held or confirmed appointment is evaluated again in
// the same transaction. Restrictions in force are attached to each (its
// therapist sees them); one that breaks them becomes held until it is changed
// ("does not fit Dr X's restrictions") and the patient is told by mail; a held
// one that is now covered and fits is confirmed, and a clearance request it no
// longer needs is withdrawn. The caller holds the patient's lock.
import type { AuditActor } from "@/lib/audit";
import type { DbClient } from "@/lib/db/prisma";
import type { ClinicSettings } from "@/lib/generated/prisma/client";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import { withdrawOpenClearance } from "./cancel";
import { loadPatientCoverage } from "./context";
import type { Coverage } from "./coverage";
import { heldUntil } from "./holds";
import { lockAppointments } from "./locks";
import { queueAppointmentMail, type AppointmentMail } from "./mail";
import { coverageOf, upcomingStanding } from "./standing";
import { attachRestrictions, changeHold, transitionAppointment } from "./transitions";

export interface ReviewRequest {
  patientId: string;
  actor: AuditActor | null;
  /** The clearance request just approved, if that is what caused the review. */
  approvedClearanceId?: string;
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

export async function reviewUpcoming(tx: DbClient, request: ReviewRequest): Promise<ReviewedAppointment[]> {
  const { now } = request;
  const candidates = await upcomingStanding(tx, request.patientId, now);
  await lockAppointments(tx, candidates.map((appointment) => appointment.id));
  // Read again under the row locks: a cancellation may have committed while we waited.
  const [upcoming, patient] = [await upcomingStanding(tx, request.patientId, now), await loadPatientCoverage(tx, request.patientId, now)];
  const reviewed: ReviewedAppointment[] = [];
  for (const appointment of upcoming) {
    const coverage = coverageOf(appointment, patient);
    const carried = new Set(appointment.restrictions.map((r) => r.restrictionId));
    const attached = await attachRestrictions(
      tx,
      appointment.id,
      coverage.restrictions.map((r) => r.id).filter((id) => !carried.has(id)),
    );
    const outcome = await settle(tx, request, appointment, coverage);
    reviewed.push({ appointmentId: appointment.id, before: appointment.status, after: outcome, holdReason: coverage.holdReason, attached, mismatches: coverage.mismatches });
  }
  return reviewed;
}

async function settle(
  tx: DbClient,
  request: ReviewRequest,
  appointment: Awaited<ReturnType<typeof upcomingStanding>>[number],
  coverage: Coverage,
): Promise<AppointmentStatus> {
  const { actor, now, appUrl, ipAddress } = request;
  const mail = (message: AppointmentMail) => queueAppointmentMail(tx, appointment.id, appUrl, now, message);
  const mismatch = [...new Set(coverage.mismatches.flatMap((entry) => entry.fields))];
  const ownApproval = appointment.clearance?.id === request.approvedClearanceId && request.approvedClearanceId !== undefined;

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
    await mail(ownApproval || appointment.holdReason === "clearance" ? { kind: "clearance-approved" } : { kind: "confirmed" });
    return "CONFIRMED";
  }

  const hold = { reason: coverage.holdReason!, until: heldUntil(appointment.startsAt, now, request.settings) };
  if (appointment.status === "CONFIRMED") {
    // Only a restriction can take a confirmation away here: approvals add cover, they never remove it.
    if (coverage.holdReason !== "restrictions") return appointment.status;
    const names = [...new Set(coverage.mismatches.map((entry) => entry.restriction.physicianName))].join(" and ");
    await transitionAppointment(tx, {
      appointmentId: appointment.id,
      to: "HELD",
      actor,
      reason: `Does not fit ${names}'s restrictions`,
      hold,
      ipAddress,
      now,
    });
    await mail({ kind: "needs-change", holdUntil: hold.until, mismatch });
    return "HELD";
  }

  if (appointment.holdReason !== coverage.holdReason) {
    // Its own clearance came back approved, with restrictions this booking breaks: it now waits for a change.
    await changeHold(tx, { appointmentId: appointment.id, hold, actor, ipAddress });
    if (coverage.holdReason === "restrictions") await mail({ kind: "needs-change", holdUntil: hold.until, mismatch });
  }
  return "HELD";
}
