// What a lifecycle operation reads before it decides, in one statement, inside
// its transaction and after its locks (lib/appointments/locks.ts), so the
// rules run on what was committed last: the clinic's settings, the patient's
// name and address (for the mail), the massage type, the therapist's schedule
// around the visit (the same SQL as availability), whether the chosen
// physician is on the clinic's list, the patient's health record, approvals
// and restrictions, and the appointment an earlier request with the same
// Idempotency-Key made.
//
// The booking is the clinic's busiest write (docs/benchmarks.md): reading all
// of this in one round trip instead of a dozen is most of what makes it cheap.
import type { DbClient } from "@/lib/db/prisma";
import { Prisma, type ClinicSettings } from "@/lib/generated/prisma/client";
import { catalogueSql, fromJson, schedulesFrom, settingsFrom, type CatalogueRow, type ScheduleWithName } from "@/lib/booking/availability";
import { isSeriousConditionKey } from "@/lib/screening/conditions";
import type { RecordedCondition } from "@/lib/screening/record";
import type { Approval, CoverageInput, RestrictionTerms } from "./coverage";

/** The patient's side of coverage: their record, and the approvals and restrictions valid after `now`. */
export interface PatientCoverage extends CoverageInput {
  conditions: RecordedCondition[];
  approvals: Approval[];
  restrictions: RestrictionTerms[];
  /** The physician of the patient's latest clearance request, if still active: who a new request goes to by default. */
  lastPhysicianId: string | null;
}

interface CoverageJson {
  record: Array<{ id: string; key: string; description: string | null; declaredAt: string }>;
  approvals: Array<{ clearanceId: string; conditions: string[]; otherSerious: string[]; validUntil: string }>;
  restrictions: Array<Omit<RestrictionTerms, "validUntil"> & { validUntil: string }>;
  lastPhysicianId: string | null;
}

/** One JSON value with everything PatientCoverage holds. */
export function patientCoverageSql(patientId: string, now: Date): Prisma.Sql {
  const at = now.toISOString();
  return Prisma.sql`json_build_object(
    'record', COALESCE((
      SELECT json_agg(json_build_object('id', h."id", 'key', h."condition", 'description', h."description", 'declaredAt', h."declaredAt")
                      ORDER BY h."declaredAt", h."id")
        FROM "HealthCondition" h WHERE h."patientId" = ${patientId}::uuid AND h."resolvedAt" IS NULL), '[]'::json),
    'approvals', COALESCE((
      SELECT json_agg(json_build_object('clearanceId', c."id", 'conditions', c."conditions", 'otherSerious', c."otherSerious", 'validUntil', c."validUntil")
                      ORDER BY c."decidedAt" DESC, c."id")
        FROM "ClearanceRequest" c
       WHERE c."patientId" = ${patientId}::uuid AND c."status" = 'APPROVED' AND c."validUntil" > ${at}::timestamptz), '[]'::json),
    'restrictions', COALESCE((
      SELECT json_agg(json_build_object('id', r."id", 'clearanceId', r."clearanceId", 'physicianName', u."name", 'text', r."text",
                                        'excludedMassageTypes', r."excludedMassageTypes", 'maxDurationMinutes', r."maxDurationMinutes",
                                        'validUntil', r."validUntil")
                      ORDER BY r."createdAt" DESC, r."id")
        FROM "Restriction" r
        JOIN "ClearanceRequest" c ON c."id" = r."clearanceId" AND c."status" = 'APPROVED'
        JOIN "Physician" p ON p."id" = r."physicianId"
        JOIN "User" u ON u."id" = p."userId"
       WHERE r."patientId" = ${patientId}::uuid AND r."validUntil" > ${at}::timestamptz), '[]'::json),
    'lastPhysicianId', (
      SELECT c."physicianId"::text FROM "ClearanceRequest" c JOIN "Physician" p ON p."id" = c."physicianId" AND p."active"
       WHERE c."patientId" = ${patientId}::uuid ORDER BY c."createdAt" DESC, c."id" LIMIT 1))`;
}

