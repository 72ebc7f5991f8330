// The hold's cut-off (docs/product.md): a held appointment whose clearance is
// not approved by holdUntil is cancelled and its slot released. Run by the
// background jobs (lib/jobs/run.ts), possibly from several instances at once.
//
// Each hold is settled in its own short transaction. The candidate is picked
// with FOR UPDATE SKIP LOCKED, so two instances never take the same one and a
// request a physician is deciding right now is left to that decision; its
// appointment is then locked with SKIP LOCKED as well, so this job never waits
// for a lock while holding one (no deadlock with a decision or a cancellation,
// which lock the appointment first). What was skipped is looked at again on the
// next run, and the status is checked again under the lock, so running twice
// changes nothing the second time.
import { cancelInTransaction } from "@/lib/appointments/cancel";
import type { Db, DbClient } from "@/lib/db/prisma";
import { getEnv } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { OPEN_CLEARANCE_STATUSES } from "./queries";
import { transitionClearance } from "./transitions";

export const EXPIRED_CANCEL_REASON = "Clearance not received in time";
export const NOT_CHANGED_CANCEL_REASON = "Not changed in time to fit the physician's approval";

export interface ExpiryCounts {
  /** Requests expired (and their held appointments cancelled). */
  expired: number;
  /** Held appointments cancelled because, though approved, they were not changed to fit the restrictions by the cut-off. */
  released: number;
  /** Left for the next run: another transaction held a lock on them. */
  skipped: number;
  /** Failed with an error (logged); tried again on the next run. */
  failed: number;
}

export interface ExpiryOptions {
  /** Where links in the mails point; defaults to APP_URL (lib/env.ts). */
  appUrl?: string;
  /** At most this many holds per run of each kind (default 500): a long backlog is worked off over several runs. */
  limit?: number;
}

type Step = { kind: "done" } | { kind: "none" } | { kind: "busy" | "stale"; id: string };

export async function expireHolds(db: Db, now: Date, options: ExpiryOptions = {}): Promise<ExpiryCounts> {
  const appUrl = options.appUrl ?? getEnv().APP_URL;
  const limit = options.limit ?? 500;
  const counts: ExpiryCounts = { expired: 0, released: 0, skipped: 0, failed: 0 };
  await drain(db, limit, counts, "expired", (tx, skip) => expireNextRequest(tx, now, skip, appUrl));
  await drain(db, limit, counts, "released", (tx, skip) => releaseNextUnfitHold(tx, now, skip, appUrl));
  return counts;
}

/** Settles candidates one transaction each until none is left (or the limit is reached). */
async function drain(
  db: Db,
  limit: number,
  counts: ExpiryCounts,
  done: "expired" | "released",
  next: (tx: DbClient, skip: readonly string[]) => Promise<Step>,
): Promise<void> {
  const skip: string[] = [];
  for (let settled = 0; settled < limit; ) {
    let step: Step;
    try {
      step = await db.$transaction((tx) => next(tx, skip), { maxWait: 10_000, timeout: 20_000 });
    } catch (error) {
      if (error instanceof CandidateError) {
        console.error(`Hold expiry: could not settle ${done === "expired" ? "clearance request" : "appointment"} ${error.id}:`, error.cause);
        counts.failed += 1;
        skip.push(error.id);
        continue;
      }
      throw error;
    }
    if (step.kind === "none") return;
    if (step.kind === "done") {
      counts[done] += 1;
      settled += 1;
    } else {
      if (step.kind === "busy") counts.skipped += 1;
      skip.push(step.id);
    }
  }
}

/** An error while settling one candidate: its transaction rolled back; the others go on. */
class CandidateError extends Error {
  constructor(
    readonly id: string,
    cause: unknown,
  ) {
    super(`candidate ${id} failed`, { cause });
  }
}

const notIn = (column: Prisma.Sql, ids: readonly string[]) =>
  ids.length ? Prisma.sql`AND ${column} NOT IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})` : Prisma.empty;

