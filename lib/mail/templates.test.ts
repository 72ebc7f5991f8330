import { describe, expect, expectTypeOf, test } from "vitest";
import {
  bookingCancelledMail,
  bookingConfirmedMail,
  bookingHeldMail,
  bookingRescheduledMail,
  clearanceApprovedMail,
  formatAppointmentTime,
  type AppointmentMailInput,
} from "./templates";
import { icsValue, readCalendar } from "./testing";
import type { OutgoingMail } from "./types";

const input: AppointmentMailInput = {
  appointmentId: "3f0e6a8e-2b9d-4a53-8f7c-5d2c1b0a9e11",
  // The first appointment of the chain: the calendar identity stays with it.
  seriesId: "11111111-2b9d-4a53-8f7c-5d2c1b0a9e11",
  sequence: 0,
  clinicEmail: "clinic@example.org",
  stamp: new Date("2026-03-01T12:00:00Z"),
  patientName: "Maria Jansen",
  patientEmail: "maria@example.test",
  therapistName: "Ana Novak",
  massageTypeName: "Deep tissue",
  // 09:00 UTC is 10:00 in Amsterdam (CET, winter).
  start: new Date("2026-03-10T09:00:00Z"),
  end: new Date("2026-03-10T10:00:00Z"),
  timeZone: "Europe/Amsterdam",
  clinicName: "Back-care Massage Clinic",
  cancellationNoticeHours: 24,
  appUrl: "https://clinic.example.org/",
};

const link = "https://clinic.example.org/appointments/3f0e6a8e-2b9d-4a53-8f7c-5d2c1b0a9e11";
const when = "Tuesday 10 March 2026, 10:00–11:00 CET (Europe/Amsterdam time)";

const mails: Array<[string, OutgoingMail]> = [
  ["confirmed", bookingConfirmedMail(input)],
  ["held", bookingHeldMail({ ...input, holdUntil: new Date("2026-03-09T09:00:00Z") })],
  ["cancelled", bookingCancelledMail({ ...input, reason: "The therapist is unavailable.", sequence: 2 })],
  ["rescheduled", bookingRescheduledMail({ ...input, previousStart: new Date("2026-03-09T14:00:00Z"), sequence: 1 })],
];

function ics(mail: OutgoingMail): string {
  const attachment = mail.attachments?.[0];
  if (!attachment) throw new Error("no attachment");
  return attachment.content;
}

describe.each(mails)("the %s mail", (_kind, mail) => {
  test("goes to the patient, with the time in the clinic's zone, named, and the appointment link", () => {
    expect(mail.to).toBe("maria@example.test");
    expect(mail.text).toContain(when);
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(link);
    expect(mail.html).toContain("Europe/Amsterdam time");
    expect(mail.text).toContain("Hello Maria Jansen,");
    expect(mail.text).toContain("Deep tissue with Ana Novak");
    expect(mail.text).toContain("Back-care Massage Clinic");
  });

  test("carries no health detail", () => {
    const everything = [mail.subject, mail.text, mail.html, ...(mail.attachments ?? []).map((a) => a.content)].join("\n");
    expect(everything).not.toMatch(/diabetes|cancer|osteoporosis|fever|cardiovascular|contagious|injur|intake|restriction|condition|pain/i);
  });
});

test("the mail input has no field that could carry a health detail", () => {
  expectTypeOf<keyof AppointmentMailInput>().toEqualTypeOf<
    | "appointmentId"
    | "patientName"
    | "patientEmail"
    | "therapistName"
    | "massageTypeName"
    | "start"
    | "end"
    | "timeZone"
    | "clinicName"
    | "cancellationNoticeHours"
    | "appUrl"
    | "sequence"
    | "seriesId"
    | "clinicEmail"
    | "stamp"
  >();
  expectTypeOf<Parameters<typeof bookingHeldMail>[0]>().toEqualTypeOf<AppointmentMailInput & { holdUntil: Date }>();
  expectTypeOf<Parameters<typeof bookingCancelledMail>[0]>().toEqualTypeOf<AppointmentMailInput & { reason?: string }>();
  expectTypeOf<Parameters<typeof bookingRescheduledMail>[0]>().toEqualTypeOf<
    AppointmentMailInput & { previousStart: Date; previousMassageTypeName?: string }
  >();
});

test("confirmed: a calendar REQUEST for the appointment", () => {
  const [, mail] = mails[0]!;
  expect(mail.subject).toBe("Appointment confirmed: Tue 10 Mar, 10:00 CET");
  expect(mail.attachments).toHaveLength(1);
  expect(mail.attachments?.[0]?.filename).toBe("appointment.ics");
  expect(icsValue(ics(mail), "METHOD")).toBe("REQUEST");
  expect(icsValue(ics(mail), "UID")).toBe(`${input.seriesId}@backcare-clinic`);
  expect(icsValue(ics(mail), "DTSTART")).toBe("20260310T090000Z");
  expect(icsValue(ics(mail), "SEQUENCE")).toBe("0");
  expect(icsValue(ics(mail), "URL")).toBe(link);
  expect(readCalendar(ics(mail))).toMatchObject({
    organizer: { name: "Back-care Massage Clinic", address: "clinic@example.org" },
    attendee: { name: "Maria Jansen", address: "maria@example.test" },
  });
});

