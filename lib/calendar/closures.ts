// Clinic closures (holidays): a local date in the clinic's time zone on which
// nobody can be booked. Availability leaves the day out (lib/booking/availability.ts
// reads the Closure table in the same statement as the schedules).
//
// The race with a booking: creating a closure takes every therapist's lock
// (lockEveryTherapist) before it looks for appointments that day, and a booking
// reads the closed days after its therapist's lock. Whichever commits first,
// the other sees it: a booking that got in first makes the closure's check
// refuse (409, listing it); one that waited finds the day closed.
import type { AuditActor } from "@/lib/audit";
import { writeAudit } from "@/lib/audit";
import { lockEveryTherapist } from "@/lib/appointments/locks";
import type { Db, DbClient } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/errors";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/http/respond";
import { isUuid } from "@/lib/validation/ids";
import { getClinicSettings } from "@/lib/settings";
import { addDays, wallClockToUtcAtOrAfter } from "@/lib/time/zoned";
import { closureSchema } from "@/lib/validation/calendar";
import { assertAdmin } from "./authorize";
import { assertNothingInTheWay } from "./in-the-way";

export interface ClosureView {
  id: string;
  date: string;
  reason: string;
  createdAt: Date;
}

/** The instants of a local date in the zone: [its midnight, the next midnight). */
export function localDayRange(date: string, timeZone: string): { startsAt: Date; endsAt: Date } {
  return { startsAt: wallClockToUtcAtOrAfter(date, 0, timeZone), endsAt: wallClockToUtcAtOrAfter(addDays(date, 1), 0, timeZone) };
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export async function createClosure(
  db: Db,
  actor: AuditActor,
  input: unknown,
  context: { ipAddress?: string } = {},
): Promise<ClosureView> {
  assertAdmin(actor);
  const { date, reason } = parseOrThrow(closureSchema, input);
  try {
    return await db.$transaction(
      async (tx) => {
        await lockEveryTherapist(tx);
        const { timeZone } = await getClinicSettings(tx);
        await assertNothingInTheWay(tx, localDayRange(date, timeZone), `on ${date}`);
        const closure = await tx.closure.create({
          data: { date: new Date(`${date}T00:00:00Z`), reason, createdById: actor.id },
          select: { id: true, date: true, reason: true, createdAt: true },
        });
        await writeAudit(tx, {
          actor,
          action: "closure.created",
          entityType: "Closure",
          entityId: closure.id,
          details: { date, reason },
          ipAddress: context.ipAddress,
        });
        return { ...closure, date: dayOf(closure.date) };
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("closure_exists", `The clinic is already closed on ${date}.`);
    throw error;
  }
}

/** Reopens the day: its times are offered again at once. */
export async function deleteClosure(db: Db, actor: AuditActor, id: string, context: { ipAddress?: string } = {}): Promise<void> {
  assertAdmin(actor);
  if (!isUuid(id)) throw new NotFoundError("No such closure.");
  await db.$transaction(async (tx) => {
    const closure = await tx.closure.findUnique({ where: { id }, select: { id: true, date: true, reason: true } });
    if (!closure) throw new NotFoundError("No such closure.");
    await tx.closure.delete({ where: { id } });
    await writeAudit(tx, {
      actor,
      action: "closure.deleted",
      entityType: "Closure",
      entityId: id,
      details: { date: dayOf(closure.date), reason: closure.reason },
      ipAddress: context.ipAddress,
    });
  });
}

/** Closures from `fromDate` ("YYYY-MM-DD") on, soonest first. */
export async function listClosures(db: DbClient, fromDate: string): Promise<ClosureView[]> {
  const rows = await db.closure.findMany({
    where: { date: { gte: new Date(`${fromDate}T00:00:00Z`) } },
    orderBy: { date: "asc" },
    select: { id: true, date: true, reason: true, createdAt: true },
  });
  return rows.map((row) => ({ ...row, date: dayOf(row.date) }));
}
