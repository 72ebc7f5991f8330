// The one rule for "appointments in the way": a closure, time off entered by
// the clinic, or an approved time-off request would close part of the calendar,
// and is refused while an active (held or confirmed) appointment lies in it.
// The clinic moves or cancels those first; the refusal lists them so it can.
// Callers run this inside their transaction, after the therapist locks
// (lib/appointments/locks.ts), so a booking committed a moment earlier is seen
// and one arriving later waits for the change and then sees it.
import type { DbClient } from "@/lib/db/prisma";
import { ConflictError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AppointmentInTheWay {
  id: string;
  start: string;
  end: string;
  status: "held" | "confirmed";
  therapist: { id: string; name: string };
  patient: { id: string; name: string };
}

export interface ClosingRange {
  startsAt: Date;
  endsAt: Date;
  /** One therapist's calendar (time off); every therapist's when absent (a closure). */
  therapistId?: string;
}

/** Active appointments overlapping [startsAt, endsAt) (of one therapist, if given), soonest first. */
export async function appointmentsInTheWay(db: DbClient, range: ClosingRange): Promise<AppointmentInTheWay[]> {
  const where: Prisma.AppointmentWhereInput = {
    status: { in: ["HELD", "CONFIRMED"] },
    startsAt: { lt: range.endsAt },
    endsAt: { gt: range.startsAt },
    ...(range.therapistId ? { therapistId: range.therapistId } : {}),
  };
  const rows = await db.appointment.findMany({
    where,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      status: true,
      startsAt: true,
      endsAt: true,
      therapist: { select: { id: true, user: { select: { name: true } } } },
      patient: { select: { id: true, name: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    start: row.startsAt.toISOString(),
    end: row.endsAt.toISOString(),
    status: row.status === "HELD" ? "held" : "confirmed",
    therapist: { id: row.therapist.id, name: row.therapist.user.name },
    patient: row.patient,
  }));
}

/** 409 `appointments_in_the_way`, with the appointments to move or cancel first. */
export class AppointmentsInTheWayError extends ConflictError {
  constructor(readonly appointments: AppointmentInTheWay[], what: string) {
    super(
      "appointments_in_the_way",
      `${appointments.length === 1 ? "One appointment is" : `${appointments.length} appointments are`} booked ${what}. ` +
        `Move or cancel ${appointments.length === 1 ? "it" : "them"} first, then try again.`,
    );
    this.extra = { appointments };
  }
}

/** Throws AppointmentsInTheWayError when any active appointment lies in the range. */
export async function assertNothingInTheWay(db: DbClient, range: ClosingRange, what: string): Promise<void> {
  const appointments = await appointmentsInTheWay(db, range);
  if (appointments.length) throw new AppointmentsInTheWayError(appointments, what);
}
