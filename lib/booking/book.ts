// Booking: screen the intake, then reserve the slot in one transaction.
// The exclusion constraint is the guard against double booking; the advisory
// lock on the therapist only makes contenders queue instead of failing late.
import { writeAudit, type AuditActor } from "@/lib/audit";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db, DbClient } from "@/lib/db/prisma";
import { isExclusionViolation, isRetryableConflict, isUniqueViolation } from "@/lib/db/errors";
import { checkStandingClearance } from "@/lib/clearance/restrictions";
import { ClinicalRefusalError, ConflictError, ValidationError } from "@/lib/errors";
import { screenIntake } from "@/lib/screening/screen";
import { bookableTherapistWhere } from "@/lib/catalogue/queries";
import { getClinicSettings } from "@/lib/settings";
import type { Booking } from "@/lib/validation/booking";
import { explainStart, findAvailability } from "./availability";
import { queueAppointmentMail } from "./mail";

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

  if (request.idempotencyKey) {
    const earlier = await findByIdempotencyKey(db, patient.id, request.idempotencyKey);
    if (earlier) return earlier;
  }

  const screening = screenIntake(booking.intake);
  if (screening.outcome === "refused") {
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

  const bookable = await db.therapist.count({
    where: { id: booking.therapistId, ...bookableTherapistWhere({ massageType: booking.massageType, now }) },
  });
  if (!bookable) {
    const message = "Choose one of the clinic's therapists who offers this massage.";
    throw new ValidationError(message, { therapistId: message });
  }

  const settings = await getClinicSettings(db);
  // A valid approval may already cover the declared conditions; its restrictions bind every booking (422 otherwise).
  const standing = await checkStandingClearance(db, {
    patientId: patient.id,
    massageType: booking.massageType,
    duration: booking.duration,
    start: booking.start,
    conditions: screening.outcome === "clearance" ? screening.conditions : [],
    otherSerious: booking.intake.conditions.otherSerious,
    timeZone: settings.timeZone,
  });
  const needsClearance = standing.needsClearance;
  const end = new Date(booking.start.getTime() + booking.duration * 60_000);
  const holdUntil = new Date(booking.start.getTime() - settings.holdCutoffHours * 3_600_000);
  if (needsClearance) {
    const physician = booking.physicianId
      ? await db.physician.findFirst({ where: { id: booking.physicianId, active: true }, select: { id: true } })
      : null;
    if (!physician) {
      throw new ValidationError("Choose a physician from the clinic's list.", { physicianId: "Choose a physician from the clinic's list." });
    }
    if (holdUntil <= now) {
      const message = `Your physician needs time to clear this massage: choose a time at least ${settings.holdCutoffHours} hours from now.`;
      throw new ValidationError(message, { start: message });
    }
  }

  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          await lockTherapist(tx, booking.therapistId);
          const verdict = await explainStart(tx, {
            therapistId: booking.therapistId,
            massageType: booking.massageType,
            duration: booking.duration,
            start: booking.start,
            now,
          });
          if (verdict === "not_offered") {
            throw new ValidationError("This time cannot be booked.", {
              start: "This time cannot be booked with this therapist. Choose one of the times offered.",
            });
          }
          if (verdict === "taken") throw new SlotTakenError([]);

          const status = needsClearance ? "HELD" : "CONFIRMED";
          const appointment = await tx.appointment.create({
            data: {
              therapistId: booking.therapistId,
              patientId: patient.id,
              massageTypeSlug: booking.massageType,
              startsAt: booking.start,
              endsAt: end,
              status,
              restrictionId: standing.restrictionId,
              idempotencyKey: request.idempotencyKey,
              intake: {
                create: {
                  patientId: patient.id,
                  painOnset: booking.intake.painOnset === "recent" ? "RECENT" : "CHRONIC",
                  painAreas: booking.intake.painAreas,
                  painLevel: booking.intake.painLevel,
                  ...booking.intake.symptoms,
                  cardiovascular: booking.intake.conditions.cardiovascular,
                  cancer: booking.intake.conditions.cancer,
                  diabetes: booking.intake.conditions.diabetes,
                  osteoporosis: booking.intake.conditions.osteoporosis,
                  otherSerious: booking.intake.conditions.otherSerious ?? null,
                  notes: booking.intake.notes ?? null,
                },
              },
              ...(needsClearance && screening.outcome === "clearance" && booking.physicianId
                ? {
                    clearance: {
                      create: {
                        patientId: patient.id,
                        physicianId: booking.physicianId,
                        conditions: screening.conditions,
                        holdUntil,
                      },
                    },
                  }
                : {}),
            },
            select: { id: true, clearance: { select: { id: true, status: true, holdUntil: true } } },
          });
          await queueAppointmentMail(
            tx,
            appointment.id,
            request.appUrl,
            needsClearance ? { kind: "held", holdUntil } : { kind: "confirmed" },
          );
          // Audit last: appending to the hash chain serialises writers until commit, so keep that short.
          await writeAudit(tx, {
            actor: patient,
            action: "appointment.created",
            entityType: "Appointment",
            entityId: appointment.id,
            fromState: null,
            toState: status,
            details: needsClearance && screening.outcome === "clearance"
              ? { clearanceConditions: screening.conditions }
              : standing.coveredBy.length
                ? { coveredByClearances: standing.coveredBy }
                : undefined,
            ipAddress: request.ipAddress,
          });
          if (appointment.clearance) {
            await writeAudit(tx, {
              actor: patient,
              action: "clearance.requested",
              entityType: "ClearanceRequest",
              entityId: appointment.clearance.id,
              toState: "AWAITING_DOCUMENT",
              ipAddress: request.ipAddress,
            });
          }
          return toResult({ id: appointment.id, status, startsAt: booking.start, endsAt: end, clearance: appointment.clearance });
        },
        { maxWait: 10_000, timeout: 20_000 },
      );
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

/** Contenders for one therapist wait here, in order, for the length of a transaction. */
export async function lockTherapist(tx: DbClient, therapistId: string): Promise<void> {
  await tx.$queryRaw(Prisma.sql`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${therapistId}, 0))) AS l`);
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
