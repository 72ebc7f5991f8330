// Freed slots: the lifecycle calls recordFreedSlot in the transaction that
// cancels an active appointment (lib/appointments/transitions.ts), whatever
// the cause (the patient, the clinic, a declined clearance, a hold's cut-off,
// the day-before check, the old time of a reschedule). The waitlist job
// (lib/waitlist/offers.ts) turns each into offers. One row per appointment.
import type { DbClient } from "@/lib/db/prisma";

export interface FreedAppointment {
  id: string;
  therapistId: string;
  patientId: string;
  massageTypeSlug: string;
  startsAt: Date;
  endsAt: Date;
}

/** Records the time an appointment held as free; a time already started frees nothing. */
export async function recordFreedSlot(tx: DbClient, appointment: FreedAppointment, now: Date): Promise<void> {
  if (appointment.startsAt.getTime() <= now.getTime()) return;
  await tx.$executeRaw`
    INSERT INTO "FreedSlot" ("id", "appointmentId", "therapistId", "massageTypeSlug", "patientId", "startsAt", "endsAt", "createdAt")
    VALUES (gen_random_uuid(), ${appointment.id}::uuid, ${appointment.therapistId}::uuid, ${appointment.massageTypeSlug},
            ${appointment.patientId}::uuid, ${appointment.startsAt.toISOString()}::timestamptz, ${appointment.endsAt.toISOString()}::timestamptz,
            ${now.toISOString()}::timestamptz)
    ON CONFLICT ("appointmentId") DO NOTHING`;
}