/** Takes the appointment's lock only if it is free: never wait for a lock while holding one. */
async function tryLockAppointment(tx: DbClient, appointmentId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id"::text AS id FROM "Appointment" WHERE "id" = ${appointmentId}::uuid FOR UPDATE SKIP LOCKED`;
  return rows.length > 0;
}

async function expireNextRequest(tx: DbClient, now: Date, skip: readonly string[], appUrl: string): Promise<Step> {
  const open = Prisma.join(OPEN_CLEARANCE_STATUSES.map((status) => Prisma.sql`${status}::"ClearanceStatus"`));
  const picked = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id"::text AS id FROM "ClearanceRequest"
    WHERE "status" IN (${open}) AND "holdUntil" <= ${now}::timestamptz ${notIn(Prisma.sql`"id"`, skip)}
    ORDER BY "holdUntil", "id" LIMIT 1
    FOR UPDATE SKIP LOCKED`;
  const id = picked[0]?.id;
  if (!id) return { kind: "none" };
  try {
    // Read again under the lock: the row is ours now and shows the last committed change.
    const clearance = await tx.clearanceRequest.findUniqueOrThrow({ where: { id }, select: { status: true, holdUntil: true, appointmentId: true } });
    if (!OPEN_CLEARANCE_STATUSES.includes(clearance.status) || clearance.holdUntil > now) return { kind: "stale", id };
    if (clearance.appointmentId && !(await tryLockAppointment(tx, clearance.appointmentId))) return { kind: "busy", id };

    await transitionClearance(tx, { clearanceId: id, to: "EXPIRED", actor: null, reason: "The hold's cut-off passed without a decision" });
    const appointment = clearance.appointmentId
      ? await tx.appointment.findUniqueOrThrow({ where: { id: clearance.appointmentId }, select: { id: true, status: true } })
      : null;
    if (appointment?.status === "HELD") {
      await cancelInTransaction(tx, {
        appointmentId: appointment.id,
        actor: null,
        reason: EXPIRED_CANCEL_REASON,
        mail: { kind: "hold-ended", why: "no-clearance" },
        appUrl,
        now,
      });
    }
    return { kind: "done" };
  } catch (error) {
    throw new CandidateError(id, error);
  }
}

/** A held appointment past its own deadline with no clearance request still open (those expire above). */
async function releaseNextUnfitHold(tx: DbClient, now: Date, skip: readonly string[], appUrl: string): Promise<Step> {
  const open = Prisma.join(OPEN_CLEARANCE_STATUSES.map((status) => Prisma.sql`${status}::"ClearanceStatus"`));
  const picked = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT a."id"::text AS id FROM "Appointment" a
    WHERE a."status" = 'HELD'::"AppointmentStatus" AND a."heldUntil" <= ${now}::timestamptz
      AND NOT EXISTS (SELECT 1 FROM "ClearanceRequest" c WHERE c."appointmentId" = a."id" AND c."status" IN (${open}))
      ${notIn(Prisma.sql`a."id"`, skip)}
    ORDER BY a."heldUntil", a."id" LIMIT 1
    FOR UPDATE OF a SKIP LOCKED`;
  const id = picked[0]?.id;
  if (!id) return { kind: "none" };
  try {
    const appointment = await tx.appointment.findUniqueOrThrow({ where: { id }, select: { status: true, holdReason: true, heldUntil: true } });
    if (appointment.status !== "HELD" || !appointment.heldUntil || appointment.heldUntil > now) return { kind: "stale", id };
    const unfit = appointment.holdReason === "restrictions";
    await cancelInTransaction(tx, {
      appointmentId: id,
      actor: null,
      reason: unfit ? NOT_CHANGED_CANCEL_REASON : EXPIRED_CANCEL_REASON,
      mail: { kind: "hold-ended", why: unfit ? "not-changed" : "no-clearance" },
      appUrl,
      now,
    });
    return { kind: "done" };
  } catch (error) {
    throw new CandidateError(id, error);
  }
}
