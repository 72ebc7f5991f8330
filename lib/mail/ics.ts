// The calendar file attached to appointment mails (RFC 5545, with the iTIP
// methods of RFC 5546).
//
// Times are written in UTC ("20260310T090000Z"), so the file names no time
// zone: every calendar app converts them and shows the appointment in its
// reader's own zone. The mail's text names the clinic's zone.
//
// One appointment keeps one UID for its whole life, reschedules included (the
// caller passes the series id: the first appointment of the chain), so a later
// file with a higher SEQUENCE replaces the entry in the patient's calendar
// instead of adding a second one. REQUEST adds or updates it; CANCEL removes
// it. RFC 5546 requires an ORGANIZER (the clinic) and an ATTENDEE (the patient)
// on both.
//
// Written by hand rather than with a library: the format is small, and the
// booking path is the clinic's busiest (docs/decisions/0008).
import type { MailAttachment } from "./types";

export const ICS_DOMAIN = "backcare-clinic";

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface AppointmentCalendarInput {
  /** The identity across reschedules: the first appointment's id (Appointment.seriesId). */
  seriesId: string;
  massageTypeName: string;
  therapistName: string;
  clinicName: string;
  start: Date;
  end: Date;
  /** The revision in calendars (Appointment.sequence): 0 first, higher for every later change. */
  sequence: number;
  /** When the file was made (DTSTAMP). */
  stamp: Date;
  /** Where "view or change" points. */
  url?: string;
  organizer: CalendarPerson;
  attendee: CalendarPerson;
  /** Held, not confirmed yet: the slot is reserved, the entry shown as tentative. */
  tentative?: boolean;
}

export type CalendarMethod = "REQUEST" | "CANCEL";

export function appointmentUid(seriesId: string): string {
  return `${seriesId}@${ICS_DOMAIN}`;
}

/** 20260310T090000Z */
function utc(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/** A parameter value: quoted, with no quote or control character left to end it early (RFC 5545 3.2). */
function paramValue(value: string): string {
  return `"${value.replace(/["\u0000-\u001f\u007f]/g, "")}"`;
}

/** A mailto: address with nothing that could end the line or the value. */
function mailto(email: string): string {
  return `mailto:${email.replace(/[\s"<>;:,\\]/g, "")}`;
}

/** Lines longer than 75 octets folded with CRLF + space, never inside a UTF-8 character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function appointmentIcs(input: AppointmentCalendarInput, method: CalendarMethod): string {
  const cancelled = method === "CANCEL";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:-//${ICS_DOMAIN}//booking//EN`,
    "CALSCALE:GREGORIAN",
    `METHOD:${method}`,
    "BEGIN:VEVENT",
    `UID:${escapeText(appointmentUid(input.seriesId))}`,
    `SEQUENCE:${Math.max(0, Math.trunc(input.sequence))}`,
    `DTSTAMP:${utc(input.stamp)}`,
    `DTSTART:${utc(input.start)}`,
    `DTEND:${utc(input.end)}`,
    `SUMMARY:${escapeText(`${input.massageTypeName} with ${input.therapistName}`)}`,
    `LOCATION:${escapeText(input.clinicName)}`,
    ...(input.url ? [`URL:${input.url.replace(/[\r\n]/g, "")}`] : []),
    `STATUS:${cancelled ? "CANCELLED" : input.tentative ? "TENTATIVE" : "CONFIRMED"}`,
    `TRANSP:${cancelled ? "TRANSPARENT" : "OPAQUE"}`,
    `ORGANIZER;CN=${paramValue(input.organizer.name)}:${mailto(input.organizer.email)}`,
    `ATTENDEE;CN=${paramValue(input.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${cancelled ? "DECLINED" : input.tentative ? "TENTATIVE" : "ACCEPTED"};RSVP=FALSE:${mailto(input.attendee.email)}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** The .ics as a mail attachment; the method in the content type lets mail apps offer "add to calendar". */
export function appointmentIcsAttachment(input: AppointmentCalendarInput, method: CalendarMethod): MailAttachment {
  return {
    filename: method === "CANCEL" ? "appointment-cancelled.ics" : "appointment.ics",
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: appointmentIcs(input, method),
  };
}
