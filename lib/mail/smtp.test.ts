// The outbox against a real SMTP server (smtp-server on a loopback port),
// with mails made by the real booking path: a booking's mail arrives with its
// calendar file; an outage loses nothing and sends nothing twice, with two
// workers delivering at once; a permanent refusal ends as failed, a temporary
// one keeps being retried.
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { MAILBOX_STATE_LABEL, mailboxState } from "@/app/admin/mailbox/status";
import { bookAppointment } from "@/lib/appointments/book";
import { createPrisma } from "@/lib/db/prisma";
import { healthDataConsentRow } from "@/lib/privacy/notice";
import { ensureClinicSettings } from "@/lib/seed/factories";
import { bookingSchema } from "@/lib/validation/booking";
import { useTestDatabase } from "@/test/db";
import { createPatient, createTherapist } from "@/test/fixtures";
import { readMime, startSmtpServer, type SmtpTestServer } from "@/test/smtp-server";
import { readCalendar } from "./testing";
import { smtpTransport } from "./transports";
import { deliverPendingMail, type DeliveryOptions } from "./worker";

const t = useTestDatabase();
const FROM = "Back-care Clinic <clinic@example.test>";
// Tuesday 1 December 2026, 09:00 in Amsterdam; the bookings are on the ten weekdays after it.
const NOW = new Date("2026-12-01T08:00:00Z");
const WEEKDAYS = ["02", "03", "04", "07", "08", "09", "10", "11", "14", "15"];
const therapists: string[] = [];
const servers: SmtpTestServer[] = [];

