// Therapists' time off. Clinic staff enter it (approved at once) or decide a
// therapist's request; only APPROVED time off closes the calendar
// (lib/booking/availability.ts). Whatever closes the calendar is refused while
// active appointments lie in it (lib/calendar/in-the-way.ts), checked under the
// therapist's lock, which every booking of that therapist also takes.
import type { AuditActor } from "@/lib/audit";
import { writeAudit } from "@/lib/audit";
import { lockTherapist } from "@/lib/appointments/locks";
import type { Db, DbClient } from "@/lib/db/prisma";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { TimeOffStatus } from "@/lib/generated/prisma/enums";
import { parseOrThrow } from "@/lib/http/respond";
import { isUuid } from "@/lib/validation/ids";
import { timeOffDecisionSchema, timeOffSchema } from "@/lib/validation/calendar";
import { assertAdmin } from "./authorize";
import { assertNothingInTheWay } from "./in-the-way";

export interface TimeOffView {
  id: string;
  therapistId: string;
  therapistName: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  status: TimeOffStatus;
  createdAt: Date;
}

const select = {
  id: true,
  therapistId: true,
  startsAt: true,
  endsAt: true,
  reason: true,
  status: true,
  createdAt: true,
  therapist: { select: { user: { select: { name: true } } } },
} as const;

type Row = { therapist: { user: { name: string } } } & Omit<TimeOffView, "therapistName">;
const view = ({ therapist, ...row }: Row): TimeOffView => ({ ...row, therapistName: therapist.user.name });

const TX = { maxWait: 10_000, timeout: 20_000 };

/** Clinic staff enter time off for a therapist: approved at once, refused while appointments are in the way. */
export async function createTimeOff(
  db: Db,
  actor: AuditActor,
  therapistId: string,
  input: unknown,
  context: { ipAddress?: string } = {},
): Promise<TimeOffView> {
  assertAdmin(actor);
  const { start, end, reason } = parseOrThrow(timeOffSchema, input);
  if (!isUuid(therapistId)) throw new NotFoundError("No such therapist.");
  return db.$transaction(async (tx) => {
    await requireTherapist(tx, therapistId);
    await lockTherapist(tx, therapistId);
    await assertNothingInTheWay(tx, { startsAt: start, endsAt: end, therapistId }, "in this time off");
    const row = await tx.timeOff.create({
      data: { therapistId, startsAt: start, endsAt: end, reason, status: "APPROVED", decidedById: actor.id, decidedAt: new Date() },
      select,
    });
    await audit(tx, actor, "time_off.created", row.id, null, "APPROVED", { therapistId, start, end }, context.ipAddress);
    return view(row);
  }, TX);
}

/** A therapist asks for time off; it closes nothing until clinic staff approve it. */
export async function requestTimeOff(
  db: Db,
  actor: AuditActor,
  input: unknown,
  context: { ipAddress?: string } = {},
): Promise<TimeOffView> {
  if (actor.role !== "THERAPIST") throw new ForbiddenError("Only therapists request time off; clinic staff enter it directly.");
  const { start, end, reason } = parseOrThrow(timeOffSchema, input);
  return db.$transaction(async (tx) => {
    const therapist = await tx.therapist.findUnique({ where: { userId: actor.id }, select: { id: true } });
    if (!therapist) throw new ForbiddenError("Your therapist profile has not been set up yet.");
    const row = await tx.timeOff.create({
      data: { therapistId: therapist.id, startsAt: start, endsAt: end, reason, status: "REQUESTED", requestedById: actor.id },
      select,
    });
    await audit(tx, actor, "time_off.requested", row.id, null, "REQUESTED", { therapistId: therapist.id, start, end }, context.ipAddress);
    return view(row);
  });
}

