// Booking: screen the intake, then reserve the slot in one transaction.
// The hot path reads in one statement (lib/booking/context.ts) and writes in
// one statement after the therapist's lock (insertBookingSql), because it is the
// clinic's busiest write: docs/benchmarks.md and docs/decisions/0008.
// The exclusion constraint is the guard against double booking; the advisory
// lock on the therapist only makes contenders queue instead of failing late.
import { randomUUID } from "node:crypto";
import { writeAudit, type AuditActor } from "@/lib/audit";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db, DbClient } from "@/lib/db/prisma";
import { isExclusionViolation, isRetryableConflict, isUniqueViolation } from "@/lib/db/errors";
import { checkStandingClearance } from "@/lib/clearance/restrictions";
import { ClinicalRefusalError, ConflictError, ValidationError } from "@/lib/errors";
import { screenIntake } from "@/lib/screening/screen";
import { bookingConfirmedMail, bookingHeldMail, type AppointmentMailInput } from "@/lib/mail/templates";
import { outboxRow, type OutgoingMail } from "@/lib/mail/outbox";
import type { Booking } from "@/lib/validation/booking";
import { findAvailability, offeredSlotAt, type StartVerdict } from "./availability";
import { loadBookingContext } from "./context";

export interface BookingResult {
  id: string;
  status: "confirmed" | "held";
  start: Date;
  end: Date;
  clearance?: { id: string; status: string; holdUntil: Date };
}

export interface BookRequest {
  patient: AuditActor;
  booking: Booking;
  idempotencyKey?: string;
  appUrl: string;
  now?: Date;
  ipAddress?: string;
}

const SLOT_TAKEN = "Someone has just booked this time. Your answers are kept: choose another time.";
const MAX_ATTEMPTS = 3;

export class SlotTakenError extends ConflictError {
  constructor(alternatives: Array<{ start: Date; end: Date; therapistId: string }>) {
    super("slot_taken", SLOT_TAKEN);
    this.extra = {
      alternatives: alternatives.map((slot) => ({
        start: slot.start.toISOString(),
        end: slot.end.toISOString(),
        therapistId: slot.therapistId,
      })),
    };
  }
}

