// The booking mails a patient receives. They carry what a calendar entry
// carries (who, what, when, where, a link) and never a health detail: mail is
// not a safe channel for the intake, conditions or restrictions, so the input
// types below have no field that could hold one. The patient reads those only
// after signing in, through the link.
import { appointmentIcsAttachment, type CalendarMethod } from "./ics";
import { renderHtml, renderText, type MailBlock } from "./render";
import type { MailAttachment, OutgoingMail } from "./types";

export interface AppointmentMailInput {
  appointmentId: string;
  patientName: string;
  patientEmail: string;
  therapistName: string;
  massageTypeName: string;
  start: Date;
  end: Date;
  /** The clinic's IANA zone; times in the text are shown in it, and the zone is named. */
  timeZone: string;
  clinicName: string;
  /** Where links point, e.g. https://clinic.example.org (no trailing slash needed). */
  appUrl: string;
  /** The appointment's calendar revision: 0 when first confirmed, higher after every change. */
  sequence?: number;
}

export type BookingHeldMailInput = AppointmentMailInput & { holdUntil: Date };
/** `reason` is shown to the patient as given: it must be an administrative reason, never a health detail. */
export type BookingCancelledMailInput = AppointmentMailInput & { reason?: string };
export type BookingRescheduledMailInput = AppointmentMailInput & { previousStart: Date };

export function appointmentLink(input: Pick<AppointmentMailInput, "appUrl" | "appointmentId">): string {
  return `${input.appUrl.replace(/\/+$/, "")}/appointments/${encodeURIComponent(input.appointmentId)}`;
}

/** "Tuesday 10 March 2026, 10:00–11:00 CET (Europe/Amsterdam time)" */
export function formatAppointmentTime(start: Date, end: Date, timeZone: string): string {
  const date = calendarDate(start, timeZone, "long");
  return `${date}, ${clock(start, timeZone)}–${clock(end, timeZone)} ${zoneAbbreviation(start, timeZone)} (${timeZone} time)`;
}

/** "Tuesday 10 March 2026, 10:00 CET (Europe/Amsterdam time)" */
export function formatMoment(at: Date, timeZone: string): string {
  return `${calendarDate(at, timeZone, "long")}, ${clock(at, timeZone)} ${zoneAbbreviation(at, timeZone)} (${timeZone} time)`;
}

/** For subjects: "Tue 10 Mar, 10:00 CET" */
function shortMoment(at: Date, timeZone: string): string {
  return `${calendarDate(at, timeZone, "short")}, ${clock(at, timeZone)} ${zoneAbbreviation(at, timeZone)}`;
}

/** "Tuesday 10 March 2026" (long) or "Tue 10 Mar" (short), assembled from parts so ICU versions cannot move the commas. */
function calendarDate(at: Date, timeZone: string, style: "long" | "short"): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    weekday: style,
    day: "numeric",
    month: style,
    ...(style === "long" ? { year: "numeric" as const } : {}),
    timeZone,
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return [part("weekday"), part("day"), part("month"), part("year")].filter(Boolean).join(" ");
}

function clock(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(at);
}

function zoneAbbreviation(at: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

function title(input: AppointmentMailInput): string {
  return `${input.massageTypeName} with ${input.therapistName}`;
}

function facts(input: AppointmentMailInput): MailBlock {
  return {
    kind: "facts",
    rows: [
      ["What", title(input)],
      ["When", formatAppointmentTime(input.start, input.end, input.timeZone)],
      ["Where", input.clinicName],
    ],
  };
}

function calendar(input: AppointmentMailInput, method: CalendarMethod, sequence: number): MailAttachment {
  return appointmentIcsAttachment(
    {
      appointmentId: input.appointmentId,
      massageTypeName: input.massageTypeName,
      therapistName: input.therapistName,
      clinicName: input.clinicName,
      start: input.start,
      end: input.end,
      sequence,
      url: appointmentLink(input),
    },
    method,
  );
}

function mail(input: AppointmentMailInput, subject: string, blocks: MailBlock[], attachments?: MailAttachment[]): OutgoingMail {
  const all: MailBlock[] = [
    { kind: "paragraph", text: `Hello ${input.patientName},` },
    ...blocks,
    { kind: "paragraph", text: input.clinicName },
  ];
  return {
    to: input.patientEmail,
    subject,
    text: renderText(all),
    html: renderHtml(subject, all),
    ...(attachments ? { attachments } : {}),
  };
}

export function bookingConfirmedMail(input: AppointmentMailInput): OutgoingMail {
  return mail(
    input,
    `Appointment confirmed: ${shortMoment(input.start, input.timeZone)}`,
    [
      { kind: "paragraph", text: "Your appointment is confirmed." },
      facts(input),
      { kind: "paragraph", text: "The attached calendar file adds it to your calendar, shown in your calendar's own time zone." },
      { kind: "link", label: "See, reschedule or cancel your appointment", href: appointmentLink(input) },
    ],
    [calendar(input, "REQUEST", input.sequence ?? 0)],
  );
}

export function bookingHeldMail(input: BookingHeldMailInput): OutgoingMail {
  const deadline = formatMoment(input.holdUntil, input.timeZone);
  return mail(input, `Appointment held until a physician's clearance is approved: ${shortMoment(input.start, input.timeZone)}`, [
    {
      kind: "paragraph",
      text: "We are holding this time for you. It is not confirmed yet: a physician's clearance must be uploaded and approved first.",
    },
    facts(input),
    { kind: "paragraph", text: `What to do next, before ${deadline}:` },
    {
      kind: "steps",
      items: [
        "Get a clearance document from your physician (a letter or form saying massage is fine for you).",
        "Upload it on your appointment page (PDF, JPEG or PNG), or ask your physician to upload it.",
        "The physician reviews and approves it. We then confirm the appointment and send you a calendar invitation.",
      ],
    },
    { kind: "link", label: "Open your appointment to upload the clearance", href: appointmentLink(input) },
    {
      kind: "paragraph",
      text: `If the clearance is not approved by ${deadline}, the hold ends and the time is released for others.`,
    },
  ]);
}

export function bookingCancelledMail(input: BookingCancelledMailInput): OutgoingMail {
  const reason = input.reason?.trim();
  return mail(
    input,
    `Appointment cancelled: ${shortMoment(input.start, input.timeZone)}`,
    [
      { kind: "paragraph", text: "Your appointment has been cancelled." },
      facts(input),
      ...(reason ? [{ kind: "paragraph" as const, text: `Reason: ${reason}` }] : []),
      { kind: "paragraph", text: "The attached calendar file removes it from your calendar." },
      { kind: "link", label: "See your appointments or book a new time", href: appointmentLink(input) },
    ],
    // A cancellation must outrank every earlier version of the entry to remove it.
    [calendar(input, "CANCEL", Math.max(1, input.sequence ?? 1))],
  );
}

export function bookingRescheduledMail(input: BookingRescheduledMailInput): OutgoingMail {
  return mail(
    input,
    `Appointment moved to ${shortMoment(input.start, input.timeZone)}`,
    [
      {
        kind: "paragraph",
        text: `Your appointment has moved. It was on ${formatMoment(input.previousStart, input.timeZone)}; this is the new time:`,
      },
      facts(input),
      { kind: "paragraph", text: "The attached calendar file updates the entry in your calendar." },
      { kind: "link", label: "See, reschedule or cancel your appointment", href: appointmentLink(input) },
    ],
    // Higher than the confirmation's, so calendars replace the old time instead of adding a second entry.
    [calendar(input, "REQUEST", Math.max(1, input.sequence ?? 1))],
  );
}