test("held: what to do next and by when, and a tentative calendar entry since nothing is confirmed yet", () => {
  const [, mail] = mails[1]!;
  expect(readCalendar(ics(mail))).toMatchObject({ method: "REQUEST", status: "TENTATIVE", sequence: 0 });
  expect(mail.subject).toContain("held");
  expect(mail.text).toContain("a physician's clearance must be uploaded and approved");
  // The deadline in the clinic's zone: 09:00 UTC is 10:00 CET.
  expect(mail.text).toContain("before Monday 9 March 2026, 10:00 CET (Europe/Amsterdam time)");
  expect(mail.text).toMatch(/1\. .*\n2\. Upload it on your appointment page/);
  expect(mail.text).toContain("the hold ends and the time is released");
});

test("cancelled: a calendar CANCEL and the reason", () => {
  const [, mail] = mails[2]!;
  expect(mail.subject).toBe("Appointment cancelled: Tue 10 Mar, 10:00 CET");
  expect(mail.text).toContain("Reason: The therapist is unavailable.");
  expect(icsValue(ics(mail), "METHOD")).toBe("CANCEL");
  expect(icsValue(ics(mail), "STATUS")).toBe("CANCELLED");
  expect(icsValue(ics(mail), "SEQUENCE")).toBe("2");
  expect(bookingCancelledMail(input).text).not.toContain("Reason:");
});

test("rescheduled: the old and new times, and a REQUEST with the same uid that outranks the confirmation", () => {
  const [, mail] = mails[3]!;
  expect(mail.subject).toBe("Appointment moved to Tue 10 Mar, 10:00 CET");
  expect(mail.text).toContain("It was: Deep tissue on Monday 9 March 2026, 15:00 CET (Europe/Amsterdam time)");
  const moved = readCalendar(ics(mail));
  const confirmed = readCalendar(ics(mails[0]![1]));
  expect(moved).toMatchObject({ method: "REQUEST", uid: `${input.seriesId}@backcare-clinic` });
  expect(moved.uid).toBe(confirmed.uid);
  expect(moved.sequence).toBeGreaterThan(confirmed.sequence);
  // Another type at the same time reads as a change, not a move.
  const changed = bookingRescheduledMail({ ...input, previousStart: input.start, previousMassageTypeName: "Swedish massage", sequence: 1 });
  expect(changed.subject).toBe("Appointment changed: Tue 10 Mar, 10:00 CET");
  expect(changed.text).toContain("It was: Swedish massage on Tuesday 10 March 2026, 10:00 CET");
});

test("times follow the clinic's zone, summer time included, whatever the server's zone", () => {
  expect(formatAppointmentTime(new Date("2026-07-07T08:00:00Z"), new Date("2026-07-07T09:30:00Z"), "Europe/Amsterdam")).toBe(
    "Tuesday 7 July 2026, 10:00–11:30 CEST (Europe/Amsterdam time)",
  );
  const newYork = bookingConfirmedMail({ ...input, timeZone: "America/New_York" });
  expect(newYork.text).toContain("Tuesday 10 March 2026, 05:00–06:00 GMT-4 (America/New_York time)");
  // The calendar file is the same instant in UTC either way.
  expect(icsValue(ics(newYork), "DTSTART")).toBe("20260310T090000Z");
});

test("the HTML part escapes every piece of text", () => {
  const mail = bookingConfirmedMail({ ...input, patientName: `<script>alert("x")</script> & Co`, therapistName: "O'Neil" });
  expect(mail.html).not.toContain("<script>");
  expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
  expect(mail.html).toContain("O&#39;Neil");
  // Plain text stays as written.
  expect(mail.text).toContain(`Hello <script>alert("x")</script> & Co,`);
});

test("confirmed, moved and approved mails say until when the patient may reschedule or cancel, in the clinic's zone", () => {
  // 24 hours' notice before Tuesday 10 March, 10:00 CET.
  const line = "You are free to cancel or move until Mon 9 Mar, 10:00 (Europe/Amsterdam time). After that, please call the clinic";
  expect(mails[0]![1].text).toContain(line);
  expect(mails[3]![1].text).toContain(line);
  expect(clearanceApprovedMail({ ...input, restrictions: [] }).text).toContain(line);
  // The notice is the clinic's: 48 hours moves the line a day earlier.
  expect(bookingConfirmedMail({ ...input, cancellationNoticeHours: 48 }).text).toContain("until Sun 8 Mar, 10:00 (Europe/Amsterdam time)");
});

test("the approval mail lists the physician's limits on what may be booked, never their written words", () => {
  const mail = clearanceApprovedMail({
    ...input,
    restrictions: [{ physicianName: "Dr. Lena Vos", excludedMassageTypes: ["deep tissue massage", "Swedish massage"], maxDurationMinutes: 30, hasNote: true }],
  });
  expect(mail.text).toContain("Your physician's approval comes with restrictions");
  expect(mail.text).toContain(
    "1. No deep tissue massage and no Swedish massage; sessions of at most 30 minutes; a note for your therapist (read it on your appointment page) (Dr. Lena Vos)",
  );
  expect(mail.html).toContain("No deep tissue massage and no Swedish massage");
  expect(clearanceApprovedMail({ ...input, restrictions: [] }).text).toContain("Your physician set no restrictions.");
});
