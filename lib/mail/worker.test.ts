import { beforeEach, expect, inject, test } from "vitest";
import { getEnv } from "@/lib/env";
import { useTestDatabase } from "@/test/db";
import { enqueueMail } from "./outbox";
import { LOCAL_MAILBOX_NOTE } from "./transports";
import { recordingTransport } from "./testing";
import type { MailTransport } from "./types";
import {
  CLAIM_LEASE_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_PERMANENT_MAX_ATTEMPTS,
  deliverPendingMail,
  isPermanentFailure,
  localMailboxTransport,
  retryDelayMs,
} from "./worker";

const t = useTestDatabase();
const MINUTE = 60_000;
const FROM = "Clinic <clinic@example.test>";

// deliverPendingMail takes every due message, so each test starts from an empty outbox.
beforeEach(async () => {
  await t.db.outboxMessage.deleteMany();
});

/** A moment just after the messages queued so far became due (they are due from their creation). */
const soon = () => new Date(Date.now() + 1_000);

async function queue(count: number, prefix = "patient") {
  for (let i = 0; i < count; i++) {
    await enqueueMail(t.db, {
      to: `${prefix}-${i}@example.test`,
      subject: `Message ${i}`,
      text: `Body ${i}`,
      html: `<p>Body ${i}</p>`,
      attachments: [{ filename: "appointment.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: `ICS ${i}` }],
    });
  }
}

test("retries back off 1, 2, 4 … minutes, capped at an hour; 24 attempts for temporary failures, 3 for permanent ones", () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelayMs(n) / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  expect(DEFAULT_MAX_ATTEMPTS).toBe(24);
  expect(DEFAULT_PERMANENT_MAX_ATTEMPTS).toBe(3);
  const hoursOfTrying = Array.from({ length: DEFAULT_MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)).reduce((a, b) => a + b, 0) / (60 * MINUTE);
  expect(Math.round(hoursOfTrying)).toBe(18);
});

test("an SMTP 5xx answer is permanent; a 4xx answer, a refused connection or a plain error is not", () => {
  const smtpError = (responseCode: number) => Object.assign(new Error(`${responseCode} no`), { responseCode });
  expect(isPermanentFailure(smtpError(550))).toBe(true);
  expect(isPermanentFailure(smtpError(554))).toBe(true);
  expect(isPermanentFailure(smtpError(421))).toBe(false);
  expect(isPermanentFailure(smtpError(451))).toBe(false);
  expect(isPermanentFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(false);
  expect(isPermanentFailure(new Error("550 in the text only"))).toBe(false);
  expect(isPermanentFailure("550")).toBe(false);
});

test("a pending mail is sent once, with its sender, body and attachments", async () => {
  await queue(1);
  const transport = recordingTransport();

  expect(await deliverPendingMail(t.db, transport, { now: soon(), from: FROM })).toEqual({ sent: 1, failed: 0, retried: 0 });
  expect(await deliverPendingMail(t.db, transport, { now: soon(), from: FROM })).toEqual({ sent: 0, failed: 0, retried: 0 });

  expect(transport.sent).toEqual([
    {
      from: FROM,
      to: "patient-0@example.test",
      subject: "Message 0",
      // As queued: closed with the clinic's details (lib/mail/footer.test.ts).
      text: "Body 0\n\n-- \nBack-care Massage Clinic\n",
      html: expect.stringMatching(/^<p>Body 0<\/p><hr>/) as unknown as string,
      attachments: [{ filename: "appointment.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: "ICS 0" }],
    },
  ]);
  const row = await t.db.outboxMessage.findFirstOrThrow();
  expect(row).toMatchObject({ status: "SENT", attempts: 0, lastError: null });
  expect(row.sentAt).toBeInstanceOf(Date);
});

test("the sender defaults to MAIL_FROM", async () => {
  await queue(1);
  const transport = recordingTransport();
  await deliverPendingMail(t.db, transport, { now: soon() });
  expect(transport.sent[0]?.from).toBe(getEnv().MAIL_FROM);
});

test("without SMTP the local mailbox keeps the mail and marks it sent with a note", async () => {
  await queue(2);
  expect(await deliverPendingMail(t.db, localMailboxTransport(), { now: soon() })).toEqual({ sent: 2, failed: 0, retried: 0 });
  const rows = await t.db.outboxMessage.findMany();
  expect(rows.map((row) => [row.status, row.lastError])).toEqual([
    ["SENT", LOCAL_MAILBOX_NOTE],
    ["SENT", LOCAL_MAILBOX_NOTE],
  ]);
});

test("a failing transport schedules retries with backoff and the error, then gives up after maxAttempts", async () => {
  await queue(1);
  const failing = recordingTransport({ fail: () => new Error("421 Service not available") });
  const t0 = soon();
  const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
  const row = () => t.db.outboxMessage.findFirstOrThrow();

  expect(await deliverPendingMail(t.db, failing, { now: t0, maxAttempts: 3 })).toEqual({ sent: 0, failed: 0, retried: 1 });
  expect(await row()).toMatchObject({ status: "PENDING", attempts: 1, nextAttemptAt: at(1), lastError: "test transport: 421 Service not available" });

  // Not due again before its time.
  expect(await deliverPendingMail(t.db, failing, { now: at(0.5), maxAttempts: 3 })).toEqual({ sent: 0, failed: 0, retried: 0 });

  expect(await deliverPendingMail(t.db, failing, { now: at(1), maxAttempts: 3 })).toEqual({ sent: 0, failed: 0, retried: 1 });
  expect(await row()).toMatchObject({ status: "PENDING", attempts: 2, nextAttemptAt: at(1 + 2) });

  expect(await deliverPendingMail(t.db, failing, { now: at(3), maxAttempts: 3 })).toEqual({ sent: 0, failed: 1, retried: 0 });
  expect(await row()).toMatchObject({ status: "FAILED", attempts: 3, sentAt: null, lastError: "test transport: 421 Service not available" });

  // A failed message stays failed.
  expect(await deliverPendingMail(t.db, recordingTransport(), { now: at(600) })).toEqual({ sent: 0, failed: 0, retried: 0 });
});

test("a retry that succeeds is sent and its error cleared", async () => {
  await queue(1);
  const t0 = soon();
  await deliverPendingMail(t.db, recordingTransport({ fail: () => new Error("timeout") }), { now: t0 });
  const ok = recordingTransport();
  expect(await deliverPendingMail(t.db, ok, { now: new Date(t0.getTime() + MINUTE) })).toEqual({ sent: 1, failed: 0, retried: 0 });
  expect(await t.db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: "SENT", attempts: 1, lastError: null });
  expect(ok.sent).toHaveLength(1);
});

test("workers running at once never send a message twice", async () => {
  await queue(30);
  const transport = recordingTransport({ delayMs: 5 });
  const now = soon();
  // Several workers drain in small batches, so their claims interleave (on PostgreSQL, on separate connections).
  const drain = async () => {
    let sent = 0;
    for (;;) {
      const result = await deliverPendingMail(t.db, transport, { now, batchSize: 2 });
      if (result.sent === 0) return sent;
      sent += result.sent;
    }
  };
  const counts = await Promise.all([drain(), drain(), drain(), drain()]);

  expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
  const recipients = transport.sent.map((mail) => mail.to);
  expect(recipients).toHaveLength(30);
  expect(new Set(recipients).size).toBe(30);
  expect(await t.db.outboxMessage.count({ where: { status: "SENT" } })).toBe(30);
});

// PGlite is one connection: a second transaction cannot hold a lock while the worker runs,
// so this case exists only on PostgreSQL (CI runs the suite on both).
const onPostgres = inject("testDatabase").kind === "postgres";
if (onPostgres) test("a message another worker is claiming right now is skipped, not waited for (SKIP LOCKED)", async () => {
  await queue(2);
  const [locked, free] = await t.db.outboxMessage.findMany({ orderBy: { to: "asc" } });
  const transport = recordingTransport();

  const result = await t.connection.raw.transaction(async (tx) => {
    await tx.query(`SELECT "id" FROM "OutboxMessage" WHERE "id" = $1 FOR UPDATE`, [locked!.id]);
    return deliverPendingMail(t.db, transport, { now: soon() });
  });

  expect(result.sent).toBe(1);
  expect(transport.sent.map((mail) => mail.to)).toEqual([free!.to]);
  expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: locked!.id } })).status).toBe("PENDING");
});

