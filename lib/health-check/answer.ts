// The patient answers the day-before health check (the API, the appointment
// page's form and the tests all call answerHealthCheck). One transaction under
// the appointment's row lock: the answer is recorded and audited, and any yes
// cancels through the lifecycle without the cancellation notice
// (cancelAfterHealthCheck), which frees the time for the waitlist, mails the
// patient the cancellation and the therapist the news. The first answer stands:
// a second one, even a different one, gets the first back and changes nothing.
import { writeAudit, type AuditActor } from "@/lib/audit";
import { cancelAfterHealthCheck } from "@/lib/appointments";
import { lockAppointments } from "@/lib/appointments/locks";
import { appointmentScope } from "@/lib/booking/queries";
import type { Db, DbClient } from "@/lib/db/prisma";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { AppointmentStatus, Role } from "@/lib/generated/prisma/enums";
import { enqueueMail } from "@/lib/mail/outbox";
import { getClinicSettings } from "@/lib/settings";
import { anyYes, type HealthCheckAnswers } from "@/lib/validation/health-check";
import { healthCheckCancelledTherapistMail } from "./mail";
import { answersOf } from "./queries";
import { checkWindow } from "./window";

export interface AnswerRequest {
  user: AuditActor & { role: Role };
  appointmentId: string;
  answers: HealthCheckAnswers;
  appUrl: string;
  now?: Date;
  ipAddress?: string;
}

export interface HealthCheckOutcome {
  /** The appointment's status after the answer: still confirmed (all no) or cancelled (a yes). */
  status: AppointmentStatus;
  answers: HealthCheckAnswers;
  answeredAt: Date;
  /** False when this was a later answer and the first one was given back. */
  recorded: boolean;
}

export async function answerHealthCheck(db: Db, request: AnswerRequest): Promise<HealthCheckOutcome> {
  const now = request.now ?? new Date();
  const { user, appointmentId } = request;
  const visible = await db.appointment.findFirst({ where: { AND: [{ id: appointmentId }, appointmentScope(user)] }, select: { patientId: true } });
  if (!visible) throw new NotFoundError("No such appointment.");
  // Its therapist, the physician clearing it and the clinic see it, but only the patient can say how they are.
  if (user.role !== "PATIENT" || visible.patientId !== user.id) throw new ForbiddenError("Only the patient answers their health check.");

  return db.$transaction((tx) => answerInTransaction(tx, request, now), { maxWait: 10_000, timeout: 20_000 });
}

async function answerInTransaction(tx: DbClient, request: AnswerRequest, now: Date): Promise<HealthCheckOutcome> {
  const { user, appointmentId, answers } = request;
  await lockAppointments(tx, [appointmentId]);
  const [appointment, settings] = await Promise.all([
    tx.appointment.findUniqueOrThrow({
      where: { id: appointmentId },
      select: {
        status: true,
        startsAt: true,
        endsAt: true,
        patient: { select: { name: true } },
        therapist: { select: { user: { select: { name: true, email: true } } } },
        massageType: { select: { name: true } },
        healthCheck: { select: { fever: true, contagiousIllness: true, acuteInjury: true, answeredAt: true } },
      },
    }),
    getClinicSettings(tx),
  ]);
  const first = answersOf(appointment.healthCheck);
  if (first && appointment.healthCheck?.answeredAt) {
    return { status: appointment.status, answers: first, answeredAt: appointment.healthCheck.answeredAt, recorded: false };
  }
  if (appointment.status !== "CONFIRMED") {
    throw new ConflictError("not_answerable", "Only a confirmed appointment has a health check; this one is not confirmed.");
  }
  const window = checkWindow(appointment.startsAt, settings, now);
  if (window === "over") throw new ConflictError("not_answerable", "This appointment has already started: the health check is closed.");
  if (window === "not-yet") {
    throw new ConflictError(
      "not_answerable",
      `The health check opens at ${String(settings.healthCheckHour).padStart(2, "0")}:00 the day before the appointment.`,
    );
  }

  await tx.$executeRaw`
    INSERT INTO "HealthCheck" ("id", "appointmentId", "fever", "contagiousIllness", "acuteInjury", "answeredAt", "answeredById")
    VALUES (gen_random_uuid(), ${appointmentId}::uuid, ${answers.fever}, ${answers.contagiousIllness}, ${answers.acuteInjury},
            ${now.toISOString()}::timestamptz, ${user.id}::uuid)
    ON CONFLICT ("appointmentId") DO UPDATE SET
      "fever" = EXCLUDED."fever", "contagiousIllness" = EXCLUDED."contagiousIllness", "acuteInjury" = EXCLUDED."acuteInjury",
      "answeredAt" = EXCLUDED."answeredAt", "answeredById" = EXCLUDED."answeredById"`;
  const cancels = anyYes(answers);
  await writeAudit(tx, {
    actor: user,
    action: "health_check.answered",
    entityType: "Appointment",
    entityId: appointmentId,
    details: { ...answers, outcome: cancels ? "cancelled" : "confirmed" },
    ipAddress: request.ipAddress,
  });
  if (!cancels) return { status: "CONFIRMED", answers, answeredAt: now, recorded: true };

  await cancelAfterHealthCheck(tx, { appointmentId, actor: user, appUrl: request.appUrl, now, ipAddress: request.ipAddress });
  await enqueueMail(
    tx,
    healthCheckCancelledTherapistMail({
      appointmentId,
      patientName: appointment.patient.name,
      therapistName: appointment.therapist.user.name,
      therapistEmail: appointment.therapist.user.email,
      massageTypeName: appointment.massageType.name,
      start: appointment.startsAt,
      end: appointment.endsAt,
      timeZone: settings.timeZone,
      clinicName: settings.clinicName,
      appUrl: request.appUrl,
      answeredAt: now,
    }),
  );
  return { status: "CANCELLED", answers, answeredAt: now, recorded: true };
}
