// Delivers the outbox. Safe with several app instances (and a cron script)
// running at once:
//
// - Claiming is one short transaction: `SELECT ... FOR UPDATE SKIP LOCKED`
//   picks due rows no one else is claiming, and they are marked SENDING with a
//   lease (nextAttemptAt = claim time + 5 minutes). Another worker skips them.
// - Sending happens outside any transaction, so a slow SMTP server holds no
//   locks and no connection.
// - The result is written only while the lease is still ours (same status and
//   nextAttemptAt), so a worker that lost its lease cannot overwrite another's.
// - A SENDING row whose lease ran out belongs to an instance that stopped or
//   crashed mid-send; it is due again. Delivery is therefore at least once:
//   a crash between "accepted by SMTP" and "marked SENT" sends that mail twice,
//   which beats losing it.
// - A failed attempt is retried with growing backoff (1 min doubling, capped at
//   an hour). A temporary failure (a 4xx answer, a refused or dropped
//   connection, a timeout) keeps being retried up to maxAttempts (~18 hours of
//   trying by default); a permanent one (a 5xx answer: unknown mailbox, refused
//   as spam) is given up after permanentMaxAttempts and shown as failed.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/prisma";
import { getEnv } from "@/lib/env";
import { parseAttachments } from "./outbox";
import type { MailTransport } from "./types";

export { localMailboxTransport, smtpTransport, transportFromConfig } from "./transports";
export type { MailTransport, TransportMail } from "./types";

export const DEFAULT_BATCH_SIZE = 20;
/** Attempts before a mail that keeps failing temporarily is given up: 1+2+…+32 min, then hourly, ~18 h in all. */
export const DEFAULT_MAX_ATTEMPTS = 24;
/** Attempts before a mail the server refuses permanently (5xx) is given up. */
export const DEFAULT_PERMANENT_MAX_ATTEMPTS = 3;
/** How long a claim lasts before another worker may take the message over. */
export const CLAIM_LEASE_MS = 5 * 60_000;

const MINUTE = 60_000;
const MAX_RETRY_DELAY_MS = 60 * MINUTE;
const MAX_ERROR_LENGTH = 1_000;
const STALE_CLAIM_NOTE = "The previous delivery attempt did not finish (its app instance stopped?); trying again.";

export interface DeliveryOptions {
  now?: Date;
  batchSize?: number;
  maxAttempts?: number;
  /** For permanent (5xx) refusals; at most maxAttempts. */
  permanentMaxAttempts?: number;
  /** The sender; defaults to MAIL_FROM. */
  from?: string;
}

export interface DeliveryResult {
  sent: number;
  failed: number;
  retried: number;
}

/** After the nth failed attempt: 1 min, 2, 4, 8 … capped at 1 hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MINUTE * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}

export async function deliverPendingMail(db: Db, transport: MailTransport, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const now = options.now ?? new Date();
  const batchSize = Math.max(1, Math.trunc(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const maxAttempts = Math.max(1, Math.trunc(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
  const permanentMaxAttempts = Math.min(maxAttempts, Math.max(1, Math.trunc(options.permanentMaxAttempts ?? DEFAULT_PERMANENT_MAX_ATTEMPTS)));
  const from = options.from ?? getEnv().MAIL_FROM;
  const result: DeliveryResult = { sent: 0, failed: 0, retried: 0 };

  const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
  const claimed = await claimDueMessages(db, now, leaseUntil, batchSize);
  const ours = (id: string) => ({ id, status: "SENDING" as const, nextAttemptAt: leaseUntil });
  const startedAt = performance.now();

  for (const [index, message] of claimed.entries()) {
    // A long batch must not outlive its lease: hand the rest back rather than risk a second sender.
    if (performance.now() - startedAt > CLAIM_LEASE_MS / 2) {
      const rest = claimed.slice(index).map((m) => m.id);
      await db.outboxMessage.updateMany({
        where: { id: { in: rest }, status: "SENDING", nextAttemptAt: leaseUntil },
        data: { status: "PENDING", nextAttemptAt: new Date() },
      });
      break;
    }

    try {
      const attachments = parseAttachments(message.attachments);
      await transport.send({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(attachments.length ? { attachments } : {}),
      });
    } catch (error) {
      const attempts = message.attempts + 1;
      const giveUp = attempts >= (isPermanentFailure(error) ? permanentMaxAttempts : maxAttempts);
      await db.outboxMessage.updateMany({
        where: ours(message.id),
        data: {
          status: giveUp ? "FAILED" : "PENDING",
          attempts,
          lastError: describeError(error, transport),
          ...(giveUp ? {} : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }),
        },
      });
      if (giveUp) result.failed += 1;
      else result.retried += 1;
      continue;
    }

    await db.outboxMessage.updateMany({
      where: ours(message.id),
      data: { status: "SENT", sentAt: new Date(), lastError: transport.deliveryNote ?? null },
    });
    result.sent += 1;
  }
  return result;
}

async function claimDueMessages(db: Db, now: Date, leaseUntil: Date, batchSize: number) {
  return db.$transaction(async (tx) => {
    // Dates go in as ISO strings cast in SQL: the adapters would otherwise send a
    // zone-less timestamp that the session's TimeZone could shift.
    const due = await tx.$queryRaw<Array<{ id: string; status: string }>>(Prisma.sql`
      SELECT "id"::text AS "id", "status"::text AS "status"
      FROM "OutboxMessage"
      WHERE "status" IN ('PENDING', 'SENDING') AND "nextAttemptAt" <= ${now.toISOString()}::timestamptz
      ORDER BY "nextAttemptAt", "createdAt"
      LIMIT ${batchSize}::int
      FOR UPDATE SKIP LOCKED`);
    if (due.length === 0) return [];
    const ids = due.map((row) => row.id);
    const stale = due.filter((row) => row.status === "SENDING").map((row) => row.id);
    if (stale.length > 0) {
      await tx.outboxMessage.updateMany({ where: { id: { in: stale } }, data: { lastError: STALE_CLAIM_NOTE } });
    }
    await tx.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { status: "SENDING", nextAttemptAt: leaseUntil } });
    return tx.outboxMessage.findMany({ where: { id: { in: ids } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  });
}

/** An SMTP 5xx answer: the server refuses this mail and will refuse it again. Everything else may pass later. */
export function isPermanentFailure(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { responseCode?: unknown }).responseCode : undefined;
  return typeof code === "number" && code >= 500 && code < 600;
}

function describeError(error: unknown, transport: MailTransport): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${transport.name}: ${message.replace(/\s+/g, " ").trim()}`.slice(0, MAX_ERROR_LENGTH);
}
