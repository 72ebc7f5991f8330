// Everything a booking needs to know before its transaction, in one SQL
// statement: the clinic's settings, the patient's name and address (for the
// mail), the massage type, the therapist's schedule around the start (the
// same SQL and checks as availability), whether the chosen physician is on
// the clinic's list, whether the patient has any approval or restriction in
// force (only then are the clearance rules worth a query), and the appointment
// an earlier request with the same Idempotency-Key made.
//
// The booking is the clinic's busiest write (docs/benchmarks.md): reading all
// of this in one round trip instead of a dozen is most of what makes it cheap.
import type { DbClient } from "@/lib/db/prisma";
import type { ClinicSettings } from "@/lib/generated/prisma/client";
import { catalogueSql, fromJson, schedulesFrom, settingsFrom, type CatalogueRow, type ScheduleWithName } from "./availability";

export interface BookingContextRequest {
  patientId: string;
  therapistId: string;
  massageType: string;
  duration: number;
  start: Date;
  physicianId?: string;
  idempotencyKey?: string;
  now: Date;
}

export interface BookingContext {
  settings: ClinicSettings;
  patient: { name: string; email: string };
  massageTypeName: string;
  /** The therapist's shifts and time off around the start; appointments are checked inside the transaction. */
  therapist: ScheduleWithName;
  /** The chosen physician exists and is active (false when none was chosen). */
  physicianActive: boolean;
  /** The patient has an approval or a restriction valid at the start, so lib/clearance/restrictions must look. */
  hasStandingClearance: boolean;
  /** The appointment an earlier request with the same Idempotency-Key made, if any. */
  earlierAppointmentId: string | null;
}

interface ContextRow {
  patient: unknown;
  catalogue: unknown;
  physicianActive: boolean;
  hasStandingClearance: boolean;
  earlierAppointmentId: string | null;
}

/**
 * Loads the context in one statement. Throws the availability's
 * ValidationError for an unknown type, a duration it does not offer or a
 * therapist who cannot be booked for it; a missing patient is an error (the
 * caller has just authenticated them).
 */
export async function loadBookingContext(db: DbClient, request: BookingContextRequest): Promise<BookingContext> {
  const { patientId, start } = request;
  const end = new Date(start.getTime() + request.duration * 60_000);
  const catalogue = catalogueSql({
    therapistId: request.therapistId,
    massageType: request.massageType,
    windowStart: start,
    windowEnd: end,
    now: request.now,
  });
  const [row] = await db.$queryRaw<ContextRow[]>`
    SELECT
      (SELECT json_build_object('name', u."name", 'email', u."email") FROM "User" u WHERE u."id" = ${patientId}::uuid) AS "patient",
      (SELECT row_to_json(c) FROM (${catalogue}) c) AS "catalogue",
      EXISTS (SELECT 1 FROM "Physician" p WHERE p."id" = ${request.physicianId ?? null}::uuid AND p."active") AS "physicianActive",
      (EXISTS (SELECT 1 FROM "ClearanceRequest" c
                WHERE c."patientId" = ${patientId}::uuid AND c."status" = 'APPROVED'
                  AND c."validUntil" > ${start.toISOString()}::timestamptz)
       OR EXISTS (SELECT 1 FROM "Restriction" r
                   WHERE r."patientId" = ${patientId}::uuid AND r."validUntil" > ${start.toISOString()}::timestamptz)) AS "hasStandingClearance",
      (SELECT a."id"::text FROM "Appointment" a
        WHERE a."patientId" = ${patientId}::uuid AND a."idempotencyKey" = ${request.idempotencyKey ?? null}) AS "earlierAppointmentId"`;
  if (!row) throw new Error("The booking context query returned no row");

  const patient = fromJson<{ name: string; email: string }>(row.patient);
  if (!patient) throw new Error(`No account ${patientId} for the booking`);
  const type = fromJson<CatalogueRow>(row.catalogue) ?? undefined;
  // schedulesFrom throws for a missing type or therapist, so both are here.
  const [therapist] = schedulesFrom(type, { therapistId: request.therapistId, duration: request.duration, now: request.now });
  if (!type || !therapist) throw new Error("schedulesFrom returned no therapist");
  return {
    settings: settingsFrom(type),
    patient,
    massageTypeName: type.name,
    therapist,
    physicianActive: row.physicianActive,
    hasStandingClearance: row.hasStandingClearance,
    earlierAppointmentId: row.earlierAppointmentId,
  };
}
