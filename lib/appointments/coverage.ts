// Clinical coverage: whether an appointment may be confirmed. One pure rule,
// used by every path that writes an appointment (booking, change, approval,
// and the guard on HELD -> CONFIRMED):
//
// - Its conditions are the patient's record together with the intake's
//   (lib/screening/record.ts). Each needs an approved clearance valid at the
//   appointment's start that cleared it ("another serious condition" only by
//   an approval for the same description).
// - Every restriction in force at its start applies to it: it is attached (so
//   the therapist sees it), and the appointment must fit it (no excluded
//   massage type, no longer than the maximum).
// - Confirmed only when every condition is covered and every restriction
//   fits; otherwise held, for a clearance (something is not covered) or for a
//   change (a restriction is broken).
import { DESCRIBED_CONDITION_KEY, SERIOUS_CONDITION_KEYS, type SeriousConditionKey } from "@/lib/screening/conditions";
import { normaliseDescription, type ConditionRef } from "@/lib/screening/record";

/** An approved clearance request: what it cleared and until when. */
export interface Approval {
  clearanceId: string;
  conditions: readonly string[];
  /** Descriptions of the "other serious" conditions it cleared. */
  otherSerious: readonly string[];
  validUntil: Date;
}

/** A physician's restrictions, from an approval. */
export interface RestrictionTerms {
  id: string;
  clearanceId: string;
  physicianName: string;
  text: string;
  excludedMassageTypes: readonly string[];
  maxDurationMinutes: number | null;
  validUntil: Date;
}

export interface CoverageInput {
  conditions: readonly ConditionRef[];
  approvals: readonly Approval[];
  restrictions: readonly RestrictionTerms[];
}

/** What is booked: the massage type (slug), its length in minutes, its start. */
export interface Visit {
  massageType: string;
  duration: number;
  start: Date;
}

export type RestrictionMismatch = "massageType" | "duration";

export interface Coverage {
  status: "CONFIRMED" | "HELD";
  /** Why it is held: "clearance" when a condition is not covered (this comes first), "restrictions" when it breaks one. */
  holdReason: "clearance" | "restrictions" | null;
  /** The approvals that cover its conditions (none when nothing needs covering). */
  coveredBy: string[];
  /** Conditions no valid approval covers: a new clearance request must ask for these. */
  uncovered: ConditionRef[];
  /** Every restriction in force at its start: attach them all. */
  restrictions: RestrictionTerms[];
  /** The restrictions it breaks, and how. */
  mismatches: Array<{ restriction: RestrictionTerms; fields: RestrictionMismatch[] }>;
}

/** Where a visit does not fit one restriction: its massage type is excluded, or it is longer than allowed. */
export function restrictionMismatch(
  restriction: Pick<RestrictionTerms, "excludedMassageTypes" | "maxDurationMinutes">,
  visit: Pick<Visit, "massageType" | "duration">,
): RestrictionMismatch[] {
  const mismatch: RestrictionMismatch[] = [];
  if (restriction.excludedMassageTypes.includes(visit.massageType)) mismatch.push("massageType");
  if (restriction.maxDurationMinutes !== null && visit.duration > restriction.maxDurationMinutes) mismatch.push("duration");
  return mismatch;
}

/** Valid at an instant: its validity ends after it. */
const validAt = (at: Date) => (item: { validUntil: Date }) => item.validUntil.getTime() > at.getTime();

function clears(approval: Approval, condition: ConditionRef): boolean {
  if (!approval.conditions.includes(condition.key)) return false;
  if (condition.key !== DESCRIBED_CONDITION_KEY) return true;
  const wanted = normaliseDescription(condition.description);
  return approval.otherSerious.some((description) => normaliseDescription(description) === wanted);
}

export function evaluateCoverage(input: CoverageInput, visit: Visit): Coverage {
  const approvals = input.approvals.filter(validAt(visit.start));
  const coveredBy = new Set<string>();
  const uncovered: ConditionRef[] = [];
  for (const condition of input.conditions) {
    const approval = approvals.find((candidate) => clears(candidate, condition));
    if (approval) coveredBy.add(approval.clearanceId);
    else uncovered.push(condition);
  }
  const restrictions = input.restrictions.filter(validAt(visit.start));
  const mismatches = restrictions
    .map((restriction) => ({ restriction, fields: restrictionMismatch(restriction, visit) }))
    .filter((entry) => entry.fields.length > 0);
  const holdReason = uncovered.length ? "clearance" : mismatches.length ? "restrictions" : null;
  return {
    status: holdReason ? "HELD" : "CONFIRMED",
    holdReason,
    coveredBy: [...coveredBy],
    uncovered,
    restrictions,
    mismatches,
  };
}

/** Until when approvals cover all of these conditions (null when one is not covered at all): appointments before it need no new clearance. */
export function coveredUntil(conditions: readonly ConditionRef[], approvals: readonly Approval[]): Date | null {
  let until: number = Infinity;
  for (const condition of conditions) {
    const best = Math.max(...approvals.filter((approval) => clears(approval, condition)).map((approval) => approval.validUntil.getTime()));
    if (!Number.isFinite(best)) return null;
    until = Math.min(until, best);
  }
  return Number.isFinite(until) ? new Date(until) : null;
}

/** The strictest limits of the restrictions in force at `at`: what the booking page offers. */
export function strictestLimits(restrictions: readonly RestrictionTerms[], at: Date) {
  const inForce = restrictions.filter(validAt(at));
  const limits = inForce.flatMap((r) => (r.maxDurationMinutes === null ? [] : [r.maxDurationMinutes]));
  return {
    restrictions: inForce,
    excludedMassageTypes: [...new Set(inForce.flatMap((r) => r.excludedMassageTypes))],
    maxDurationMinutes: limits.length ? Math.min(...limits) : null,
  };
}

/** The condition keys (once each) and descriptions a clearance request for `conditions` asks to clear. */
export function requestedConditions(conditions: readonly ConditionRef[]): { keys: SeriousConditionKey[]; otherSerious: string[] } {
  // In the table's order, as the physician reads them.
  const keys = SERIOUS_CONDITION_KEYS.filter((key) => conditions.some((condition) => condition.key === key));
  const otherSerious = conditions.flatMap((condition) =>
    condition.key === DESCRIBED_CONDITION_KEY && condition.description ? [condition.description] : [],
  );
  return { keys, otherSerious };
}
