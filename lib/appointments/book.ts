// Create: a patient books. Screening first (a contraindication refuses the
// booking in hand and is recorded); then, in one transaction after the
// patient's and the therapist's locks, the rules on what was committed last:
// coverage (the health record with this intake, approvals and restrictions at
// the start), the slot rule, and one insert of everything the booking writes.
import { randomUUID } from "node:crypto";
import { writeAudit, type AuditActor, type AuditInput } from "@/lib/audit";
import type { Db, DbClient } from "@/lib/db/prisma";
import { isExclusionViolation, isRetryableConflict, isUniqueViolation } from "@/lib/db/errors";
import { ClinicalRefusalError, ValidationError } from "@/lib/errors";
import { bookingConfirmedMail, bookingHeldMail, type AppointmentMailInput } from "@/lib/mail/templates";
import { conditionIdentity, unionConditions } from "@/lib/screening/record";
import { declaredConditions, intakeColumns, screenIntake } from "@/lib/screening/screen";
import { requireHealthDataConsent } from "@/lib/privacy/consent";
import type { Booking } from "@/lib/validation/booking";
import { loadVisitContext } from "./context";
import { evaluateCoverage, requestedConditions } from "./coverage";
import { notOffered, restrictionRefusal, SlotTakenError } from "./errors";
import { canHoldForClearance, heldTooSoonMessage, holdCutoff } from "./holds";
import { lockVisit } from "./locks";
import { reviewUpcoming } from "./review";
import { clinicEmail } from "./mail";
import { nearestAlternatives, slotFree } from "./slots";
import { insertAppointmentSql, type NewAppointment } from "./writes";

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
  /** Runs inside the booking's transaction once the appointment is written (a waitlist claim marks its offer); throwing undoes the booking. */
  onBooked?: (tx: DbClient, result: BookingResult) => Promise<void>;
}

const MAX_ATTEMPTS = 3;
const CHOOSE_PHYSICIAN = "Choose the physician who should review your clearance.";

