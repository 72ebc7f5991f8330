// The locks every lifecycle operation takes, always in this order: the
// patient, then the therapist (transaction-scoped advisory locks), then the
// appointment rows (FOR UPDATE, by id), then their clearance requests. One
// order everywhere is what keeps two operations from deadlocking.
//
// - The patient's lock serialises what depends on their health record,
//   approvals and restrictions: a booking, a change and an approval's review
//   of their upcoming appointments never interleave.
// - The therapist's lock makes contenders for one therapist queue instead of
//   failing late; the exclusion constraint stays the guard against overlaps.
// A lock is taken in its own statement, before the reads that depend on it: in
// READ COMMITTED each statement's snapshot starts with the statement, so a
// read after the lock sees everything the previous holder committed.
import type { DbClient } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";

const patientKey = (patientId: string) => Prisma.sql`hashtextextended(${`patient:${patientId}`}, 0)`;
const therapistKey = (therapistId: string) => Prisma.sql`hashtextextended(${therapistId}, 0)`;

/** The patient's lock, then (if given) the therapist's, in one round trip. */
export async function lockVisit(tx: DbClient, keys: { patientId: string; therapistId?: string }): Promise<void> {
  const therapist = keys.therapistId ? Prisma.sql`, pg_advisory_xact_lock(${therapistKey(keys.therapistId)})` : Prisma.empty;
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${patientKey(keys.patientId)})${therapist}) AS l`;
}

/** The therapist's lock alone (staff changes to a therapist's schedule). */
export async function lockTherapist(tx: DbClient, therapistId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${therapistKey(therapistId)})) AS l`;
}

/**
 * Every therapist's lock, in id order, in one statement: a clinic-wide change of the calendar (a closure)
 * waits for every booking in flight and holds off new ones until it commits, so its check for appointments
 * in the way and the bookings' check of the closed days each see what the other committed. Patient locks are
 * never taken after it, so it cannot deadlock with a booking (patient, then one therapist).
 */
export async function lockEveryTherapist(tx: DbClient): Promise<void> {
  await tx.$queryRaw`SELECT count(*)::int AS locked FROM (
      SELECT pg_advisory_xact_lock(hashtextextended(t."id"::text, 0)) FROM (SELECT "id" FROM "Therapist" ORDER BY "id") AS t) AS l`;
}

/** Row locks on appointments, in id order; returns the ids that exist. */
export async function lockAppointments(tx: DbClient, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id"::text AS id FROM "Appointment"
     WHERE "id" IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})
     ORDER BY "id" FOR UPDATE`;
  return rows.map((row) => row.id);
}
