import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { parseAttachments } from "@/lib/mail/outbox";
import { getClinicSettings } from "@/lib/settings";
import { MAILBOX_STATE_LABEL, MAILBOX_STATE_TONE, mailboxState } from "../status";

export const metadata: Metadata = { title: "Mail message" };

export default async function MailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN", "/admin/mailbox");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const db = getDb();
  const [message, settings] = await Promise.all([
    db.outboxMessage.findUnique({ where: { id: id.data } }),
    getClinicSettings(db),
  ]);
  if (!message) notFound();
  const attachments = parseAttachments(message.attachments);
  const when = (date: Date | null) => (date ? formatDateTime(date, settings.timeZone) : "—");

  return (
    <>
      <PageHeader title={message.subject} lead={`To ${message.to}`}>
        <p className="mt-4">
          <ButtonLink variant="quiet" href="/admin/mailbox" className="px-0">
            Back to the mailbox
          </ButtonLink>
        </p>
      </PageHeader>
      <Section title="Delivery" id="delivery">
        <Card>
          <DefinitionList
            items={[
              ["Status", <span key="status" className={MAILBOX_STATE_TONE[mailboxState(message)]}>{MAILBOX_STATE_LABEL[mailboxState(message)]}</span>],
              ["Attempts", String(message.attempts)],
              ["Created", when(message.createdAt)],
              [mailboxState(message) === "KEPT" ? "Kept" : "Sent", when(message.sentAt)],
              ...(message.status === "PENDING" ? ([["Next attempt", when(message.nextAttemptAt)]] as Array<[string, string]>) : []),
              ...(message.status === "SENDING" ? ([["Claimed until", when(message.nextAttemptAt)]] as Array<[string, string]>) : []),
              ...(message.lastError
                ? ([[message.status === "SENT" ? "Note" : "Last error", message.lastError]] as Array<[string, string]>)
                : []),
            ]}
          />
        </Card>
      </Section>
      <Section title="Message" id="message">
        <Card>
          {/* The text body only: the HTML part is not rendered here, so nothing in a message can run in the admin's session. */}
          <pre className="overflow-x-auto font-sans text-base whitespace-pre-wrap break-words">{message.text}</pre>
        </Card>
      </Section>
      <Section title="Attachments" id="attachments">
        {attachments.length === 0 ? (
          <EmptyState>No attachments.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-2">
            {attachments.map((attachment, index) => (
              <li key={`${index}-${attachment.filename}`}>
                <a
                  href={`/admin/mailbox/${message.id}/attachments/${index}`}
                  download={attachment.filename}
                  className="text-sage-800 underline underline-offset-4 hover:text-sage-700"
                >
                  {attachment.filename}
                </a>{" "}
                <span className="text-sm text-muted">
                  ({attachment.contentType.split(";")[0]}, {formatSize(Buffer.byteLength(attachment.content, "utf8"))})
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}
