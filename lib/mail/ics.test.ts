import { describe, expect, test } from "vitest";
import { appointmentIcs, appointmentIcsAttachment, appointmentUid, foldLine } from "./ics";
import { parseIcs, readCalendar } from "./testing";

const appointment = {
  seriesId: "7d1c8c4e-4f4b-4a43-9d53-0d7f4a1f2b10",
  massageTypeName: "Deep tissue",
  therapistName: "Ana Novak",
  clinicName: "Back-care Massage Clinic",
  start: new Date("2026-03-10T09:00:00Z"),
  end: new Date("2026-03-10T10:00:00Z"),
  sequence: 0,
  stamp: new Date("2026-03-01T12:00:00Z"),
  url: "https://clinic.example.org/appointments/7d1c8c4e-4f4b-4a43-9d53-0d7f4a1f2b10",
  organizer: { name: "Back-care Massage Clinic", email: "no-reply@backcare-clinic.invalid" },
  attendee: { name: "Maria Jansen", email: "maria@example.test" },
};

describe("appointmentIcs, read back with ical.js", () => {
  test("a confirmed appointment is a REQUEST in UTC with a stable uid, the clinic as organizer and the patient as attendee", () => {
    const ics = appointmentIcs(appointment, "REQUEST");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(readCalendar(ics)).toEqual({
      method: "REQUEST",
      uid: "7d1c8c4e-4f4b-4a43-9d53-0d7f4a1f2b10@backcare-clinic",
      sequence: 0,
      status: "CONFIRMED",
      start: appointment.start,
      end: appointment.end,
      summary: "Deep tissue with Ana Novak",
      location: "Back-care Massage Clinic",
      url: appointment.url,
      organizer: { name: "Back-care Massage Clinic", address: "no-reply@backcare-clinic.invalid" },
      attendee: { name: "Maria Jansen", address: "maria@example.test", partstat: "ACCEPTED", role: "REQ-PARTICIPANT" },
    });
    // No zone of its own: calendar apps show UTC times in their reader's zone.
    expect(parseIcs(ics).some((p) => p.name === "BEGIN" && p.value === "VTIMEZONE")).toBe(false);
    expect(parseIcs(ics).some((p) => p.params.includes("TZID"))).toBe(false);
  });

  test("the same series keeps its uid; an update carries a higher sequence", () => {
    const moved = appointmentIcs({ ...appointment, start: new Date("2026-03-11T13:30:00Z"), end: new Date("2026-03-11T14:30:00Z"), sequence: 2 }, "REQUEST");
    expect(readCalendar(moved)).toMatchObject({ uid: appointmentUid(appointment.seriesId), sequence: 2, start: new Date("2026-03-11T13:30:00Z") });
  });

  test("a cancellation is a CANCEL with STATUS:CANCELLED, the same uid and organizer", () => {
    const calendar = readCalendar(appointmentIcs({ ...appointment, sequence: 3 }, "CANCEL"));
    expect(calendar).toMatchObject({ method: "CANCEL", status: "CANCELLED", sequence: 3, uid: appointmentUid(appointment.seriesId) });
    expect(calendar.organizer).not.toBeNull();
    expect(calendar.attendee?.partstat).toBe("DECLINED");
  });

  test("a held appointment is a tentative REQUEST", () => {
    expect(readCalendar(appointmentIcs({ ...appointment, tentative: true }, "REQUEST"))).toMatchObject({
      method: "REQUEST",
      status: "TENTATIVE",
      attendee: { partstat: "TENTATIVE" },
    });
  });

  test("text is escaped, so names with commas, semicolons or new lines cannot add properties", () => {
    const ics = appointmentIcs(
      { ...appointment, therapistName: "Novak, Ana; PhD\nX-EVIL:1", attendee: { name: 'Maria "M" Jansen;ROLE=CHAIR', email: "maria@example.test" } },
      "REQUEST",
    );
    const calendar = readCalendar(ics);
    expect(calendar.summary).toBe("Deep tissue with Novak, Ana; PhD\nX-EVIL:1");
    expect(calendar.attendee).toMatchObject({ name: "Maria M Jansen;ROLE=CHAIR", role: "REQ-PARTICIPANT" });
    expect(parseIcs(ics).some((p) => p.name === "X-EVIL")).toBe(false);
  });

  test("long lines are folded at 75 octets without splitting a character, and unfold to the same text", () => {
    const name = "Ana Novak-Ğüçlü ".repeat(12).trim();
    const ics = appointmentIcs({ ...appointment, therapistName: name }, "REQUEST");
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(readCalendar(ics).summary).toBe(`Deep tissue with ${name}`);
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
  });

  test("the attachment names the method in its content type", () => {
    expect(appointmentIcsAttachment(appointment, "REQUEST")).toMatchObject({
      filename: "appointment.ics",
      contentType: "text/calendar; charset=utf-8; method=REQUEST",
    });
    expect(appointmentIcsAttachment(appointment, "CANCEL").contentType).toBe("text/calendar; charset=utf-8; method=CANCEL");
  });
});
