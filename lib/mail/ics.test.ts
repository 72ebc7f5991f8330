import { describe, expect, test } from "vitest";
import { appointmentIcs, appointmentIcsAttachment, appointmentUid } from "./ics";
import { icsValue, parseIcs } from "./testing";

const appointment = {
  appointmentId: "7d1c8c4e-4f4b-4a43-9d53-0d7f4a1f2b10",
  massageTypeName: "Deep tissue",
  therapistName: "Ana Novak",
  clinicName: "Back-care Massage Clinic",
  start: new Date("2026-03-10T09:00:00Z"),
  end: new Date("2026-03-10T10:00:00Z"),
};

describe("appointmentIcs", () => {
  test("a confirmed appointment is a REQUEST in UTC with a stable uid", () => {
    const ics = appointmentIcs(appointment, "REQUEST");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(icsValue(ics, "METHOD")).toBe("REQUEST");
    expect(icsValue(ics, "UID")).toBe("7d1c8c4e-4f4b-4a43-9d53-0d7f4a1f2b10@backcare-clinic");
    expect(icsValue(ics, "DTSTART")).toBe("20260310T090000Z");
    expect(icsValue(ics, "DTEND")).toBe("20260310T100000Z");
    expect(icsValue(ics, "STATUS")).toBe("CONFIRMED");
    expect(icsValue(ics, "SEQUENCE")).toBe("0");
    expect(icsValue(ics, "SUMMARY")).toBe("Deep tissue with Ana Novak");
    expect(icsValue(ics, "LOCATION")).toBe("Back-care Massage Clinic");
    // No zone of its own: calendar apps show UTC times in their reader's zone.
    expect(parseIcs(ics).some((p) => p.name === "BEGIN" && p.value === "VTIMEZONE")).toBe(false);
    expect(parseIcs(ics).some((p) => p.params.includes("TZID"))).toBe(false);
  });

  test("the same appointment keeps its uid; an update carries a higher sequence", () => {
    const first = appointmentIcs(appointment, "REQUEST");
    const moved = appointmentIcs(
      { ...appointment, start: new Date("2026-03-11T13:30:00Z"), end: new Date("2026-03-11T14:30:00Z"), sequence: 2 },
      "REQUEST",
    );
    expect(icsValue(moved, "UID")).toBe(icsValue(first, "UID"));
    expect(icsValue(moved, "SEQUENCE")).toBe("2");
    expect(icsValue(moved, "DTSTART")).toBe("20260311T133000Z");
    expect(appointmentUid(appointment.appointmentId)).toBe(icsValue(first, "UID"));
  });

  test("a cancellation is a CANCEL with STATUS:CANCELLED", () => {
    const ics = appointmentIcs({ ...appointment, sequence: 3 }, "CANCEL");
    expect(icsValue(ics, "METHOD")).toBe("CANCEL");
    expect(icsValue(ics, "STATUS")).toBe("CANCELLED");
    expect(icsValue(ics, "SEQUENCE")).toBe("3");
    expect(icsValue(ics, "UID")).toBe(appointmentUid(appointment.appointmentId));
  });

  test("text is escaped, so names with commas or semicolons cannot add properties", () => {
    const ics = appointmentIcs({ ...appointment, therapistName: "Novak, Ana; PhD\nX-EVIL:1" }, "REQUEST");
    expect(icsValue(ics, "SUMMARY")).toBe("Deep tissue with Novak\\, Ana\\; PhD\\nX-EVIL:1");
    expect(parseIcs(ics).some((p) => p.name === "X-EVIL")).toBe(false);
  });

  test("the attachment names the method in its content type", () => {
    expect(appointmentIcsAttachment(appointment, "REQUEST")).toMatchObject({
      filename: "appointment.ics",
      contentType: "text/calendar; charset=utf-8; method=REQUEST",
    });
    expect(appointmentIcsAttachment(appointment, "CANCEL").contentType).toBe("text/calendar; charset=utf-8; method=CANCEL");
  });
});
