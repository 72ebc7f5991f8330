// What the calendar pages' server actions answer their forms: a message, field messages, and when a change
// was refused for appointments in the way, those appointments (with the clinic's local times).
import { AppError, type FieldErrors } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import type { AppointmentInTheWay } from "./in-the-way";

export interface InTheWayItem {
  id: string;
  when: string;
  therapist: string;
  patient: string;
  status: string;
}

export interface CalendarFormResult {
  ok?: boolean;
  message?: string;
  fields?: FieldErrors;
  inTheWay?: InTheWayItem[];
}

export function inTheWayItems(appointments: AppointmentInTheWay[], timeZone: string): InTheWayItem[] {
  return appointments.map((appointment) => ({
    id: appointment.id,
    when: formatDateTime(new Date(appointment.start), timeZone),
    therapist: appointment.therapist.name,
    patient: appointment.patient.name,
    status: appointment.status,
  }));
}

/** A typed error as the form's answer; anything else is rethrown (a real failure). */
export function formError(error: unknown, timeZone: string): CalendarFormResult {
  if (!(error instanceof AppError)) throw error;
  const appointments = error.extra?.appointments as AppointmentInTheWay[] | undefined;
  return { message: error.message, fields: error.fields, ...(appointments ? { inTheWay: inTheWayItems(appointments, timeZone) } : {}) };
}
