// The clinic's invariants over the appointments of some patients, read
// straight from the tables and written independently of the lifecycle's own
// rule (lib/appointments/coverage.ts), so a test that checks them is evidence
// rather than the rule agreeing with itself. Used by the property-based tests.
import type { DbClient } from "@/lib/db/prisma";
import { normaliseDescription } from "@/lib/screening/record";

export interface Violation {
  invariant: string;
  appointmentId: string;
  detail: string;
}

/** Every violation among these patients' appointments at `now` (empty when the clinic's rules hold). */
export async function findViolations(db: DbClient, patientIds: readonly string[], now: Date): Promise<Violation[]> {
  const violations: Violation[] = [];
  const appointments = await db.appointment.findMany({
    where: { patientId: { in: [...patientIds] } },
    select: {
      id: true,
      patientId: true,
      therapistId: true,
      status: true,
      startsAt: true,
      endsAt: true,
      massageTypeSlug: true,
      holdReason: true,
      heldUntil: true,
      restrictions: { select: { restrictionId: true } },
      clearance: { select: { status: true } },
      therapist: { select: { bufferMinutes: true } },
    },
  });
  const [conditions, approvals, restrictions, audit] = await Promise.all([
    db.healthCondition.findMany({ where: { patientId: { in: [...patientIds] }, resolvedAt: null } }),
    db.clearanceRequest.findMany({ where: { patientId: { in: [...patientIds] }, status: "APPROVED" } }),
    db.restriction.findMany({ where: { patientId: { in: [...patientIds] } } }),
    db.auditEntry.findMany({
      where: { entityType: "Appointment", entityId: { in: appointments.map((a) => a.id) } },
      // Written order: an entry is chained ("seq") later, by the sealer.
      orderBy: { id: "asc" },
      select: { entityId: true, fromState: true, toState: true },
    }),
  ]);

  for (const appointment of appointments) {
    const active = appointment.status === "HELD" || appointment.status === "CONFIRMED";
    const upcoming = active && appointment.startsAt > now;
    const minutes = (appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000;
    const note = (invariant: string, detail: string) => violations.push({ invariant, appointmentId: appointment.id, detail });

    // 1. No confirmed appointment without coverage at its time.
    if (appointment.status === "CONFIRMED" && upcoming) {
      for (const condition of conditions.filter((c) => c.patientId === appointment.patientId)) {
        const covered = approvals.some(
          (approval) =>
            approval.patientId === appointment.patientId &&
            approval.validUntil !== null &&
            approval.validUntil > appointment.startsAt &&
            approval.conditions.includes(condition.condition) &&
            (condition.condition !== "otherSerious" ||
              approval.otherSerious.some((text) => normaliseDescription(text) === normaliseDescription(condition.description))),
        );
        if (!covered) note("confirmed without coverage", `${condition.condition} is not covered at ${appointment.startsAt.toISOString()}`);
      }
      for (const restriction of restrictions.filter((r) => r.patientId === appointment.patientId && r.validUntil > appointment.startsAt)) {
        if (restriction.excludedMassageTypes.includes(appointment.massageTypeSlug)) note("confirmed against a restriction", `type ${appointment.massageTypeSlug}`);
        if (restriction.maxDurationMinutes !== null && minutes > restriction.maxDurationMinutes) note("confirmed against a restriction", `${minutes} minutes`);
      }
    }

    // 2. Every restriction in force is attached to every upcoming appointment of that patient.
    if (upcoming) {
      const carried = new Set(appointment.restrictions.map((r) => r.restrictionId));
      for (const restriction of restrictions.filter((r) => r.patientId === appointment.patientId && r.validUntil > appointment.startsAt)) {
        if (!carried.has(restriction.id)) note("restriction not attached", restriction.id);
      }
    }

    // 3. A held appointment says why and until when; one waiting for a clearance has an open request.
    if (appointment.status === "HELD") {
      if (!appointment.heldUntil || !appointment.holdReason) note("hold without a deadline", `${appointment.holdReason}`);
      if (appointment.holdReason === "clearance" && !(appointment.clearance && ["AWAITING_DOCUMENT", "UNDER_REVIEW"].includes(appointment.clearance.status))) {
        note("held for a clearance nobody can give", `clearance ${appointment.clearance?.status ?? "none"}`);
      }
    }

    // 4. Every state change has its audit entry: the entries chain from nothing to the current status.
    const entries = audit.filter((entry) => entry.entityId === appointment.id);
    let state: string | null = null;
    for (const entry of entries) {
      if (entry.fromState !== state) note("audit chain broken", `${entry.fromState} after ${state}`);
      state = entry.toState;
    }
    if (state !== appointment.status) note("state change not audited", `audit ends at ${state}, row is ${appointment.status}`);
  }

  // 5. No therapist has two active appointments that overlap or come within the buffer.
  const active = appointments.filter((a) => a.status === "HELD" || a.status === "CONFIRMED");
  const byTherapist = new Map<string, typeof active>();
  for (const appointment of active) byTherapist.set(appointment.therapistId, [...(byTherapist.get(appointment.therapistId) ?? []), appointment]);
  for (const list of byTherapist.values()) {
    const sorted = list.toSorted((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let i = 1; i < sorted.length; i++) {
      const before = sorted[i - 1]!;
      const after = sorted[i]!;
      if (after.startsAt.getTime() < before.endsAt.getTime() + before.therapist.bufferMinutes * 60_000) {
        violations.push({ invariant: "overlap or buffer", appointmentId: after.id, detail: `after ${before.id}` });
      }
    }
  }
  return violations;
}
