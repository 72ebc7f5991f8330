// Helpers for the mail tests: read an .ics the way a calendar app does, and a
// transport that remembers what it was asked to send.
import type { MailTransport, TransportMail } from "./types";

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
