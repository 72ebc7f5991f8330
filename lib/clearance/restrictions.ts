// What an approved clearance means for later bookings (shared/DESIGN.md):
// while it is valid, the conditions it cleared need no new hold, and the
// physician's restrictions apply to every booking the patient makes.
import type { DbClient } from "@/lib/db/prisma";
import { MASSAGE_TYPES, type MassageTypeSlug } from "@/lib/catalogue/massage-types";
import { ValidationError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import type { ConditionKey } from "@/lib/screening/screen";
import { localDateOf } from "@/lib/time/zoned";

export interface RestrictionInForce {
  id: string;
  clearanceId: string;
  text: string;
  excludedMassageTypes: MassageTypeSlug[];
  maxDurationMinutes: number | null;
  validUntil: Date;
  createdAt: Date;
  physician: { id: string; name: string };
}

export interface RestrictionsInForce {
  /** Most recent first: the first is the one attached to a new appointment. */
  restrictions: RestrictionInForce[];
  /** Every type any restriction in force excludes. */
  excludedMassageTypes: MassageTypeSlug[];
  /** The strictest limit in force, or null for none. */
  maxDurationMinutes: number | null;
}

const isSlug = (slug: string): slug is MassageTypeSlug => MASSAGE_TYPES.some((type) => type.slug === slug);

/**
 * The restrictions of every approved clearance of this patient that is still
 * valid at `at` (a booking's start, or now for the booking page).
 */
export async function restrictionsInForce(db: DbClient, patientId: string, at: Date): Promise<RestrictionsInForce> {
  const rows = await db.restriction.findMany({
    where: { patientId, validUntil: { gt: at }, clearance: { status: "APPROVED" } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      clearanceId: true,
      text: true,
      excludedMassageTypes: true,
      maxDurationMinutes: true,
      validUntil: true,
      createdAt: true,
      physician: { select: { id: true, user: { select: { name: true } } } },
    },
  });
  const restrictions = rows.map((row) => ({
    ...row,
    excludedMassageTypes: row.excludedMassageTypes.filter(isSlug),
    physician: { id: row.physician.id, name: row.physician.user.name },
  }));
  const limits = restrictions.flatMap((r) => (r.maxDurationMinutes === null ? [] : [r.maxDurationMinutes]));
  return {
    restrictions,
    excludedMassageTypes: MASSAGE_TYPES.map((type) => type.slug).filter((slug) =>
      restrictions.some((r) => r.excludedMassageTypes.includes(slug)),
    ),
    maxDurationMinutes: limits.length ? Math.min(...limits) : null,
  };
}

export type RestrictionMismatch = "massageType" | "duration";

/** Where a booking does not fit one restriction: its massage type is excluded, or it is longer than allowed. */
export function restrictionMismatch(
  restriction: { excludedMassageTypes: readonly string[]; maxDurationMinutes: number | null },
  booking: { massageType: string; duration: number },
): RestrictionMismatch[] {
  const mismatch: RestrictionMismatch[] = [];
  if (restriction.excludedMassageTypes.includes(booking.massageType)) mismatch.push("massageType");
  if (restriction.maxDurationMinutes !== null && booking.duration > restriction.maxDurationMinutes) mismatch.push("duration");
  return mismatch;
}

const typeName = (slug: string) => (MASSAGE_TYPES.find((type) => type.slug === slug)?.name ?? slug).toLowerCase();

/** The last day a restriction applies, as the clinic reads it: "1 December 2027". */
export function lastValidDay(validUntil: Date, timeZone: string): string {
  return formatDate(new Date(`${localDateOf(new Date(validUntil.getTime() - 1), timeZone)}T00:00:00Z`));
}

/** 422 with a field message naming the physician whose restriction the booking breaks. */
export function assertFitsRestrictions(
  inForce: RestrictionsInForce,
  booking: { massageType: string; duration: number },
  timeZone: string,
): void {
  const fields: Record<string, string> = {};
  for (const restriction of inForce.restrictions) {
    const until = lastValidDay(restriction.validUntil, timeZone);
    for (const field of restrictionMismatch(restriction, booking)) {
      fields[field] ??=
        field === "massageType"
          ? `${restriction.physician.name}'s restrictions rule out ${typeName(booking.massageType)} for you until ${until}. Choose another massage type.`
          : `${restriction.physician.name}'s restrictions limit your sessions to ${restriction.maxDurationMinutes} minutes until ${until}. Choose a shorter session.`;
    }
  }
  const messages = Object.values(fields);
  if (messages.length) throw new ValidationError(messages.join(" "), fields);
}

const normalised = (text: string | null | undefined) => (text ?? "").trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The approved clearances (valid at `at`) that together cover every declared
 * condition, or null when one is not covered. "Another serious condition" is
 * covered only by an approval for the same description: a physician who
 * cleared one condition has not cleared a different one.
 */
export async function coveringClearances(
  db: DbClient,
  patientId: string,
  conditions: readonly ConditionKey[],
  at: Date,
  otherSerious?: string,
): Promise<string[] | null> {
  if (conditions.length === 0) return [];
  const approvals = await db.clearanceRequest.findMany({
    where: { patientId, status: "APPROVED", validUntil: { gt: at } },
    orderBy: [{ decidedAt: "desc" }, { id: "asc" }],
    select: { id: true, conditions: true, appointment: { select: { intake: { select: { otherSerious: true } } } } },
  });
  const used = new Set<string>();
  for (const condition of conditions) {
    const approval = approvals.find(
      (candidate) =>
        candidate.conditions.includes(condition) &&
        (condition !== "otherSerious" || normalised(candidate.appointment?.intake?.otherSerious) === normalised(otherSerious)),
    );
    if (!approval) return null;
    used.add(approval.id);
  }
  return [...used];
}

export interface StandingClearance {
  /** A condition no valid approval covers: hold the appointment for a new clearance. */
  needsClearance: boolean;
  /** The most recent restriction in force, attached to the new appointment. */
  restrictionId: string | null;
  /** The approvals that cover the declared conditions (empty when none were declared or one is not covered). */
  coveredBy: string[];
}

/**
 * Booking-time check against the patient's valid approvals: refuses (422) a
 * booking that breaks a restriction in force, and says whether the declared
 * conditions still need a new clearance.
 */
export async function checkStandingClearance(
  db: DbClient,
  request: {
    patientId: string;
    massageType: string;
    duration: number;
    start: Date;
    conditions: readonly ConditionKey[];
    otherSerious?: string;
    /** The clinic's zone, for the dates in messages. */
    timeZone: string;
  },
): Promise<StandingClearance> {
  const inForce = await restrictionsInForce(db, request.patientId, request.start);
  assertFitsRestrictions(inForce, request, request.timeZone);
  const coveredBy = await coveringClearances(db, request.patientId, request.conditions, request.start, request.otherSerious);
  return {
    needsClearance: request.conditions.length > 0 && coveredBy === null,
    restrictionId: inForce.restrictions[0]?.id ?? null,
    coveredBy: coveredBy ?? [],
  };
}
