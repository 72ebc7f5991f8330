// Where mail goes once the worker takes it from the outbox.
import nodemailer from "nodemailer";
import type { MailTransport } from "./types";

/** Real delivery through an SMTP server, e.g. smtp://user:password@host:587 or smtps://host:465. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(
    {
      url,
      // nodemailer's defaults wait up to 10 minutes on a silent server; the worker's claim lasts 5.
      connectionTimeout: 20_000,
      greetingTimeout: 20_000,
      socketTimeout: 60_000,
    },
    { from },
  );
  return {
    name: `SMTP ${describeSmtpUrl(url)}`,
    async send(mail) {
      await transporter.sendMail({
        from: mail.from || from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        attachments: mail.attachments?.map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: attachment.content,
        })),
      });
    },
  };
}

/** Host and port only: never the user name or password in logs and pages. */
export function describeSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}`;
  } catch {
    return "(invalid SMTP_URL)";
  }
}

export const LOCAL_MAILBOX_NOTE =
  "Not sent: SMTP_URL is not set, so this mail stays in the local mailbox and nothing left this machine.";

/**
 * Without SMTP_URL: "delivering" keeps the message where it is, readable at
 * /admin/mailbox. It is marked SENT with a note so it is not retried forever.
 */
export function localMailboxTransport(): MailTransport {
  return {
    name: "local mailbox",
    deliveryNote: LOCAL_MAILBOX_NOTE,
    async send() {},
  };
}

/** The transport the configuration asks for. */
export function transportFromConfig(config: { SMTP_URL?: string; MAIL_FROM: string }): MailTransport {
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL, config.MAIL_FROM) : localMailboxTransport();
}
