import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader, Section } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { describeSmtpUrl, LOCAL_MAILBOX_NOTE } from "@/lib/mail/transports";
import { getClinicSettings } from "@/lib/settings";
import { MAILBOX_STATE_LABEL, MAILBOX_STATE_TONE, MAILBOX_STATES, mailboxState, type MailboxState } from "./status";

export const metadata: Metadata = { title: "Mailbox" };

const PAGE_SIZE = 50;
const pageParam = z.coerce.number().int().min(1).max(10_000).catch(1);

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  await requireRole("ADMIN", "/admin/mailbox");
  const raw = (await searchParams).page;
  const page = pageParam.parse(Array.isArray(raw) ? raw[0] : (raw ?? 1));
  const db = getDb();
  const [messages, total, byStatus, settings, kept] = await Promise.all([
    db.outboxMessage.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, to: true, subject: true, status: true, lastError: true, attempts: true, createdAt: true },
    }),
    db.outboxMessage.count(),
    db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }),
    getClinicSettings(db),
    db.outboxMessage.count({ where: { status: "SENT", lastError: LOCAL_MAILBOX_NOTE } }),
  ]);
  const counts = new Map<MailboxState, number>();
  for (const row of byStatus) {
    const state = mailboxState({ status: row.status, lastError: null });
    counts.set(state, (counts.get(state) ?? 0) + row._count._all);
  }
  counts.set("SENT", (counts.get("SENT") ?? 0) - kept);
  counts.set("KEPT", kept);
  const smtpUrl = getEnv().SMTP_URL;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      <PageHeader
        title="Mailbox"
        lead="Every mail the clinic sends goes through this outbox first. Newest first."
      >
        <div className="mt-4">
          <Alert tone={smtpUrl ? "info" : "warning"}>
            {smtpUrl
              ? `Mail is delivered through SMTP at ${describeSmtpUrl(smtpUrl)}.`
              : "SMTP is not configured (SMTP_URL), so nothing leaves this machine: messages stay here to read."}
          </Alert>
        </div>
      </PageHeader>
      <Section title="Summary" id="summary">
        <ul className="flex flex-wrap gap-2 text-sm">
          {MAILBOX_STATES.filter((state) => state !== "KEPT" || kept > 0).map((state) => (
            <li key={state} className="rounded-full border border-line bg-card px-3 py-1">
              <span className={MAILBOX_STATE_TONE[state]}>{MAILBOX_STATE_LABEL[state]}</span>: {counts.get(state) ?? 0}
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Messages" id="messages">
        {messages.length === 0 ? (
          <EmptyState>{page > 1 ? "No messages on this page." : "No mail has been queued yet."}</EmptyState>
        ) : (
          <div
            className="overflow-x-auto rounded-2xl border border-line bg-card"
            tabIndex={0}
            role="region"
            aria-label="Messages table, scrolls sideways on small screens"
          >
            <table className="w-full min-w-[40rem] text-left text-sm">
              <caption className="sr-only">
                Messages, newest first (page {page} of {pages})
              </caption>
              <thead className="bg-sage-50">
                <tr>
                  <th scope="col" className="p-3">Subject</th>
                  <th scope="col" className="p-3">To</th>
                  <th scope="col" className="p-3">Status</th>
                  <th scope="col" className="p-3">Attempts</th>
                  <th scope="col" className="p-3">Created</th>
                </tr>
              </thead>
              <tbody>
                {messages.map((message) => (
                  <tr key={message.id} className="border-t border-line">
                    <th scope="row" className="p-3 font-medium">
                      <Link href={`/admin/mailbox/${message.id}`} className="text-sage-800 underline underline-offset-4 hover:text-sage-700">
                        {message.subject}
                      </Link>
                    </th>
                    <td className="p-3 break-all">{message.to}</td>
                    <td className={`p-3 ${MAILBOX_STATE_TONE[mailboxState(message)]}`}>{MAILBOX_STATE_LABEL[mailboxState(message)]}</td>
                    <td className="p-3">{message.attempts}</td>
                    <td className="p-3">{formatDateTime(message.createdAt, settings.timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 ? (
          <nav aria-label="Mailbox pages" className="mt-4 flex flex-wrap items-center gap-3">
            {page > 1 ? (
              <ButtonLink variant="secondary" href={`/admin/mailbox?page=${page - 1}`}>
                Newer messages
              </ButtonLink>
            ) : null}
            <p className="text-sm text-muted">
              Page {page} of {pages}
            </p>
            {page < pages ? (
              <ButtonLink variant="secondary" href={`/admin/mailbox?page=${page + 1}`}>
                Older messages
              </ButtonLink>
            ) : null}
          </nav>
        ) : null}
      </Section>
    </>
  );
}
