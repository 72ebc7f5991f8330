// Reading health checks, scoped like the appointment itself (lib/booking/queries.ts):
// its patient, its therapist, the physician clearing it and the clinic.
import type { CurrentUser } from "@/lib/auth/guards";
import { appointmentScope } from "@/lib/booking/queries";
import type { DbClient } from "@/lib/db/prisma";
import type { HealthCheckAnswers } from "@/lib/validation/health-check";
import { checkOpensAt, checkWindow, type CheckClock, type CheckWindow } from "./window";

type Viewer = Pick<CurrentUser, "id" | "role">;

export interface HealthCheckView {
  window: CheckWindow;
  opensAt: Date;
  answers: HealthCheckAnswers | null;
  answeredAt: Date | null;
}

/** The check of one appointment the viewer may see; null when they may not see the appointment. */
export async function healthCheckFor(db: DbClient, viewer: Viewer, appointmentId: string, clock: CheckClock, now: Date): Promise<HealthCheckView | null> {
  const appointment = await db.appointment.findFirst({
    where: { AND: [{ id: appointmentId }, appointmentScope(viewer)] },
    select: { startsAt: true, healthCheck: { select: { fever: true, contagiousIllness: true, acuteInjury: true, answeredAt: true } } },
  });
  if (!appointment) return null;
  return {
    window: checkWindow(appointment.startsAt, clock, now),
    opensAt: checkOpensAt(appointment.startsAt, clock),
    answers: answersOf(appointment.healthCheck),
    answeredAt: appointment.healthCheck?.answeredAt ?? null,
  };
}

export interface AnsweredCheck {
  appointmentId: string;
  startsAt: Date;
  status: string;
  patientName: string;
  massageTypeName: string;
  answers: HealthCheckAnswers;
  answeredAt: Date;
}

/** A therapist's upcoming appointments whose patient has answered, cancelled ones included (a yes cancels). */
export async function answeredChecksOf(db: DbClient, viewer: Viewer, now: Date, take = 50): Promise<AnsweredCheck[]> {
  const rows = await db.appointment.findMany({
    where: { AND: [appointmentScope(viewer), { startsAt: { gt: new Date(now.getTime() - 3_600_000) } }, { healthCheck: { answeredAt: { not: null } } }] },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      startsAt: true,
      status: true,
      patient: { select: { name: true } },
      massageType: { select: { name: true } },
      healthCheck: { select: { fever: true, contagiousIllness: true, acuteInjury: true, answeredAt: true } },
    },
  });
  return rows.flatMap((row) => {
    const answers = answersOf(row.healthCheck);
    if (!answers || !row.healthCheck?.answeredAt) return [];
    return [
      {
        appointmentId: row.id,
        startsAt: row.startsAt,
        status: row.status,
        patientName: row.patient.name,
        massageTypeName: row.massageType.name,
        answers,
        answeredAt: row.healthCheck.answeredAt,
      },
    ];
  });
}

/** A stored check's answers, when it has been answered. */
export function answersOf(
  check: { fever: boolean | null; contagiousIllness: boolean | null; acuteInjury: boolean | null; answeredAt: Date | null } | null,
): HealthCheckAnswers | null {
  if (!check?.answeredAt || check.fever === null || check.contagiousIllness === null || check.acuteInjury === null) return null;
  return { fever: check.fever, contagiousIllness: check.contagiousIllness, acuteInjury: check.acuteInjury };
}
