// The booking mails a patient receives. They carry what a calendar entry
// carries (who, what, when, where, a link) and never a health detail: mail is
// not a safe channel for the intake, conditions or restrictions, so the input
// types below have no field that could hold one. The patient reads those only
// after signing in, through the link.
import { freeToCancelUntil } from "@/lib/appointments/deadlines";
import { dateTimeFormat } from "@/lib/format";
import { appointmentIcsAttachment, type CalendarMethod } from "./ics";
import { renderHtml, renderText, type MailBlock } from "./render";
import type { MailAttachment, OutgoingMail } from "./types";

export interface AppointmentMailInput {
  appointmentId: string;
  /** The calendar identity across reschedules (Appointment.seriesId). */
  seriesId: string;
  patientName: string;
  patientEmail: string;
  therapistName: string;
  massageTypeName: string;
  start: Date;
  end: Date;
  /** The clinic's IANA zone; times in the text are shown in it, and the zone is named. */
  timeZone: string;
  clinicName: string;
  /** The clinic's cancellation notice: the mails say until when the patient may cancel or move online. */
  cancellationNoticeHours: number;
  /** Where links point, e.g. https://clinic.example.org (no trailing slash needed). */
  appUrl: string;
  /** The appointment's calendar revision (Appointment.sequence): 0 when first booked, higher after every change. */
  sequence: number;
  /** The clinic's address: the organizer of the calendar entry. */
  clinicEmail: string;
  /** When the mail is made (the calendar file's DTSTAMP); now when absent. */
  stamp?: Date;
}