test("a message whose claim went stale (its instance stopped mid-send) is picked up again; a fresh claim is left alone", async () => {
  const now = soon();
  // A SENDING row's nextAttemptAt is the end of its claim: claimed 6 minutes ago (stale) and 1 minute ago (fresh).
  const stale = await t.db.outboxMessage.create({
    data: { to: "stale@example.test", subject: "Stale", text: "…", status: "SENDING", nextAttemptAt: new Date(now.getTime() - 6 * MINUTE + CLAIM_LEASE_MS) },
  });
  const fresh = await t.db.outboxMessage.create({
    data: { to: "fresh@example.test", subject: "Fresh", text: "…", status: "SENDING", nextAttemptAt: new Date(now.getTime() - MINUTE + CLAIM_LEASE_MS) },
  });
  const transport = recordingTransport();

  expect(await deliverPendingMail(t.db, transport, { now })).toEqual({ sent: 1, failed: 0, retried: 0 });
  expect(transport.sent.map((mail) => mail.to)).toEqual(["stale@example.test"]);
  expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: stale.id } })).status).toBe("SENT");
  expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("SENDING");

  // Once its claim runs out too, it is taken over.
  expect(await deliverPendingMail(t.db, transport, { now: new Date(now.getTime() + CLAIM_LEASE_MS) })).toMatchObject({ sent: 1 });
  expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("SENT");
});

test("a worker whose claim was taken over does not overwrite the new owner's state", async () => {
  await queue(1);
  const now = soon();
  const takenOver = new Date(now.getTime() + 2 * CLAIM_LEASE_MS);
  const recorder = recordingTransport();
  const transport: MailTransport = {
    name: recorder.name,
    async send(mail) {
      // While this worker sends, its claim runs out and another instance claims the message.
      await t.db.outboxMessage.updateMany({ data: { nextAttemptAt: takenOver } });
      await recorder.send(mail);
    },
  };

  expect(await deliverPendingMail(t.db, transport, { now })).toEqual({ sent: 1, failed: 0, retried: 0 });
  expect(await t.db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: "SENDING", nextAttemptAt: takenOver, sentAt: null });
});
