// The account's mails (docs/decisions/0015): a password-reset link, the confirmation link for a new email address
// (sent to that new address), the notice to the old address once the change is made, and the notice that the
// password changed (so someone who did not change it hears of it). No password, and nothing
// about the person's health, ever travels by mail.
import { formatMoment } from "@/lib/mail/templates";
import { renderHtml, renderText, type MailBlock } from "@/lib/mail/render";
import type { OutgoingMail } from "@/lib/mail/types";

interface Clinic {
  clinicName: string;
  timeZone: string;
}

const mail = (to: string, subject: string, blocks: MailBlock[]): OutgoingMail => ({ to, subject, text: renderText(blocks), html: renderHtml(subject, blocks) });

export function passwordResetMail(input: Clinic & { name: string; email: string; link: string; expiresAt: Date }): OutgoingMail {
  return mail(input.email, `Choose a new password for ${input.clinicName}`, [
    { kind: "paragraph", text: `Hello ${input.name},` },
    { kind: "paragraph", text: "Someone (we hope you) asked to reset the password of your account. Choose a new one through this link:" },
    { kind: "link", label: "Choose a new password", href: input.link },
    {
      kind: "paragraph",
      text: `The link works once, until ${formatMoment(input.expiresAt, input.timeZone)}. Setting the new password signs you out everywhere. If you did not ask for this, ignore this mail: your password stays as it is.`,
    },
  ]);
}

export function emailChangeMail(input: Clinic & { name: string; newEmail: string; link: string; expiresAt: Date }): OutgoingMail {
  return mail(input.newEmail, `Confirm your new email address for ${input.clinicName}`, [
    { kind: "paragraph", text: `Hello ${input.name},` },
    { kind: "paragraph", text: `You asked to sign in to ${input.clinicName} with this address from now on. Confirm it through this link (you will be asked to sign in):` },
    { kind: "link", label: "Confirm the new address", href: input.link },
    {
      kind: "paragraph",
      text: `The link works once, until ${formatMoment(input.expiresAt, input.timeZone)}. Until you confirm, nothing changes. If you did not ask for this, ignore this mail.`,
    },
  ]);
}

export function emailChangedNotice(input: Clinic & { name: string; oldEmail: string; newEmail: string }): OutgoingMail {
  return mail(input.oldEmail, `Your sign-in email for ${input.clinicName} has changed`, [
    { kind: "paragraph", text: `Hello ${input.name},` },
    { kind: "paragraph", text: `Your account now signs in with ${input.newEmail}, and the clinic's mails go there. This address no longer opens the account.` },
    { kind: "paragraph", text: `If you did not make this change, contact ${input.clinicName} straight away.` },
  ]);
}

export function passwordChangedNotice(input: Clinic & { name: string; email: string; how: "reset" | "changed"; at: Date }): OutgoingMail {
  const how = input.how === "reset" ? "was reset through a link we mailed you" : "was changed on your account page";
  return mail(input.email, `Your password for ${input.clinicName} has changed`, [
    { kind: "paragraph", text: `Hello ${input.name},` },
    { kind: "paragraph", text: `The password of your account ${how} on ${formatMoment(input.at, input.timeZone)}. Every device that was signed in has been signed out.` },
    {
      kind: "paragraph",
      text: `If this was not you, choose a new password straight away with "Forgot your password?" on the sign-in page, and contact ${input.clinicName}.`,
    },
  ]);
}
