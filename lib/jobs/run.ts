// The clinic's background jobs. Each runs from the in-app loop (every
// JOBS_INTERVAL_SECONDS, started in instrumentation.ts) or once per call of
// `npm run jobs` (for a scheduler such as cron). Every job must be safe to run
// from several instances at once: the database, not the process, decides who
// does what (see lib/mail/worker.ts).
//
// To add a job, append it to JOBS.
import { sealAuditLog } from "@/lib/audit/sealer";
import { pruneThrottleCounters } from "@/lib/auth/throttle";
import { expireHolds } from "@/lib/clearance/expiry";
import { sendHealthChecks } from "@/lib/health-check/job";
import type { Db } from "@/lib/db/prisma";
import { getEnv } from "@/lib/env";
import { deliverPendingMail, transportFromConfig, type MailTransport } from "@/lib/mail/worker";
import { runWaitlist } from "@/lib/waitlist/offers";

export interface JobContext {
  db: Db;
  now: Date;
  mailTransport: MailTransport;
}

export interface Job {
  name: string;
  /** Returns counts for the summary, e.g. { sent: 2, retried: 1 }. */
  run(context: JobContext): Promise<Record<string, number>>;
}

export const JOBS: readonly Job[] = [
  {
    name: "mail",
    run: async ({ db, now, mailTransport }) => ({ ...(await deliverPendingMail(db, mailTransport, { now })) }),
  },
  {
    // Held appointments whose clearance cut-off passed: cancelled, slot released, patient mailed (sent on the next run).
    name: "clearance-expiry",
    run: async ({ db, now }) => ({ ...(await expireHolds(db, now)) }),
  },
  {
    // Freed times (cancellations above included) offered to the waitlist; offers past their time expire and move on.
    name: "waitlist",
    run: async ({ db, now }) => ({ ...(await runWaitlist(db, { now, appUrl: getEnv().APP_URL })) }),
  },
  {
    // The day-before health check: from the clinic's check hour (clinic time) the day before, one mail per confirmed appointment.
    name: "health-check",
    run: async ({ db, now }) => ({ ...(await sendHealthChecks(db, { now, appUrl: getEnv().APP_URL })) }),
  },
  {
    // Throttle counters whose window ended (a stale one would also start again at 1 when next counted).
    name: "throttle-prune",
    run: async ({ db, now }) => ({ pruned: await pruneThrottleCounters(db, now) }),
  },
  {
    // Last, so the entries the jobs above wrote are sealed in the same run. One sealer at a time: a busy one is skipped.
    name: "audit-seal",
    run: async ({ db }) => ({ ...(await sealAuditLog(db)) }),
  },
];

export type JobOutcome =
  | { job: string; ok: true; ms: number; counts: Record<string, number> }
  | { job: string; ok: false; ms: number; error: string };

export interface JobsSummary {
  at: Date;
  ok: boolean;
  jobs: JobOutcome[];
}

export interface RunJobsOptions {
  /** Defaults to the configured transport (SMTP_URL, else the local mailbox). */
  mailTransport?: MailTransport;
  jobs?: readonly Job[];
}

let configuredTransport: MailTransport | undefined;

/** One transport per process, so SMTP connections are reused between runs. */
export function configuredMailTransport(): MailTransport {
  configuredTransport ??= transportFromConfig(getEnv());
  return configuredTransport;
}

/** Runs every job once, one after another. A failing job is logged and reported; the others still run. */
export async function runJobsOnce(db: Db, now: Date = new Date(), options: RunJobsOptions = {}): Promise<JobsSummary> {
  const context: JobContext = { db, now, mailTransport: options.mailTransport ?? configuredMailTransport() };
  const outcomes: JobOutcome[] = [];
  for (const job of options.jobs ?? JOBS) {
    const started = performance.now();
    try {
      const counts = await job.run(context);
      outcomes.push({ job: job.name, ok: true, ms: Math.round(performance.now() - started), counts });
    } catch (error) {
      console.error(`Background job "${job.name}" failed:`, error);
      outcomes.push({
        job: job.name,
        ok: false,
        ms: Math.round(performance.now() - started),
        // One line: Prisma's messages span several.
        error: (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim(),
      });
    }
  }
  return { at: now, ok: outcomes.every((outcome) => outcome.ok), jobs: outcomes };
}

/** One line per job: "mail: sent 2, failed 0, retried 1 (35 ms)". */
export function formatJobsSummary(summary: JobsSummary): string {
  return summary.jobs
    .map((outcome) =>
      outcome.ok
        ? `${outcome.job}: ${Object.entries(outcome.counts).map(([key, value]) => `${key} ${value}`).join(", ") || "done"} (${outcome.ms} ms)`
        : `${outcome.job}: FAILED: ${outcome.error} (${outcome.ms} ms)`,
    )
    .join("\n");
}

// The in-app loop. Kept on globalThis so a dev hot reload never starts a second one.
interface LoopState {
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  stopped: boolean;
}

const globalForJobs = globalThis as unknown as { __clinicJobLoop?: LoopState };

/** How long shutdown waits for a run in progress before closing the database anyway. */
const STOP_WAIT_MS = 10_000;

/**
 * Runs the jobs every `intervalSeconds` (the first run a few seconds after
 * start). Runs never overlap: the next is scheduled when the previous ends. The
 * timer is unref'd so it never keeps the process alive. Errors are logged and
 * the loop goes on. Does nothing when intervalSeconds is 0 or a loop is running.
 */
export function startJobLoop(getDb: () => Db, intervalSeconds: number, options: RunJobsOptions = {}): void {
  if (!(intervalSeconds > 0) || globalForJobs.__clinicJobLoop) return;
  const state: LoopState = { stopped: false };
  globalForJobs.__clinicJobLoop = state;
  const intervalMs = intervalSeconds * 1000;

  const schedule = (delayMs: number) => {
    if (state.stopped) return;
    state.timer = setTimeout(tick, delayMs);
    state.timer.unref();
  };

  function tick() {
    state.timer = undefined;
    state.running = (async () => {
      try {
        await runJobsOnce(getDb(), new Date(), options);
      } catch (error) {
        console.error("Background jobs could not run:", error);
      }
    })().finally(() => {
      state.running = undefined;
      schedule(intervalMs);
    });
  }

  schedule(Math.min(intervalMs, 5_000));
}

/** Stops the loop and waits (up to 10 s) for a run in progress, so the database can close after it. */
export async function stopJobLoop(): Promise<void> {
  const state = globalForJobs.__clinicJobLoop;
  if (!state) return;
  globalForJobs.__clinicJobLoop = undefined;
  state.stopped = true;
  if (state.timer) clearTimeout(state.timer);
  state.timer = undefined;
  if (!state.running) return;
  let timeout: NodeJS.Timeout | undefined;
  await Promise.race([
    state.running,
    new Promise<void>((resolve) => {
      timeout = setTimeout(resolve, STOP_WAIT_MS);
      timeout.unref();
    }),
  ]);
  clearTimeout(timeout);
}