export type BookingHeldMailInput = AppointmentMailInput & { holdUntil: Date };
/** `reason` is shown to the patient as given: it must be an administrative reason, never a health detail. */
export type BookingCancelledMailInput = AppointmentMailInput & { reason?: string };
export type BookingRescheduledMailInput = AppointmentMailInput & { previousStart: Date; previousMassageTypeName?: string };

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
  const parts = dateTimeFormat({
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
  return dateTimeFormat({ hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(at);
}

function zoneAbbreviation(at: Date, timeZone: string): string {
  const part = dateTimeFormat({ timeZone, timeZoneName: "short" })
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

/** The cancellation notice, said with the link that acts on it: "Reschedule or cancel online until Mon 7 Dec, 10:00 (…)". */
function changeLink(input: AppointmentMailInput): MailBlock[] {
  const until = freeToCancelUntil(input.start, input);
  return [
    { kind: "paragraph", text: `You are ${until}. After that, please call the clinic: the number is at the end of this mail.` },
    { kind: "link", label: "See, reschedule or cancel your appointment", href: appointmentLink(input) },
  ];
}

function calendar(input: AppointmentMailInput, method: CalendarMethod, status?: "TENTATIVE"): MailAttachment {
  return appointmentIcsAttachment(
    {
      seriesId: input.seriesId,
      massageTypeName: input.massageTypeName,
      therapistName: input.therapistName,
      clinicName: input.clinicName,
      start: input.start,
      end: input.end,
      sequence: input.sequence,
      stamp: input.stamp ?? new Date(),
      url: appointmentLink(input),
      organizer: { name: input.clinicName, email: input.clinicEmail },
      attendee: { name: input.patientName, email: input.patientEmail },
      ...(status ? { tentative: true } : {}),
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
      ...changeLink(input),
    ],
    [calendar(input, "REQUEST")],
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
  ], [calendar(input, "REQUEST", "TENTATIVE")]);
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
    // The caller raised the sequence with the cancellation, so it outranks every earlier version of the entry.
    [calendar(input, "CANCEL")],
  );
}

export function bookingRescheduledMail(input: BookingRescheduledMailInput): OutgoingMail {
  const moved = input.previousStart.getTime() !== input.start.getTime();
  const before = `${input.previousMassageTypeName ?? input.massageTypeName} on ${formatMoment(input.previousStart, input.timeZone)}`;
  return mail(
    input,
    moved ? `Appointment moved to ${shortMoment(input.start, input.timeZone)}` : `Appointment changed: ${shortMoment(input.start, input.timeZone)}`,
    [
      { kind: "paragraph", text: `Your appointment has changed. It was: ${before}. This is it now:` },
      facts(input),
      { kind: "paragraph", text: "The attached calendar file updates the entry in your calendar." },
      ...changeLink(input),
    ],
    // Same UID, higher sequence: calendars replace the old time instead of adding a second entry.
    [calendar(input, "REQUEST")],
  );
}

// Clearance outcomes. Like every mail here they say what happened to the
// appointment, never why medically: the physician's reason and their written
// words are read after signing in. An approval's limits on what may be booked
// (massage types, length) are booking rules the patient needs before booking
// again, so the approval mail names them (docs/decisions/0012).

/**
 * What a physician's approval limits, as booking rules: the massage types it
 * rules out (in sentence form: "deep tissue massage") and the longest session.
 * The physician's own written words stay behind the sign-in: they may say why.
 */
export interface ApprovalLimits {
  physicianName: string;
  excludedMassageTypes: readonly string[];
  maxDurationMinutes: number | null;
  /** The physician also wrote a restriction in their own words. */
  hasNote: boolean;
}

export type ClearanceApprovedMailInput = AppointmentMailInput & { restrictions: readonly ApprovalLimits[] };

function limitWords(limits: ApprovalLimits): string {
  const parts = [
    limits.excludedMassageTypes.length ? `no ${limits.excludedMassageTypes.join(" and no ")}` : "",
    limits.maxDurationMinutes ? `sessions of at most ${limits.maxDurationMinutes} minutes` : "",
    limits.hasNote ? "a note for your therapist (read it on your appointment page)" : "",
  ].filter(Boolean);
  const line = parts.join("; ");
  return `${line.charAt(0).toUpperCase()}${line.slice(1)} (${limits.physicianName})`;
}

/** The physician approved and the held appointment is now confirmed: a confirmation with its calendar file and the approval's limits. */
export function clearanceApprovedMail(input: ClearanceApprovedMailInput): OutgoingMail {
  const limits = input.restrictions.filter((r) => r.excludedMassageTypes.length || r.maxDurationMinutes || r.hasNote);
  return mail(
    input,
    `Appointment confirmed: ${shortMoment(input.start, input.timeZone)}`,
    [
      { kind: "paragraph", text: "Your physician's clearance has been approved, so your appointment is confirmed." },
      facts(input),
      ...(limits.length
        ? ([
            { kind: "paragraph", text: "Your physician's approval comes with restrictions. They apply to this and every later booking while the approval is valid:" },
            { kind: "steps", items: limits.map(limitWords) },
          ] as MailBlock[])
        : [{ kind: "paragraph" as const, text: "Your physician set no restrictions." }]),
      { kind: "paragraph", text: "The attached calendar file adds it to your calendar, shown in your calendar's own time zone." },
      ...changeLink(input),
    ],
    [calendar(input, "REQUEST")],
  );
}

/** What about a booking does not fit the physician's approval: named, never explained. */
export type BookingMismatch = "massageType" | "duration";

export type ClearanceNeedsChangeMailInput = AppointmentMailInput & { holdUntil: Date; mismatch: BookingMismatch[] };

const MISMATCH_WORDS: Record<BookingMismatch, string> = {
  massageType: "the massage type",
  duration: "the length of the session",
};

/** Approved, but with limits this booking does not fit: it stays held until the cut-off for the patient to change it. */
export function clearanceNeedsChangeMail(input: ClearanceNeedsChangeMailInput): OutgoingMail {
  const deadline = formatMoment(input.holdUntil, input.timeZone);
  const what = input.mismatch.map((key) => MISMATCH_WORDS[key]).join(" and ") || "this booking";
  return mail(input, `Your clearance is approved; this booking needs a change: ${shortMoment(input.start, input.timeZone)}`, [
    {
      kind: "paragraph",
      text: `Your physician has approved massage, with limits that this booking does not fit (${what}). It is not confirmed yet; we keep the time for you until ${deadline}.`,
    },
    facts(input),
    {
      kind: "steps",
      items: [
        "Open your appointment and read what your physician approved.",
        "Change the massage type or the length there to one that fits: it is then confirmed at once, at the same time.",
      ],
    },
    { kind: "link", label: "Open your appointment", href: appointmentLink(input) },
    { kind: "paragraph", text: `If nothing changes by ${deadline}, the hold ends and the time is released for others.` },
  ]);
}

/** The physician declined: the held appointment is cancelled. The reason is on the appointment page only. */
export function clearanceDeclinedMail(input: AppointmentMailInput): OutgoingMail {
  return mail(input, `Appointment cancelled: ${shortMoment(input.start, input.timeZone)}`, [
    {
      kind: "paragraph",
      text: "Your physician has not approved massage for now, so we have cancelled this appointment and released the time.",
    },
    facts(input),
    { kind: "paragraph", text: "Sign in to read your physician's message. Please talk to your physician or call us with any questions." },
    { kind: "link", label: "Open your appointment", href: appointmentLink(input) },
  ], [calendar(input, "CANCEL")]);
}

export type HoldEndedMailInput = AppointmentMailInput & { why: "no-clearance" | "not-changed" };

/** The hold's cut-off passed: the held appointment is cancelled and its time released. */
export function holdEndedMail(input: HoldEndedMailInput): OutgoingMail {
  return mail(input, `Appointment hold ended: ${shortMoment(input.start, input.timeZone)}`, [
    {
      kind: "paragraph",
      text:
        input.why === "no-clearance"
          ? "We held this time while waiting for your physician's clearance. It was not approved in time, so the hold has ended and the time is released."
          : "We held this time for you to change the booking to fit your physician's approval. It was not changed in time, so the hold has ended and the time is released.",
    },
    facts(input),
    {
      kind: "paragraph",
      text:
        input.why === "no-clearance"
          ? "You are welcome to book again once your physician's clearance is ready."
          : "Your physician's approval still stands: a booking that fits it is confirmed at once.",
    },
    { kind: "link", label: "See your appointments or book a new time", href: appointmentLink(input) },
  ], [calendar(input, "CANCEL")]);
}

export interface ClearanceDocumentUploadedMailInput {
  clearanceId: string;
  physicianName: string;
  physicianEmail: string;
  /** The hold's cut-off: a decision after it comes too late for the appointment. */
  holdUntil: Date;
  timeZone: string;
  clinicName: string;
  appUrl: string;
}

/**
 * To the physician a clearance request is addressed to, when its first document
 * arrives. Not even the patient's name: that a person asked for a clearance is
 * itself a health detail. Everything is read after signing in.
 */
export function clearanceDocumentUploadedMail(input: ClearanceDocumentUploadedMailInput): OutgoingMail {
  const subject = "A clearance request is ready for your review";
  const blocks: MailBlock[] = [
    { kind: "paragraph", text: `Hello ${input.physicianName},` },
    {
      kind: "paragraph",
      text: "A patient who named you as their physician has uploaded a clearance document. The request is waiting for your review.",
    },
    { kind: "facts", rows: [["Please decide before", formatMoment(input.holdUntil, input.timeZone)]] },
    {
      kind: "link",
      label: "Sign in to review the request",
      href: `${input.appUrl.replace(/\/+$/, "")}/physician/clearances/${encodeURIComponent(input.clearanceId)}`,
    },
    { kind: "paragraph", text: "For privacy this mail carries no patient details; you see them after signing in." },
    { kind: "paragraph", text: input.clinicName },
  ];
  return { to: input.physicianEmail, subject, text: renderText(blocks), html: renderHtml(subject, blocks) };
}
