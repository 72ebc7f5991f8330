// The invitation a new staff member receives: who made the account, for which role, and the one-time link
// that sets their first password. No password ever travels by mail.
import { formatMoment } from "@/lib/mail/templates";
import { renderHtml, renderText, type MailBlock } from "@/lib/mail/render";
import type { OutgoingMail } from "@/lib/mail/types";
import type { Role } from "@/lib/generated/prisma/enums";

const ROLE_WORDS: Record<Role, string> = {
  ADMIN: "clinic staff (administration)",
  THERAPIST: "massage therapist",
  PHYSICIAN: "physician reviewing clearance requests",
  PATIENT: "patient",
};

export interface InvitationMailInput {
  name: string;
  email: string;
  role: Role;
  link: string;
  expiresAt: Date;
  clinicName: string;
  timeZone: string;
}

export function invitationMail(input: InvitationMailInput): OutgoingMail {
  const title = `Your account at ${input.clinicName}`;
  const blocks: MailBlock[] = [
    { kind: "paragraph", text: `Hello ${input.name},` },
    { kind: "paragraph", text: `${input.clinicName} has made you an account as ${ROLE_WORDS[input.role]}. Choose your password to start.` },
    { kind: "facts", rows: [["Sign in with", input.email]] },
    { kind: "link", label: "Set your password", href: input.link },
    {
      kind: "paragraph",
      text: `The link works once, until ${formatMoment(input.expiresAt, input.timeZone)}. If it has expired, ask the clinic for a new invitation. If you did not expect this mail, you can ignore it.`,
    },
  ];
  return { to: input.email, subject: title, text: renderText(blocks), html: renderHtml(title, blocks) };
}
