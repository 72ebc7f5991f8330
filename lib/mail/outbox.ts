// Every mail goes through the outbox table first, written in the same
// transaction as the change that causes it: if the change rolls back, no mail;
// if SMTP is down, the mail waits (lib/mail/worker.ts delivers it).
// enqueueMail and outboxInsertSql are the one way mail is queued, and the one
// place the clinic's contact details are added to every mail (render.ts).
import { z } from "zod";
import type { DbClient } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { getClinicSettings } from "@/lib/settings";
import { withClinicFooter, type ClinicContact } from "./render";
import type { MailAttachment, OutgoingMail } from "./types";

export type { MailAttachment, OutgoingMail } from "./types";

/** Queues the mail, closed with the clinic's details as the settings read in this transaction. */
export async function enqueueMail(db: DbClient, mail: OutgoingMail): Promise<void> {
  await db.$executeRaw(outboxInsertSql([mail], await getClinicSettings(db)));
}

/** One INSERT of the mails, each a pending outbox message closed with the clinic's details. */
export function outboxInsertSql(mails: readonly OutgoingMail[], clinic: ClinicContact): Prisma.Sql {
  if (mails.length === 0) throw new Error("outboxInsertSql needs at least one mail");
  const rows = mails.map((unsigned) => {
    const mail = withClinicFooter(unsigned, clinic);
    const attachments = mail.attachments?.length
      ? JSON.stringify(mail.attachments.map(({ filename, contentType, content }) => ({ filename, contentType, content })))
      : null;
    return Prisma.sql`(gen_random_uuid(), ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null}, ${attachments}::jsonb)`;
  });
  return Prisma.sql`INSERT INTO "OutboxMessage" ("id", "to", "subject", "text", "html", "attachments") VALUES ${Prisma.join(rows)}`;
}

const storedAttachments = z.array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() }));

/** The attachments column read back; anything malformed counts as none rather than breaking delivery. */
export function parseAttachments(value: unknown): MailAttachment[] {
  const parsed = storedAttachments.safeParse(value);
  return parsed.success ? parsed.data : [];
}
