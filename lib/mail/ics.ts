// The calendar file attached to booking mails (RFC 5545 / iTIP).
//
// Times are written in UTC ("20260310T090000Z"), so the file names no time
// zone: every calendar app converts them and shows the appointment in its
// reader's own zone. The mail's text names the clinic's zone; a patient whose
// phone is set elsewhere sees the same instant at their local time.
//
// One appointment keeps one UID for its whole life, so a later file (a
// reschedule, a cancellation) with a higher SEQUENCE replaces the entry in the
// patient's calendar instead of adding a second one.
import { createEvent } from "ics";
import type { MailAttachment } from "./types";

export const ICS_DOMAIN = "backcare-clinic";

export interface AppointmentCalendarInput {
  appointmentId: string;
  massageTypeName: string;
  therapistName: string;
  clinicName: string;
  start: Date;
  end: Date;
  /** The revision of this appointment in calendars: 0 first, higher for every later change. */
  sequence?: number;
  /** Where "view or change" points, e.g. `${appUrl}/appointments/${id}`. */
  url?: string;
  /** The clinic as organizer; some calendar apps want one to show an invitation. */
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
}

/** REQUEST adds or updates the entry (confirmed, rescheduled); CANCEL removes it. */
export type CalendarMethod = "REQUEST" | "CANCEL";

export function appointmentUid(appointmentId: string): string {
  return `${appointmentId}@${ICS_DOMAIN}`;
}

export function appointmentIcs(input: AppointmentCalendarInput, method: CalendarMethod): string {
  const result = createEvent({
    productId: `-//${ICS_DOMAIN}//booking//EN`,
    method,
    uid: appointmentUid(input.appointmentId),
    sequence: Math.max(0, Math.trunc(input.sequence ?? 0)),
    start: input.start.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: input.end.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: `${input.massageTypeName} with ${input.therapistName}`,
    location: input.clinicName,
    status: method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    busyStatus: method === "CANCEL" ? "FREE" : "BUSY",
    ...(input.url ? { url: input.url } : {}),
    ...(input.organizer ? { organizer: input.organizer } : {}),
    ...(input.attendee
      ? {
          attendees: [
            {
              ...input.attendee,
              rsvp: false,
              partstat: method === "CANCEL" ? "DECLINED" : "ACCEPTED",
              role: "REQ-PARTICIPANT",
            },
          ],
        }
      : {}),
  });
  if (result.error || !result.value) {
    throw new Error(`Cannot build the calendar file for appointment ${input.appointmentId}: ${result.error?.message ?? "no output"}`);
  }
  return result.value;
}

/** The .ics as a mail attachment; the method in the content type lets mail apps offer "add to calendar". */
export function appointmentIcsAttachment(input: AppointmentCalendarInput, method: CalendarMethod): MailAttachment {
  return {
    filename: method === "CANCEL" ? "appointment-cancelled.ics" : "appointment.ics",
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: appointmentIcs(input, method),
  };
}
