// The day-before health check job (lib/jobs/run.ts, "health-check"): at the
// clinic's check hour the day before, each confirmed appointment's patient is
// mailed the three questions. Safe with several instances at once: the mail is
// queued in the transaction that inserts the appointment's HealthCheck row, and
// the row is unique per appointment (INSERT ... ON CONFLICT DO NOTHING): of two
// instances the second waits for the first's insert and inserts nothing, so
// each appointment gets exactly one mail. An appointment the patient answered
// for already (from their page, before the job ran) has its row, and no mail.
import type { Db } from "@/lib/db/prisma";
import { enqueueMail } from "@/lib/mail/outbox";
import { getClinicSettings } from "@/lib/settings";
import { healthCheckMail, type HealthCheckMailInput } from "./mail";
import { checkWindow, LONGEST_OPEN_MS } from "./window";

export interface HealthCheckRunCounts {
  /** Patients mailed (the mail is in the outbox, sent by the mail job). */
  mailed: number;
  /** Taken by another instance, or no longer confirmed, between the look and the insert. */
  skipped: number;
}

export const HEALTH_CHECKS_PER_RUN = 500;

export async function sendHealthChecks(db: Db, options: { now: Date; appUrl: string; limit?: number }): Promise<HealthCheckRunCounts> {
  const { now } = options;
  const settings = await getClinicSettings(db);
  // Every check that can be open now starts within LONGEST_OPEN_MS; the exact opening is the clinic clock's call.
  const candidates = await db.appointment.findMany({
    where: { status: "CONFIRMED", startsAt: { gt: now, lte: new Date(now.getTime() + LONGEST_OPEN_MS) }, healthCheck: null },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: options.limit ?? HEALTH_CHECKS_PER_RUN,
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      patient: { select: { name: true, email: true } },
      therapist: { select: { user: { select: { name: true } } } },
      massageType: { select: { name: true } },
    },
  });
  const counts: HealthCheckRunCounts = { mailed: 0, skipped: 0 };
  for (const appointment of candidates) {
    if (checkWindow(appointment.startsAt, settings, now) !== "open") continue;
    const input: HealthCheckMailInput = {
      appointmentId: appointment.id,
      patientName: appointment.patient.name,
      patientEmail: appointment.patient.email,
      therapistName: appointment.therapist.user.name,
      massageTypeName: appointment.massageType.name,
      start: appointment.startsAt,
      end: appointment.endsAt,
      timeZone: settings.timeZone,
      clinicName: settings.clinicName,
      appUrl: options.appUrl,
    };
    const mailed = await db.$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<Array<{ id: string }>>`
        INSERT INTO "HealthCheck" ("id", "appointmentId", "mailQueuedAt")
        SELECT gen_random_uuid(), a."id", ${now.toISOString()}::timestamptz FROM "Appointment" a
         WHERE a."id" = ${appointment.id}::uuid AND a."status" = 'CONFIRMED'::"AppointmentStatus"
        ON CONFLICT ("appointmentId") DO NOTHING
        RETURNING "id"::text AS id`;
      if (claimed.length === 0) return false;
      await enqueueMail(tx, healthCheckMail(input));
      return true;
    });
    if (mailed) counts.mailed += 1;
    else counts.skipped += 1;
  }
  return counts;
}