export async function bookAppointment(db: Db, request: BookRequest): Promise<BookingResult> {
  const now = request.now ?? new Date();
  const { booking, patient } = request;

  // Screening first: a patient with a fever hears that, whichever therapist or time they picked.
  const screening = screenIntake(booking.intake);
  if (screening.outcome === "refused") {
    if (request.idempotencyKey) {
      // A replayed key answers what it answered first.
      const earlier = await findByIdempotencyKey(db, patient.id, request.idempotencyKey);
      if (earlier) return earlier;
    }
    // Nothing is held; the refusal itself is kept (reason keys only, no free text).
    await writeAudit(db, {
      actor: patient,
      action: "booking.refused",
      entityType: "Booking",
      details: { reasons: screening.reasons.map((reason) => reason.key), therapistId: booking.therapistId },
      ipAddress: request.ipAddress,
    });
    throw new ClinicalRefusalError(screening.reasons);
  }

  // One statement: settings, names, the therapist's schedule, physician, standing approvals, an earlier request.
  const context = await loadBookingContext(db, {
    patientId: patient.id,
    therapistId: booking.therapistId,
    massageType: booking.massageType,
    duration: booking.duration,
    start: booking.start,
    physicianId: booking.physicianId,
    idempotencyKey: request.idempotencyKey,
    now,
  });
  if (context.earlierAppointmentId && request.idempotencyKey) {
    const earlier = await findByIdempotencyKey(db, patient.id, request.idempotencyKey);
    if (earlier) return earlier;
  }

  const { settings } = context;
  const conditions = screening.outcome === "clearance" ? screening.conditions : [];
  // A valid approval may already cover the declared conditions; its restrictions bind every booking (422 otherwise).
  const standing = context.hasStandingClearance
    ? await checkStandingClearance(db, {
        patientId: patient.id,
        massageType: booking.massageType,
        duration: booking.duration,
        start: booking.start,
        conditions,
        otherSerious: booking.intake.conditions.otherSerious,
        timeZone: settings.timeZone,
      })
    : { needsClearance: conditions.length > 0, restrictionId: null, coveredBy: [] };
  const needsClearance = standing.needsClearance;
  const end = new Date(booking.start.getTime() + booking.duration * 60_000);
  const holdUntil = new Date(booking.start.getTime() - settings.holdCutoffHours * 3_600_000);
  if (needsClearance) {
    if (!booking.physicianId || !context.physicianActive) {
      throw new ValidationError("Choose a physician from the clinic's list.", { physicianId: "Choose a physician from the clinic's list." });
    }
    if (holdUntil <= now) {
      const message = `Your physician needs time to clear this massage: choose a time at least ${settings.holdCutoffHours} hours from now.`;
      throw new ValidationError(message, { start: message });
    }
  }
  // Shifts, grid, notice, horizon, certification and time off: the same rules as the times on offer.
  if (!offeredSlotAt(context.therapist, settings, { duration: booking.duration, start: booking.start, now })) throw notOffered();

  const appointmentId = randomUUID();
  const status = needsClearance ? "HELD" : "CONFIRMED";
  const mailInput: AppointmentMailInput = {
    appointmentId,
    patientName: context.patient.name,
    patientEmail: context.patient.email,
    therapistName: context.therapist.name,
    massageTypeName: context.massageTypeName,
    start: booking.start,
    end,
    timeZone: settings.timeZone,
    clinicName: settings.clinicName,
    appUrl: request.appUrl,
    sequence: 0,
  };
  const mail = needsClearance ? bookingHeldMail({ ...mailInput, holdUntil }) : bookingConfirmedMail(mailInput);

  for (let attempt = 1; ; attempt++) {
    try {
      // Two statements in one transaction, sent together: the lock, then the write (whose snapshot follows the lock).
      const [, rows] = await db.$transaction([
        db.$queryRaw(lockTherapistSql(booking.therapistId)),
        db.$queryRaw<InsertRow[]>(
          insertBookingSql({
            appointmentId,
            patient,
            booking,
            end,
            status,
            restrictionId: standing.restrictionId,
            idempotencyKey: request.idempotencyKey,
            clearance: needsClearance && booking.physicianId ? { physicianId: booking.physicianId, conditions, holdUntil } : null,
            mail,
            auditDetails: needsClearance
              ? { clearanceConditions: conditions }
              : standing.coveredBy.length
                ? { coveredByClearances: standing.coveredBy }
                : null,
            ipAddress: request.ipAddress,
            today: now,
          }),
        ),
      ]);
      const written = insertVerdict(rows[0]);
      if (written.verdict === "taken") throw new SlotTakenError([]);
      if (written.verdict === "not_offered") throw notOffered();
      return {
        id: appointmentId,
        status: needsClearance ? "held" : "confirmed",
        start: booking.start,
        end,
        ...(written.clearanceId ? { clearance: { id: written.clearanceId, status: "awaiting_document", holdUntil } } : {}),
      };
    } catch (error) {
      if (request.idempotencyKey && (error instanceof SlotTakenError || isExclusionViolation(error) || isUniqueViolation(error))) {
        // The same request arrived twice at once and the first one won: its answer is the answer.
        const earlier = await findByIdempotencyKey(db, patient.id, request.idempotencyKey);
        if (earlier) return earlier;
      }
      if (error instanceof SlotTakenError || isExclusionViolation(error)) {
        throw new SlotTakenError(await nearestAlternatives(db, booking, now));
      }
      if (isRetryableConflict(error) && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

const notOffered = () =>
  new ValidationError("This time cannot be booked.", {
    start: "This time cannot be booked with this therapist. Choose one of the times offered.",
  });

interface NewBooking {
  appointmentId: string;
  patient: AuditActor;
  booking: Booking;
  end: Date;
  status: "HELD" | "CONFIRMED";
  restrictionId: string | null;
  idempotencyKey?: string;
  clearance: { physicianId: string; conditions: string[]; holdUntil: Date } | null;
  mail: OutgoingMail;
  auditDetails: Prisma.InputJsonValue | null;
  ipAddress?: string;
  today: Date;
}

/**
 * The booking's writes in one statement, to run after the therapist's lock in
 * the same transaction (so its snapshot sees every booking that held the lock before): unless an active
 * appointment comes within the therapist's buffer, or the therapist has since
 * become unbookable or taken the time off, it inserts the appointment, its
 * intake, the clearance request when held, the mail in the outbox and the
 * audit entries (last, as lib/audit.ts asks: each row depends on the
 * appointment's). The exclusion constraint still guards the insert.
 * "taken" and "not_offered" write nothing.
 */
function insertBookingSql(input: NewBooking): Prisma.Sql {
  const { booking, patient, mail } = input;
  const start = booking.start.toISOString();
  const end = input.end.toISOString();
  const intake = booking.intake;
  const outbox = outboxRow(mail);
  const clearance = input.clearance;
  return Prisma.sql`
    WITH guard AS (
      SELECT
        EXISTS (SELECT 1 FROM "Appointment" a
                 WHERE a."therapistId" = t."id" AND a."status" IN ('HELD', 'CONFIRMED')
                   AND a."startsAt" < ${end}::timestamptz + make_interval(mins => t."bufferMinutes")
                   AND a."endsAt" > ${start}::timestamptz - make_interval(mins => t."bufferMinutes")) AS "taken",
        (NOT t."active"
          OR t."certificationExpiry" < ${input.today.toISOString().slice(0, 10)}::date
          OR EXISTS (SELECT 1 FROM "TimeOff" o
                      WHERE o."therapistId" = t."id" AND o."startsAt" < ${end}::timestamptz AND o."endsAt" > ${start}::timestamptz)) AS "unavailable"
      FROM "Therapist" t
      WHERE t."id" = ${booking.therapistId}::uuid
    ), appointment AS (
      INSERT INTO "Appointment" ("id", "therapistId", "patientId", "massageTypeSlug", "startsAt", "endsAt", "status",
                                 "restrictionId", "idempotencyKey", "updatedAt")
      SELECT ${input.appointmentId}::uuid, ${booking.therapistId}::uuid, ${patient.id}::uuid, ${booking.massageType},
             ${start}::timestamptz, ${end}::timestamptz, ${input.status}::"AppointmentStatus",
             ${input.restrictionId}::uuid, ${input.idempotencyKey ?? null}, now()
        FROM guard WHERE NOT guard."taken" AND NOT guard."unavailable"
      RETURNING "id"
    ), intake AS (
      INSERT INTO "Intake" ("id", "appointmentId", "patientId", "painOnset", "painAreas", "painLevel", "fever",
                            "contagiousIllness", "acuteInjury", "cardiovascular", "cancer", "diabetes", "osteoporosis",
                            "otherSerious", "notes")
      SELECT gen_random_uuid(), appointment."id", ${patient.id}::uuid,
             ${intake.painOnset === "recent" ? "RECENT" : "CHRONIC"}::"PainOnset", ${intake.painAreas}::text[], ${intake.painLevel}::int,
             ${intake.symptoms.fever}, ${intake.symptoms.contagiousIllness}, ${intake.symptoms.acuteInjury},
             ${intake.conditions.cardiovascular}, ${intake.conditions.cancer}, ${intake.conditions.diabetes},
             ${intake.conditions.osteoporosis}, ${intake.conditions.otherSerious ?? null}, ${intake.notes ?? null}
        FROM appointment
    ), clearance AS (
      INSERT INTO "ClearanceRequest" ("id", "appointmentId", "patientId", "physicianId", "conditions", "holdUntil", "updatedAt")
      SELECT gen_random_uuid(), appointment."id", ${patient.id}::uuid, ${clearance?.physicianId ?? null}::uuid,
             ${clearance?.conditions ?? []}::text[], ${clearance?.holdUntil.toISOString() ?? null}::timestamptz, now()
        FROM appointment WHERE ${clearance !== null}
      RETURNING "id"
    ), mail AS (
      INSERT INTO "OutboxMessage" ("id", "to", "subject", "text", "html", "attachments")
      SELECT gen_random_uuid(), ${outbox.to}, ${outbox.subject}, ${outbox.text}, ${outbox.html},
             ${outbox.attachments === null ? null : JSON.stringify(outbox.attachments)}::jsonb
        FROM appointment
    ), audit AS (
      INSERT INTO "AuditEntry" ("actorId", "actorRole", "action", "entityType", "entityId", "fromState", "toState", "details", "ipAddress")
      SELECT ${patient.id}::uuid, ${patient.role}::"Role", 'appointment.created', 'Appointment', appointment."id"::text,
             NULL, ${input.status}, ${input.auditDetails === null ? null : JSON.stringify(input.auditDetails)}::jsonb, ${input.ipAddress ?? null}
        FROM appointment
      UNION ALL
      SELECT ${patient.id}::uuid, ${patient.role}::"Role", 'clearance.requested', 'ClearanceRequest', clearance."id"::text,
             NULL, 'AWAITING_DOCUMENT', NULL, ${input.ipAddress ?? null}
        FROM clearance
    )
    SELECT (SELECT "taken" FROM guard) AS "taken", (SELECT "unavailable" FROM guard) AS "unavailable",
           (SELECT "id"::text FROM clearance) AS "clearanceId"`;
}

interface InsertRow {
  taken: boolean | null;
  unavailable: boolean | null;
  clearanceId: string | null;
}

/** No row from the guard (an unknown therapist) counts as not offered. */
function insertVerdict(row: InsertRow | undefined): { verdict: StartVerdict; clearanceId: string | null } {
  const verdict: StartVerdict = row?.taken ? "taken" : row?.taken === false && row.unavailable === false ? "available" : "not_offered";
  return { verdict, clearanceId: row?.clearanceId ?? null };
}

/** Contenders for one therapist wait here, in order, for the length of a transaction. */
export async function lockTherapist(tx: DbClient, therapistId: string): Promise<void> {
  await tx.$queryRaw(lockTherapistSql(therapistId));
}

function lockTherapistSql(therapistId: string): Prisma.Sql {
  return Prisma.sql`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${therapistId}, 0))) AS l`;
}

async function findByIdempotencyKey(db: DbClient, patientId: string, key: string): Promise<BookingResult | null> {
  const appointment = await db.appointment.findUnique({
    where: { patientId_idempotencyKey: { patientId, idempotencyKey: key } },
    select: { id: true, status: true, startsAt: true, endsAt: true, clearance: { select: { id: true, status: true, holdUntil: true } } },
  });
  return appointment ? toResult(appointment) : null;
}

function toResult(appointment: {
  id: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  clearance: { id: string; status: string; holdUntil: Date } | null;
}): BookingResult {
  return {
    id: appointment.id,
    status: appointment.status === "HELD" ? "held" : "confirmed",
    start: appointment.startsAt,
    end: appointment.endsAt,
    ...(appointment.clearance
      ? {
          clearance: {
            id: appointment.clearance.id,
            status: appointment.clearance.status.toLowerCase(),
            holdUntil: appointment.clearance.holdUntil,
          },
        }
      : {}),
  };
}

/** The free times nearest the one that was taken: same therapist, same type and length, within three days. */
export async function nearestAlternatives(
  db: DbClient,
  booking: { therapistId: string; massageType: Booking["massageType"]; duration: number; start: Date },
  now: Date,
  count = 3,
) {
  const from = new Date(Math.max(now.getTime(), booking.start.getTime() - 3 * 86_400_000));
  const to = new Date(booking.start.getTime() + 3 * 86_400_000);
  const { slots } = await findAvailability(db, {
    therapistId: booking.therapistId,
    massageType: booking.massageType,
    duration: booking.duration,
    from,
    to,
    now,
  });
  const target = booking.start.getTime();
  return slots.toSorted((a, b) => Math.abs(a.start.getTime() - target) - Math.abs(b.start.getTime() - target)).slice(0, count);
}
