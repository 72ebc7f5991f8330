// After the visit: its therapist (or clinic staff) marks a confirmed
// appointment completed or a no-show, never before it has started.
import type { AuditActor } from "@/lib/audit";
import type { Db } from "@/lib/db/prisma";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { appointmentScope } from "@/lib/booking/queries";
import { transitionAppointment } from "./transitions";

export interface FinishRequest {
  user: AuditActor;
  appointmentId: string;
  outcome: "COMPLETED" | "NO_SHOW";
  now?: Date;
  ipAddress?: string;
}

export async function finishAppointment(db: Db, request: FinishRequest) {
  const now = request.now ?? new Date();
  const appointment = await db.appointment.findFirst({
    where: { AND: [{ id: request.appointmentId }, appointmentScope(request.user)] },
    select: { id: true, startsAt: true },
  });
  if (!appointment) throw new NotFoundError("No such appointment.");
  if (request.user.role !== "THERAPIST" && request.user.role !== "ADMIN") {
    throw new ForbiddenError("Only the appointment's therapist or the clinic can record how it went.");
  }
  if (appointment.startsAt > now) {
    throw new ConflictError("not_started", "This appointment has not started yet: record how it went once it has begun.");
  }
  return db.$transaction((tx) =>
    transitionAppointment(tx, {
      appointmentId: appointment.id,
      to: request.outcome,
      actor: request.user,
      action: request.outcome === "COMPLETED" ? "appointment.completed" : "appointment.no_show",
      ipAddress: request.ipAddress,
      now,
    }),
  );
}
