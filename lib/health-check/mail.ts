// The health check's mails. Like every mail they carry no health detail: the
// patient is asked to answer on their appointment page, and the therapist is
// told an appointment was cancelled after the check, not which answer was yes.
import { renderHtml, renderText, type MailBlock } from "@/lib/mail/render";
import { appointmentLink, formatAppointmentTime, formatMoment } from "@/lib/mail/templates";
import type { OutgoingMail } from "@/lib/mail/types";

export interface HealthCheckMailInput {
  appointmentId: string;
  patientName: string;
  patientEmail: string;
  therapistName: string;
  massageTypeName: string;
  start: Date;
  end: Date;
  timeZone: string;
  clinicName: string;
  appUrl: string;
}

/** The appointment page's health-check section. */
export function healthCheckLink(input: Pick<HealthCheckMailInput, "appUrl" | "appointmentId">): string {
  return `${appointmentLink(input)}#health-check`;
}

/** The patient, the day before: three questions, answered on the appointment page. */
export function healthCheckMail(input: HealthCheckMailInput): OutgoingMail {
  const subject = `Before your massage tomorrow: three quick questions`;
  const blocks: MailBlock[] = [
    { kind: "paragraph", text: `Hello ${input.patientName},` },
    { kind: "paragraph", text: "Your appointment is tomorrow. Before you come, please tell us how you are:" },
    {
      kind: "facts",
      rows: [
        ["What", `${input.massageTypeName} with ${input.therapistName}`],
        ["When", formatAppointmentTime(input.start, input.end, input.timeZone)],
      ],
    },
    {
      kind: "steps",
      items: ["Do you have a fever?", "Do you have a cold, flu or another contagious illness?", "Do you have a new acute injury?"],
    },
    { kind: "link", label: "Answer the three questions", href: healthCheckLink(input) },
    {
      kind: "paragraph",
      text: "If any answer is yes, massage has to wait: your appointment is cancelled without charge, whatever the cancellation notice, and you can book again once you are well.",
    },
    { kind: "paragraph", text: input.clinicName },
  ];
  return { to: input.patientEmail, subject, text: renderText(blocks), html: renderHtml(subject, blocks) };
}

/** The therapist, when a check cancels one of their appointments: the time is free again. */
export function healthCheckCancelledTherapistMail(
  input: Omit<HealthCheckMailInput, "patientEmail"> & { therapistEmail: string; answeredAt: Date },
): OutgoingMail {
  const subject = `Cancelled after the health check: ${formatMoment(input.start, input.timeZone)}`;
  const blocks: MailBlock[] = [
    { kind: "paragraph", text: `Hello ${input.therapistName},` },
    {
      kind: "paragraph",
      text: `${input.patientName} answered the day-before health check on ${formatMoment(input.answeredAt, input.timeZone)}, and massage has to wait. The appointment is cancelled and the time is free again.`,
    },
    {
      kind: "facts",
      rows: [
        ["What", input.massageTypeName],
        ["When", formatAppointmentTime(input.start, input.end, input.timeZone)],
      ],
    },
    { kind: "link", label: "See the appointment and the answers", href: appointmentLink(input) },
    { kind: "paragraph", text: input.clinicName },
  ];
  return { to: input.therapistEmail, subject, text: renderText(blocks), html: renderHtml(subject, blocks) };
}