/** Approve (refused while appointments are in the way) or decline a request that is still open. */
export async function decideTimeOff(
  db: Db,
  actor: AuditActor,
  timeOffId: string,
  input: unknown,
  context: { ipAddress?: string } = {},
): Promise<TimeOffView> {
  assertAdmin(actor);
  const { decision } = parseOrThrow(timeOffDecisionSchema, input);
  if (!isUuid(timeOffId)) throw new NotFoundError("No such time-off request.");
  return db.$transaction(async (tx) => {
    const found = await tx.timeOff.findUnique({ where: { id: timeOffId }, select: { therapistId: true } });
    if (!found) throw new NotFoundError("No such time-off request.");
    if (decision === "approve") await lockTherapist(tx, found.therapistId);
    // Read again under the lock: another decision may have just committed.
    const current = await tx.timeOff.findUniqueOrThrow({ where: { id: timeOffId }, select });
    if (current.status !== "REQUESTED") {
      throw new ConflictError("already_decided", `This request was ${current.status === "APPROVED" ? "approved" : "declined"} already.`);
    }
    const to: TimeOffStatus = decision === "approve" ? "APPROVED" : "DECLINED";
    if (to === "APPROVED") {
      await assertNothingInTheWay(tx, { startsAt: current.startsAt, endsAt: current.endsAt, therapistId: current.therapistId }, "in this time off");
    }
    const { count } = await tx.timeOff.updateMany({
      where: { id: timeOffId, status: "REQUESTED" },
      data: { status: to, decidedById: actor.id, decidedAt: new Date() },
    });
    if (count !== 1) throw new ConflictError("already_decided", "This request was decided already.");
    await audit(tx, actor, `time_off.${decision === "approve" ? "approved" : "declined"}`, timeOffId, "REQUESTED", to, { therapistId: current.therapistId }, context.ipAddress);
    return view({ ...current, status: to });
  }, TX);
}

/** Removes time off (approved, requested or declined): the times are offered again. */
export async function deleteTimeOff(db: Db, actor: AuditActor, timeOffId: string, context: { ipAddress?: string } = {}): Promise<void> {
  assertAdmin(actor);
  if (!isUuid(timeOffId)) throw new NotFoundError("No such time off.");
  await db.$transaction(async (tx) => {
    const row = await tx.timeOff.findUnique({ where: { id: timeOffId }, select: { id: true, status: true, therapistId: true } });
    if (!row) throw new NotFoundError("No such time off.");
    await tx.timeOff.delete({ where: { id: timeOffId } });
    await audit(tx, actor, "time_off.deleted", timeOffId, row.status, null, { therapistId: row.therapistId }, context.ipAddress);
  });
}

/** Time off ending after `from`: every therapist's (clinic staff), soonest first. */
export async function listTimeOff(db: DbClient, options: { from: Date; therapistId?: string; statuses?: TimeOffStatus[] }): Promise<TimeOffView[]> {
  const rows = await db.timeOff.findMany({
    where: {
      endsAt: { gt: options.from },
      ...(options.therapistId ? { therapistId: options.therapistId } : {}),
      ...(options.statuses ? { status: { in: options.statuses } } : {}),
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 200,
    select,
  });
  return rows.map(view);
}

async function requireTherapist(tx: DbClient, therapistId: string): Promise<void> {
  const therapist = await tx.therapist.findUnique({ where: { id: therapistId }, select: { id: true } });
  if (!therapist) throw new NotFoundError("No such therapist.");
}

function audit(
  tx: DbClient,
  actor: AuditActor,
  action: string,
  id: string,
  fromState: string | null,
  toState: string | null,
  details: { therapistId: string; start?: Date; end?: Date },
  ipAddress?: string,
) {
  return writeAudit(tx, {
    actor,
    action,
    entityType: "TimeOff",
    entityId: id,
    fromState,
    toState,
    details: { therapistId: details.therapistId, ...(details.start ? { start: details.start.toISOString(), end: details.end!.toISOString() } : {}) },
    ipAddress,
  });
}
