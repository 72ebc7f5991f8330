// A year of a clinic's history, in plain SQL (generate_series, INSERT ...
// SELECT), for the bench's scale line: patients sharing one precomputed
// password hash (the bench patients' own), therapists with hours, massage
// types (not the bench's swedish: see below) and a valid certification, and past appointments (completed,
// cancelled, no-show) laid out on every therapist's hourly grid, each with an
// intake and its "appointment.created" audit entry.
//
// Every constraint and trigger of prisma/migrations holds: past appointments
// are not HELD or CONFIRMED, so the no-overlap exclusion constraint does not
// cover them, and they do not overlap anyway (one per therapist per hour, 50
// minutes long); ends after start; pain levels 0-10; working hours valid;
// audit entries arrive unsealed (the AuditEntry_zz_unsealed trigger checks
// it; the bench runs with the jobs off, so they stay unsealed, as a clinic's
// newest entries are between two sealer runs).
//
// Seed data, like the demo clinic: it writes rows straight, not through the
// lifecycle (lib/appointments), because these visits are over.
//
// Run after the bench's prepareDatabase (scripts/bench/setup.ts) on the same
// database: the bench's own therapists and patients get history too (all but
// `emptyListEmail`, the reader of line (d), whose list stays empty).
import pg from "pg";

export interface HistoryPeople {
  /** A patient whose password hash every history patient shares (hashing 50,000 would take minutes). */
  hashFromEmail: string;
  /** The patient who gets no history. */
  emptyListEmail: string;
}

export interface HistorySize {
  patients: number;
  therapists: number;
  appointments: number;
}

/** Appointments per therapist per day on the grid: 08:00 to 20:00 UTC, one an hour. */
const PER_DAY = 12;

export interface HistoryCounts {
  patients: number;
  therapists: number;
  appointments: number;
  intakes: number;
  auditEntries: number;
  /** Days back the oldest appointment lies. */
  days: number;
  ms: number;
}

