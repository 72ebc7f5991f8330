// Helpers for the mail tests: read an .ics the way a calendar app does (with a
// real iCalendar parser, ical.js), and a transport that remembers what it was
// asked to send.
import ICAL from "ical.js";
import type { MailTransport, TransportMail } from "./types";

export interface ParsedCalendar {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  url: string | null;
  organizer: { name: string; address: string } | null;
  attendee: { name: string; address: string; partstat: string; role: string } | null;
}

/** Parses a calendar file with ical.js (throws on anything it cannot read) and returns its one event. */
export function readCalendar(ics: string): ParsedCalendar {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const events = calendar.getAllSubcomponents("vevent");
  if (events.length !== 1) throw new Error(`expected one VEVENT, found ${events.length}`);
  const vevent = events[0]!;
  const event = new ICAL.Event(vevent);
  const person = (name: "organizer" | "attendee") => {
    const property = vevent.getFirstProperty(name);
    if (!property) return null;
    return {
      name: String(property.getParameter("cn") ?? ""),
      address: String(property.getFirstValue()).replace(/^mailto:/i, ""),
      partstat: String(property.getParameter("partstat") ?? ""),
      role: String(property.getParameter("role") ?? ""),
    };
  };
  const organizer = person("organizer");
  return {
    method: String(calendar.getFirstPropertyValue("method")),
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue("status")),
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    summary: event.summary,
    location: event.location,
    url: (vevent.getFirstPropertyValue("url") as string | null) ?? null,
    organizer: organizer ? { name: organizer.name, address: organizer.address } : null,
    attendee: person("attendee"),
  };
}

/** Unfolds the lines (RFC 5545 3.1) and returns each property's name, parameters and value. */
export function parseIcs(ics: string): Array<{ name: string; params: string; value: string }> {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter((line) => line.length > 0)
    .map((line) => {
      const colon = line.indexOf(":");
      const head = line.slice(0, colon);
      const semicolon = head.indexOf(";");
      return {
        name: semicolon === -1 ? head : head.slice(0, semicolon),
        params: semicolon === -1 ? "" : head.slice(semicolon + 1),
        value: line.slice(colon + 1),
      };
    });
}

/** The value of the first property with this name. */
export function icsValue(ics: string, name: string): string | undefined {
  return parseIcs(ics).find((property) => property.name === name)?.value;
}

export interface RecordingTransport extends MailTransport {
  sent: TransportMail[];
}

export function recordingTransport(options: { delayMs?: number; fail?: (mail: TransportMail) => Error | undefined } = {}): RecordingTransport {
  const sent: TransportMail[] = [];
  return {
    name: "test transport",
    sent,
    async send(mail) {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      const error = options.fail?.(mail);
      if (error) throw error;
      sent.push(mail);
    },
  };
}
