// The waitlist's mail: a freed time offered to a waiting patient, with the
// claim link. Like every mail it carries no health detail.
import { formatAppointmentTime, formatMoment } from "@/lib/mail/templates";
import { renderHtml, renderText, type MailBlock } from "@/lib/mail/render";
import type { OutgoingMail } from "@/lib/mail/types";

export interface OfferMailInput {
  offerId: string;
  patientName: string;
  patientEmail: string;
  therapistName: string;
  massageTypeName: string;
  start: Date;
  end: Date;
  expiresAt: Date;
  timeZone: string;
  clinicName: string;
  appUrl: string;
}

export function offerLink(appUrl: string, offerId: string): string {
  return `${appUrl.replace(/\/+$/, "")}/waitlist/offers/${encodeURIComponent(offerId)}`;
}

export function waitlistOfferMail(input: OfferMailInput): OutgoingMail {
  const subject = `A time on your waitlist is free: ${formatMoment(input.start, input.timeZone)}`;
  const blocks: MailBlock[] = [
    { kind: "paragraph", text: `Dear ${input.patientName},` },
    { kind: "paragraph", text: "A time you were waiting for has become free, and you are the first on the list for it." },
    {
      kind: "facts",
      rows: [
        ["Massage", input.massageTypeName],
        ["Therapist", input.therapistName],
        ["When", formatAppointmentTime(input.start, input.end, input.timeZone)],
        ["Claim it by", formatMoment(input.expiresAt, input.timeZone)],
      ],
    },
    {
      kind: "paragraph",
      text: "Open the link, answer the health questions and claim it. If you do not claim it in time, it goes to the next person waiting; you stay on the list.",
    },
    { kind: "link", label: "See and claim this time", href: offerLink(input.appUrl, input.offerId) },
    { kind: "paragraph", text: input.clinicName },
  ];
  return { to: input.patientEmail, subject, text: renderText(blocks), html: renderHtml(subject, blocks) };
}