export async function seedHistory(databaseUrl: string, people: HistoryPeople, size: HistorySize): Promise<HistoryCounts> {
  const started = Date.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SET synchronous_commit = off");
    await client.query("BEGIN");
    const { rows: hashRows } = await client.query<{ hash: string }>(`SELECT "passwordHash" AS "hash" FROM "User" WHERE "email" = $1`, [
      people.hashFromEmail,
    ]);
    const hash = hashRows[0]?.hash;
    if (!hash) throw new Error("seedHistory runs after prepareDatabase: no bench patient found");

    await client.query(
      `INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), 'history-patient-' || g || '@bench.test', 'History Patient ' || g, 'PATIENT', $1,
              now() - interval '400 days', now() - interval '400 days'
         FROM generate_series(1, $2::int) g`,
      [hash, size.patients],
    );
    await client.query(
      `WITH users AS (
         INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "createdAt", "updatedAt")
         SELECT gen_random_uuid(), 'history-therapist-' || g || '@bench.test', 'History Therapist ' || g, 'THERAPIST', $1,
                now() - interval '400 days', now() - interval '400 days'
           FROM generate_series(1, $2::int) g
         RETURNING "id", "email")
       INSERT INTO "Therapist" ("id", "userId", "certificationNumber", "certificationExpiry", "createdAt")
       SELECT gen_random_uuid(), "id", 'HIST-' || split_part("email", '@', 1), DATE '2099-12-31', now() - interval '400 days' FROM users`,
      [hash, size.therapists],
    );
    // The history therapists offer the two types the bench does not measure, so line (c)'s "every
    // therapist of a type" (swedish) covers the same therapists on both databases: its ratio is
    // the cost of history, not of more therapists. They work Monday to Friday, 08:00-18:00.
    await client.query(
      `INSERT INTO "TherapistMassageType" ("therapistId", "massageTypeSlug")
       SELECT t."id", s.slug FROM "Therapist" t JOIN "User" u ON u."id" = t."userId"
        CROSS JOIN (VALUES ('deep-tissue'), ('myofascial')) s(slug)
        WHERE u."email" LIKE 'history-therapist-%'`,
    );
    await client.query(
      `INSERT INTO "WorkingHours" ("id", "therapistId", "weekday", "startMinute", "endMinute")
       SELECT gen_random_uuid(), t."id", d, 480, 1080 FROM "Therapist" t JOIN "User" u ON u."id" = t."userId"
        CROSS JOIN generate_series(1, 5) d
        WHERE u."email" LIKE 'history-therapist-%'`,
    );

    // The grid: appointment n goes to therapist n % T, day 1 + (n / T) / PER_DAY back, hour 8 + (n / T) % PER_DAY.
    await client.query(
      `CREATE TEMP TABLE history_therapist ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY "id") - 1 AS i, "id" FROM "Therapist"`,
    );
    await client.query(
      `CREATE TEMP TABLE history_patient ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY "id") - 1 AS i, "id" FROM "User" WHERE "role" = 'PATIENT' AND "email" <> $1`,
      [people.emptyListEmail],
    );
    const { rows: countRows } = await client.query<{ t: string; p: string }>(
      `SELECT (SELECT count(*) FROM history_therapist) AS t, (SELECT count(*) FROM history_patient) AS p`,
    );
    const therapistCount = Number(countRows[0]!.t);
    const patientCount = Number(countRows[0]!.p);
    const days = Math.ceil(size.appointments / (therapistCount * PER_DAY));
    if (days > 366) throw new Error(`${size.appointments} appointments need ${days} days on ${therapistCount} therapists' grids: more than a year`);
    await client.query(
      `CREATE TEMP TABLE history_visit ON COMMIT DROP AS
       SELECT n, gen_random_uuid() AS "id", gen_random_uuid() AS "intakeId",
              t."id" AS "therapistId", p."id" AS "patientId",
              (ARRAY['swedish', 'swedish', 'deep-tissue', 'myofascial'])[1 + n % 4] AS "massageTypeSlug",
              date_trunc('day', now()) - (1 + (n / $1) / ${PER_DAY}) * interval '1 day' + (8 + (n / $1) % ${PER_DAY}) * interval '1 hour' AS "startsAt",
              CASE WHEN n % 20 < 17 THEN 'COMPLETED' WHEN n % 20 < 19 THEN 'CANCELLED' ELSE 'NO_SHOW' END::"AppointmentStatus" AS "status"
         FROM generate_series(0, $2::int - 1) n
         JOIN history_therapist t ON t.i = n % $1
         JOIN history_patient p ON p.i = (n * 7919) % $3`,
      [therapistCount, size.appointments, patientCount],
    );
    await client.query(
      `INSERT INTO "Appointment" ("id", "therapistId", "patientId", "massageTypeSlug", "startsAt", "endsAt", "status",
                                  "cancelReason", "seriesId", "createdAt", "updatedAt")
       SELECT "id", "therapistId", "patientId", "massageTypeSlug", "startsAt", "startsAt" + interval '50 minutes', "status",
              CASE WHEN "status" = 'CANCELLED' THEN 'Cancelled by the patient' END, "id",
              "startsAt" - interval '7 days', "startsAt" + interval '50 minutes'
         FROM history_visit ORDER BY n`,
    );
    await client.query(
      `INSERT INTO "Intake" ("id", "appointmentId", "patientId", "painOnset", "painAreas", "painLevel", "fever", "contagiousIllness",
                             "acuteInjury", "cardiovascular", "cancer", "diabetes", "osteoporosis", "createdAt")
       SELECT "intakeId", "id", "patientId", CASE WHEN n % 3 = 0 THEN 'RECENT' ELSE 'CHRONIC' END::"PainOnset",
              ARRAY[(ARRAY['lower-back', 'upper-back', 'neck', 'shoulders'])[1 + n % 4]], (n % 11)::int,
              false, false, false, false, false, false, false, "startsAt" - interval '7 days'
         FROM history_visit ORDER BY n`,
    );
    await client.query(
      `INSERT INTO "AuditEntry" ("at", "actorId", "actorRole", "action", "entityType", "entityId", "toState")
       SELECT "startsAt" - interval '7 days', "patientId", 'PATIENT', 'appointment.created', 'Appointment', "id"::text, 'CONFIRMED'
         FROM history_visit ORDER BY "startsAt", n`,
    );
    await client.query("COMMIT");
    await client.query(`ANALYZE`);
    return {
      patients: size.patients,
      therapists: size.therapists,
      appointments: size.appointments,
      intakes: size.appointments,
      auditEntries: size.appointments,
      days,
      ms: Date.now() - started,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
