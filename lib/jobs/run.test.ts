import { afterEach, beforeEach, expect, test } from "vitest";
import { getEnv } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/outbox";
import { recordingTransport } from "@/lib/mail/testing";
import { localMailboxTransport, transportFromConfig } from "@/lib/mail/transports";
import { takeConsoleErrors } from "@/test/console";
import { useTestDatabase } from "@/test/db";
import { formatJobsSummary, JOBS, runJobsOnce, startJobLoop, stopJobLoop, type Job } from "./run";

const t = useTestDatabase();

beforeEach(async () => {
  await t.db.outboxMessage.deleteMany();
});
afterEach(async () => {
  await stopJobLoop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out");
    await sleep(10);
  }
}

test("every job is named; mail delivery is one of them", () => {
  expect(JOBS.map((job) => job.name)).toContain("mail");
  expect(new Set(JOBS.map((job) => job.name)).size).toBe(JOBS.length);
});

test("runJobsOnce delivers pending mail and reports what it did", async () => {
  await enqueueMail(t.db, { to: "jobs@example.test", subject: "Hi", text: "…" });
  const transport = recordingTransport();
  const now = new Date(Date.now() + 1_000);

  const summary = await runJobsOnce(t.db, now, { mailTransport: transport });

  expect(summary).toMatchObject({
    at: now,
    ok: true,
    jobs: [
      { job: "mail", ok: true, counts: { sent: 1, failed: 0, retried: 0 } },
      { job: "clearance-expiry", ok: true },
      { job: "waitlist", ok: true, counts: { expired: 0, offered: 0, closed: 0 } },
      { job: "health-check", ok: true, counts: { mailed: 0, skipped: 0 } },
      { job: "throttle-prune", ok: true, counts: { pruned: expect.any(Number) } },
      { job: "audit-seal", ok: true },
    ],
  });
  expect(transport.sent.map((mail) => mail.to)).toEqual(["jobs@example.test"]);
  expect(formatJobsSummary(summary).split("\n")[0]).toMatch(/^mail: sent 1, failed 0, retried 0 \(\d+ ms\)$/);
});

test("without SMTP_URL mail is delivered to the local mailbox", async () => {
  const transport = transportFromConfig({ ...getEnv(), SMTP_URL: undefined });
  expect(transport.name).toBe(localMailboxTransport().name);
  await enqueueMail(t.db, { to: "local@example.test", subject: "Hi", text: "…" });
  const summary = await runJobsOnce(t.db, new Date(Date.now() + 1_000), { mailTransport: transport });
  expect(summary.jobs[0]).toMatchObject({ ok: true, counts: { sent: 1 } });
  const row = await t.db.outboxMessage.findFirstOrThrow({ where: { to: "local@example.test" } });
  expect(row.status).toBe("SENT");
  expect(row.lastError).toMatch(/local mailbox/);
});

test("a failing job is logged and reported, and the other jobs still run", async () => {
  const ran: string[] = [];
  const jobs: Job[] = [
    { name: "broken", run: async () => Promise.reject(new Error("no such table")) },
    { name: "fine", run: async () => (ran.push("fine"), { done: 1 }) },
  ];
  const summary = await runJobsOnce(t.db, new Date(), { jobs, mailTransport: recordingTransport() });

  expect(summary.ok).toBe(false);
  expect(summary.jobs).toMatchObject([
    { job: "broken", ok: false, error: "no such table" },
    { job: "fine", ok: true, counts: { done: 1 } },
  ]);
  expect(ran).toEqual(["fine"]);
  expect(formatJobsSummary(summary)).toContain("broken: FAILED: no such table");
  const errors = takeConsoleErrors();
  expect(errors).toHaveLength(1);
  expect(String(errors[0]?.[0])).toContain('"broken" failed');
});

test("the loop runs again and again, never two runs at once, keeps going after errors, and stops", async () => {
  let running = 0;
  let overlapped = false;
  let runs = 0;
  const jobs: Job[] = [
    {
      name: "slow",
      run: async () => {
        running += 1;
        overlapped ||= running > 1;
        runs += 1;
        await sleep(60); // longer than the interval
        running -= 1;
        if (runs === 2) throw new Error("second run fails");
        return {};
      },
    },
  ];
  startJobLoop(() => t.db, 0.02, { jobs, mailTransport: recordingTransport() });
  // A second start while one loop runs is ignored.
  startJobLoop(() => t.db, 0.02, { jobs, mailTransport: recordingTransport() });

  await waitFor(() => runs >= 4);
  await stopJobLoop();
  const after = runs;
  await sleep(100);

  expect(overlapped).toBe(false);
  expect(runs).toBe(after);
  expect(running).toBe(0);
  const errors = takeConsoleErrors();
  expect(errors.map((args) => args[1] instanceof Error && args[1].message)).toEqual(["second run fails"]);
});

test("stopping waits for the run in progress, so the database can close after it", async () => {
  let running = false;
  let finished = false;
  const jobs: Job[] = [
    {
      name: "slow",
      run: async () => {
        running = true;
        await sleep(150);
        finished = true;
        return {};
      },
    },
  ];
  startJobLoop(() => t.db, 0.01, { jobs, mailTransport: recordingTransport() });
  await waitFor(() => running);
  await stopJobLoop();
  expect(finished).toBe(true);
});

test("an interval of 0 starts nothing", async () => {
  let runs = 0;
  startJobLoop(() => t.db, 0, { jobs: [{ name: "never", run: async () => (runs++, {}) }] });
  await sleep(50);
  expect(runs).toBe(0);
});
