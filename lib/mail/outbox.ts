// Every mail goes through the outbox table first, written in the same
// transaction as the change that causes it: if the change rolls back, no mail;
// if SMTP is down, the mail waits (lib/mail/worker.ts delivers it).
import { z } from "zod";
import type { DbClient } from "@/lib/db/prisma";
import type { MailAttachment, OutgoingMail } from "./types";

export type { MailAttachment, OutgoingMail } from "./types";

export async function enqueueMail(db: DbClient, mail: OutgoingMail): Promise<void> {
  const row = outboxRow(mail);
  await db.outboxMessage.create({ data: { ...row, attachments: row.attachments ?? undefined } });
}

/** The outbox columns for a mail (for enqueueMail, and for SQL that inserts the row itself). */
export function outboxRow(mail: OutgoingMail) {
  return {
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    attachments: mail.attachments?.length
      ? mail.attachments.map(({ filename, contentType, content }) => ({ filename, contentType, content }))
      : null,
  };
}

const storedAttachments = z.array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() }));

/** The attachments column read back; anything malformed counts as none rather than breaking delivery. */
export function parseAttachments(value: unknown): MailAttachment[] {
  const parsed = storedAttachments.safeParse(value);
  return parsed.success ? parsed.data : [];
}