export function patientCoverageFrom(value: unknown): PatientCoverage {
  const json = fromJson<CoverageJson>(value);
  if (!json) throw new Error("The patient's coverage came back empty");
  return {
    conditions: json.record.flatMap((row) =>
      isSeriousConditionKey(row.key)
        ? [{ id: row.id, key: row.key, ...(row.description ? { description: row.description } : {}), declaredAt: new Date(row.declaredAt) }]
        : [],
    ),
    approvals: json.approvals.map((row) => ({ ...row, validUntil: new Date(row.validUntil) })),
    restrictions: json.restrictions.map((row) => ({ ...row, validUntil: new Date(row.validUntil) })),
    lastPhysicianId: json.lastPhysicianId,
  };
}

/** The patient's record, approvals and restrictions on their own (pages, the approval's review of upcoming appointments). */
export async function loadPatientCoverage(db: DbClient, patientId: string, now: Date): Promise<PatientCoverage> {
  const [row] = await db.$queryRaw<Array<{ coverage: unknown }>>`SELECT ${patientCoverageSql(patientId, now)} AS "coverage"`;
  return patientCoverageFrom(row?.coverage);
}

export interface VisitContextRequest {
  patientId: string;
  therapistId: string;
  massageType: string;
  duration: number;
  start: Date;
  physicianId?: string;
  idempotencyKey?: string;
  /** A change: the appointment being replaced, left out of the therapist's schedule. */
  replacing?: string;
  now: Date;
}

export interface VisitContext {
  settings: ClinicSettings;
  patient: { name: string; email: string };
  massageTypeName: string;
  /** The therapist's shifts, time off and other active appointments around the visit. */
  therapist: ScheduleWithName;
  /** The chosen physician exists and is active (false when none was chosen). */
  physicianActive: boolean;
  coverage: PatientCoverage;
  /** The appointment an earlier request with the same Idempotency-Key made, if any. */
  earlierAppointmentId: string | null;
}

interface ContextRow {
  patient: unknown;
  catalogue: unknown;
  physicianActive: boolean;
  coverage: unknown;
  earlierAppointmentId: string | null;
}

/**
 * Loads the context in one statement. Throws availability's ValidationError
 * for an unknown type, a duration it does not offer or a therapist who cannot
 * be booked for it; a missing patient is an error (the caller has just
 * authenticated them).
 */
export async function loadVisitContext(db: DbClient, request: VisitContextRequest): Promise<VisitContext> {
  const { patientId, start, now } = request;
  const end = new Date(start.getTime() + request.duration * 60_000);
  const catalogue = catalogueSql({
    therapistId: request.therapistId,
    massageType: request.massageType,
    windowStart: start,
    windowEnd: end,
    now,
    excludeAppointmentId: request.replacing,
  });
  const [row] = await db.$queryRaw<ContextRow[]>`
    SELECT
      (SELECT json_build_object('name', u."name", 'email', u."email") FROM "User" u WHERE u."id" = ${patientId}::uuid) AS "patient",
      (SELECT row_to_json(c) FROM (${catalogue}) c) AS "catalogue",
      EXISTS (SELECT 1 FROM "Physician" p WHERE p."id" = ${request.physicianId ?? null}::uuid AND p."active") AS "physicianActive",
      ${patientCoverageSql(patientId, now)} AS "coverage",
      (SELECT a."id"::text FROM "Appointment" a
        WHERE a."patientId" = ${patientId}::uuid AND a."idempotencyKey" = ${request.idempotencyKey ?? null}) AS "earlierAppointmentId"`;
  if (!row) throw new Error("The visit context query returned no row");

  const patient = fromJson<{ name: string; email: string }>(row.patient);
  if (!patient) throw new Error(`No account ${patientId} for the appointment`);
  const type = fromJson<CatalogueRow>(row.catalogue) ?? undefined;
  // schedulesFrom throws for a missing type or therapist, so both are here.
  const [therapist] = schedulesFrom(type, { therapistId: request.therapistId, duration: request.duration, now });
  if (!type || !therapist) throw new Error("schedulesFrom returned no therapist");
  return {
    settings: settingsFrom(type),
    patient,
    massageTypeName: type.name,
    therapist,
    physicianActive: row.physicianActive,
    coverage: patientCoverageFrom(row.coverage),
    earlierAppointmentId: row.earlierAppointmentId,
  };
}