export async function bookAppointment(db: Db, request: BookRequest): Promise<BookingResult> {
  const now = request.now ?? new Date();
  const { booking, patient } = request;
  // No health data is taken, screened or kept without the patient's explicit consent on record (docs/decisions/0021).
  await requireHealthDataConsent(db, patient.id);

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

  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction((tx) => bookLocked(tx, request, now), { maxWait: 10_000, timeout: 20_000 });
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

async function bookLocked(tx: DbClient, request: BookRequest, now: Date): Promise<BookingResult> {
  const { booking, patient } = request;
  await lockVisit(tx, { patientId: patient.id, therapistId: booking.therapistId });
  const context = await loadVisitContext(tx, {
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
    const earlier = await findByIdempotencyKey(tx, patient.id, request.idempotencyKey);
    if (earlier) return earlier;
  }
  const { settings, coverage: standing } = context;

  // The record and this intake together: a condition declared before is still there when the box is left unticked.
  const declared = declaredConditions(booking.intake);
  const conditions = unionConditions(standing.conditions, declared);
  const visit = { massageType: booking.massageType, duration: booking.duration, start: booking.start };
  const coverage = evaluateCoverage({ ...standing, conditions }, visit);
  // A new booking that breaks a restriction in force is refused: the patient chooses what the physician allows.
  if (coverage.mismatches.length) throw restrictionRefusal(coverage.mismatches, visit, settings.timeZone);

  const held = coverage.status === "HELD";
  const holdUntil = holdCutoff(booking.start, settings);
  const physicianId = booking.physicianId ?? standing.lastPhysicianId ?? undefined;
  if (held) {
    if (!physicianId || (booking.physicianId && !context.physicianActive)) {
      throw new ValidationError(CHOOSE_PHYSICIAN, { physicianId: CHOOSE_PHYSICIAN });
    }
    if (!canHoldForClearance(booking.start, now, settings)) {
      const message = heldTooSoonMessage(settings);
      throw new ValidationError(message, { start: message });
    }
  }
  // Shifts, grid, notice, horizon, certification, time off and the buffer: the rule behind the times on offer.
  const slot = slotFree(context.therapist, settings, { duration: booking.duration, start: booking.start, now });
  if (slot === "not_offered") throw notOffered();
  if (slot === "taken") throw new SlotTakenError([]);

  const appointmentId = randomUUID();
  const intakeId = randomUUID();
  const clearanceId = held ? randomUUID() : null;
  const end = new Date(booking.start.getTime() + booking.duration * 60_000);
  const requested = requestedConditions(coverage.uncovered);
  const recorded = new Set(standing.conditions.map(conditionIdentity));
  const newConditions = declared.filter((condition) => !recorded.has(conditionIdentity(condition)));
  const status = held ? "HELD" : "CONFIRMED";

  const mailInput: AppointmentMailInput = {
    appointmentId,
    seriesId: appointmentId,
    sequence: 0,
    patientName: context.patient.name,
    patientEmail: context.patient.email,
    therapistName: context.therapist.name,
    massageTypeName: context.massageTypeName,
    start: booking.start,
    end,
    timeZone: settings.timeZone,
    clinicName: settings.clinicName,
    cancellationNoticeHours: settings.cancellationNoticeHours,
    clinicEmail: clinicEmail(),
    appUrl: request.appUrl,
    stamp: now,
  };
  const audits: AuditInput[] = [
    {
      actor: patient,
      action: "appointment.created",
      entityType: "Appointment",
      entityId: appointmentId,
      toState: status,
      details: held
        ? { clearanceConditions: requested.keys }
        : coverage.coveredBy.length
          ? { coveredByClearances: coverage.coveredBy }
          : undefined,
      ipAddress: request.ipAddress,
    },
  ];
  if (clearanceId) {
    audits.push({
      actor: patient,
      action: "clearance.requested",
      entityType: "ClearanceRequest",
      entityId: clearanceId,
      toState: "AWAITING_DOCUMENT",
      ipAddress: request.ipAddress,
    });
  }
  if (newConditions.length) {
    audits.push({
      actor: patient,
      action: "health_record.declared",
      entityType: "User",
      entityId: patient.id,
      details: { conditions: newConditions.map((condition) => condition.key), intakeId },
      ipAddress: request.ipAddress,
    });
  }
  const row: NewAppointment = {
    id: appointmentId,
    therapistId: booking.therapistId,
    patientId: patient.id,
    massageType: booking.massageType,
    start: booking.start,
    end,
    status,
    hold: held ? { reason: "clearance", until: holdUntil } : null,
    idempotencyKey: request.idempotencyKey,
    seriesId: appointmentId,
    sequence: 0,
    intake: { kind: "new", id: intakeId, columns: intakeColumns(booking.intake) },
    clearance:
      clearanceId && physicianId
        ? { kind: "new", id: clearanceId, physicianId, conditions: requested.keys, otherSerious: requested.otherSerious, holdUntil }
        : null,
    newConditions,
    restrictionIds: coverage.restrictions.map((restriction) => restriction.id),
    mails: [held ? bookingHeldMail({ ...mailInput, holdUntil }) : bookingConfirmedMail(mailInput)],
    clinic: settings,
    audits,
  };
  await tx.$queryRaw(insertAppointmentSql(row));
  if (newConditions.length) {
    // A condition told for the first time reaches the patient's other upcoming appointments too.
    await reviewUpcoming(tx, {
      patientId: patient.id,
      actor: patient,
      physicianId,
      except: appointmentId,
      settings,
      appUrl: request.appUrl,
      now,
      ipAddress: request.ipAddress,
    });
  }
  const result: BookingResult = {
    id: appointmentId,
    status: held ? "held" : "confirmed",
    start: booking.start,
    end,
    ...(clearanceId ? { clearance: { id: clearanceId, status: "awaiting_document", holdUntil } } : {}),
  };
  await request.onBooked?.(tx, result);
  return result;
}

async function findByIdempotencyKey(db: DbClient, patientId: string, key: string): Promise<BookingResult | null> {
  const appointment = await db.appointment.findUnique({
    where: { patientId_idempotencyKey: { patientId, idempotencyKey: key } },
    select: { id: true, status: true, startsAt: true, endsAt: true, clearance: { select: { id: true, status: true, holdUntil: true } } },
  });
  if (!appointment) return null;
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