beforeAll(async () => {
  await ensureClinicSettings(t.db);
  for (let i = 0; i < 10; i++) {
    therapists.push((await createTherapist(t.db, { hours: [1, 2, 3, 4, 5].map((d) => [d, "08:00", "18:00"] as [number, string, string]) })).id);
  }
});
beforeEach(async () => {
  await t.db.outboxMessage.deleteMany();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function smtp(options: Parameters<typeof startSmtpServer>[0] = {}) {
  const server = await startSmtpServer(options);
  servers.push(server);
  return server;
}

/** Books through the lifecycle, as the booking route does; returns the patient's address and the appointment. */
async function book(therapist: number, day: string, hhmmUtc: string, existing?: { id: string; email: string }) {
  const patient = existing ?? (await createPatient(t.db));
  const booking = bookingSchema.parse({
    therapistId: therapists[therapist],
    massageType: "swedish",
    duration: 30,
    start: `2026-12-${day}T${hhmmUtc}:00.000Z`,
    intake: {
      painOnset: "chronic",
      painAreas: ["lower-back"],
      painLevel: 4,
      symptoms: { fever: false, contagiousIllness: false, acuteInjury: false },
      conditions: { cardiovascular: false, cancer: false, diabetes: false, osteoporosis: false },
    },
  });
  const result = await bookAppointment(t.db, { patient: { id: patient.id, role: "PATIENT" }, booking, appUrl: "https://clinic.example.org", now: NOW });
  return { email: patient.email, appointment: result };
}

/** Runs a worker until a pass finds nothing due at `now`. */
async function drain(db: Parameters<typeof deliverPendingMail>[0], url: string, options: DeliveryOptions) {
  const transport = smtpTransport(url, FROM);
  const totals = { sent: 0, failed: 0, retried: 0, passes: 0 };
  for (;;) {
    const result = await deliverPendingMail(db, transport, { from: FROM, batchSize: 10, ...options });
    totals.passes += 1;
    totals.sent += result.sent;
    totals.failed += result.failed;
    totals.retried += result.retried;
    if (result.sent + result.failed + result.retried === 0) return totals;
  }
}

const MINUTE = 60_000;
const soon = (minutes = 0) => new Date(Date.now() + 1_000 + minutes * MINUTE);

test("a booking's mail arrives over SMTP with its calendar file, which a calendar app can read", async () => {
  const server = await smtp();
  const { email, appointment } = await book(0, "02", "14:00");

  expect(await drain(t.db, server.url, { now: soon() })).toMatchObject({ sent: 1, failed: 0, retried: 0 });
  expect(server.received).toHaveLength(1);
  const [mail] = server.received;
  expect(mail!.to).toEqual([email]);
  expect(mail!.from).toBe("clinic@example.test");

  const parts = readMime(mail!.raw);
  expect(parts.map((part) => part.headers["content-type"]?.split(";")[0])).toEqual(["text/plain", "text/html", "text/calendar"]);
  const ics = parts.find((part) => part.headers["content-type"]?.startsWith("text/calendar"))!;
  expect(ics.headers["content-type"]).toMatch(/method=REQUEST/i);
  expect(ics.headers["content-disposition"]).toMatch(/attachment; filename=.*\.ics/);
  const calendar = readCalendar(ics.body);
  expect(calendar).toMatchObject({ method: "REQUEST", status: "CONFIRMED", start: appointment.start, end: appointment.end });
  expect(calendar.attendee?.address).toBe(email);
  expect(parts[1]!.body).toContain(`/appointments/${appointment.id}`);
});

test("100 bookings while the SMTP server is down: once it is back, two workers deliver every mail, none twice", async () => {
  // The server's port, then the server gone: every connection is refused.
  const { port } = await smtp();
  await servers.pop()!.close();

  // 100 patients sharing one password hash (hashing each would only slow the test down).
  const { passwordHash } = await createPatient(t.db);
  const run = Math.random().toString(36).slice(2, 8);
  const emails = Array.from({ length: 100 }, (_, i) => `outage-${run}-${i}@example.test`);
  await t.db.user.createMany({ data: emails.map((email) => ({ email, name: "Outage Patient", role: "PATIENT" as const, passwordHash })) });
  const patients = await t.db.user.findMany({ where: { email: { in: emails } }, orderBy: { email: "asc" } });
  await t.db.consent.createMany({ data: patients.map((patient) => healthDataConsentRow(patient.id)) });
  const booked: string[] = [];
  for (const [i, patient] of patients.entries()) booked.push((await book(i % 10, WEEKDAYS[Math.floor(i / 10)]!, "09:00", patient)).email);
  expect(await t.db.outboxMessage.count({ where: { status: "PENDING" } })).toBe(100);

  // Two app instances: their own Prisma client and their own SMTP transport, on one database.
  const instanceA = t.db;
  const instanceB = createPrisma(t.connection);
  const url = `smtp://127.0.0.1:${port}`;
  const outage = await Promise.all([drain(instanceA, url, { now: soon() }), drain(instanceB, url, { now: soon() })]);
  expect(outage[0].retried + outage[1].retried).toBe(100);
  expect(outage[0].sent + outage[1].sent).toBe(0);
  const waiting = await t.db.outboxMessage.findMany();
  expect(waiting.every((row) => row.status === "PENDING" && row.attempts === 1 && /ECONNREFUSED/.test(row.lastError ?? ""))).toBe(true);

  // Not due yet: the backoff holds them for a minute.
  expect((await drain(instanceA, url, { now: soon(0.5) })).retried).toBe(0);

  const server = await smtp({ port });
  const started = performance.now();
  const back = await Promise.all([drain(instanceA, url, { now: soon(1.1) }), drain(instanceB, url, { now: soon(1.1) })]);
  const seconds = (performance.now() - started) / 1000;

  expect(back[0].sent + back[1].sent).toBe(100);
  expect(back[0].sent).toBeGreaterThan(0);
  expect(back[1].sent).toBeGreaterThan(0);
  const recipients = server.received.flatMap((mail) => mail.to);
  expect(recipients).toHaveLength(100);
  expect(new Set(recipients)).toEqual(new Set(booked));
  expect(server.received.every((mail) => readMime(mail.raw).some((part) => part.headers["content-type"]?.startsWith("text/calendar")))).toBe(true);
  expect(await t.db.outboxMessage.count({ where: { status: "SENT", attempts: 1, lastError: null } })).toBe(100);
  console.info(`100 mails delivered after the outage in ${seconds.toFixed(1)} s by two workers (${back[0].sent} + ${back[1].sent})`);
  // 100 bookings and 200 SMTP connections: ~20 s alone on a 2-CPU machine, more beside other test files.
}, 90_000);

test("a permanent refusal (550) is failed after its retries and shown as failed; a temporary one (451) keeps being retried", async () => {
  const refused = new Set<string>();
  const deferred = new Set<string>();
  const server = await smtp({
    reject: (recipient) =>
      refused.has(recipient)
        ? { responseCode: 550, message: "5.1.1 No such mailbox here" }
        : deferred.has(recipient)
          ? { responseCode: 451, message: "4.3.0 Try again later" }
          : undefined,
  });
  const gone = await book(1, "02", "15:00");
  const busy = await book(2, "02", "15:00");
  const fine = await book(3, "02", "15:00");
  refused.add(gone.email);
  deferred.add(busy.email);

  // Each pass runs at the moment the earliest retry falls due, far past the backoff of every earlier attempt.
  let now = soon();
  let lastPass = now;
  for (let pass = 0; pass < 6; pass++) {
    await drain(t.db, server.url, { now });
    lastPass = now;
    const next = await t.db.outboxMessage.findFirst({ where: { status: "PENDING" }, orderBy: { nextAttemptAt: "asc" } });
    if (!next) break;
    now = next.nextAttemptAt;
  }

  const rowFor = (email: string) => t.db.outboxMessage.findFirstOrThrow({ where: { to: email } });
  expect(await rowFor(gone.email)).toMatchObject({ status: "FAILED", attempts: 3, sentAt: null });
  expect((await rowFor(gone.email)).lastError).toMatch(/^SMTP smtp:\/\/127\.0\.0\.1:\d+: .*550.*No such mailbox here/);
  expect(server.recipientsTried.filter((address) => address === gone.email)).toHaveLength(3);
  expect(MAILBOX_STATE_LABEL[mailboxState(await rowFor(gone.email))]).toBe("Failed");

  const stillTrying = await rowFor(busy.email);
  expect(stillTrying).toMatchObject({ status: "PENDING", attempts: 6 });
  expect(stillTrying.lastError).toMatch(/451/);
  expect(stillTrying.nextAttemptAt.getTime() - lastPass.getTime()).toBe(32 * MINUTE);

  expect(await rowFor(fine.email)).toMatchObject({ status: "SENT", attempts: 0 });
  expect(server.received.map((mail) => mail.to)).toEqual([[fine.email]]);

  // A failed mail is not tried again, however late.
  await drain(t.db, server.url, { now: new Date(now.getTime() + 30 * 24 * 60 * MINUTE) });
  expect(server.recipientsTried.filter((address) => address === gone.email)).toHaveLength(3);
});
