// The clinic's view of every appointment (app/admin/appointments): filtered by
// local day, therapist and status, a page at a time (listAppointments and its
// cursor), and cancelling or moving one on a patient's behalf with a reason,
// through the lifecycle module (lib/appointments), the only writer.
import type { CurrentUser } from "@/lib/auth/guards";
import { cancelAppointment, changeAppointment } from "@/lib/appointments";
import { listAppointments, type ListCursor } from "@/lib/booking/queries";
import type { Db, DbClient } from "@/lib/db/prisma";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import { parseOrThrow } from "@/lib/http/respond";
import { clinicCancelSchema, clinicMoveSchema } from "@/lib/validation/calendar";
import { assertAdmin } from "./authorize";
import { localDayRange } from "./closures";

type Actor = Pick<CurrentUser, "id" | "role">;

export interface ClinicListFilters {
  /** A local date in the clinic's zone. */
  day?: string;
  therapistId?: string;
  status?: AppointmentStatus;
  cursor?: ListCursor;
}

export const CLINIC_PAGE = 25;

/** One page: a day's appointments in order; without a day, from the start of today on. */
export async function listClinicAppointments(db: DbClient, actor: Actor, filters: ClinicListFilters, timeZone: string, now: Date) {
  assertAdmin(actor);
  const range = filters.day ? localDayRange(filters.day, timeZone) : null;
  return listAppointments(db, actor, {
    from: range?.startsAt ?? new Date(now.getTime() - 12 * 3_600_000),
    to: range?.endsAt,
    therapistId: filters.therapistId,
    statuses: filters.status ? [filters.status] : undefined,
    cursor: filters.cursor,
    limit: CLINIC_PAGE,
  });
}

/** The clinic cancels for the patient; the reason is required and goes into the patient's mail and the audit entry. */
export async function cancelForPatient(
  db: Db,
  actor: Actor,
  appointmentId: string,
  input: unknown,
  context: { appUrl: string; ipAddress?: string; now?: Date },
) {
  assertAdmin(actor);
  const { reason } = parseOrThrow(clinicCancelSchema, input);
  return cancelAppointment(db, { user: actor, appointmentId, reason, ...context });
}

/** The clinic moves an appointment (same therapist, type and length) for the patient, with a reason. */
export async function moveForPatient(
  db: Db,
  actor: Actor,
  appointmentId: string,
  input: unknown,
  context: { appUrl: string; ipAddress?: string; now?: Date },
) {
  assertAdmin(actor);
  const { start, reason } = parseOrThrow(clinicMoveSchema, input);
  return changeAppointment(db, { user: actor, appointmentId, start, reason, ...context });
}
