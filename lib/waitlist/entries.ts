// Waitlist entries: a patient joins, sees their own (each with its live offer),
// leaves; the clinic sees the list per day. Every change is audited.
import { writeAudit, type AuditActor } from "@/lib/audit";
import { bookableTherapistWhere } from "@/lib/catalogue/queries";
import type { Db, DbClient } from "@/lib/db/prisma";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { getClinicSettings } from "@/lib/settings";
import { addDays, localDateOf } from "@/lib/time/zoned";
import { minuteOfClock, type WaitlistJoin } from "@/lib/validation/waitlist";

/** Entries one patient may have waiting at once. */
export const MAX_ACTIVE_ENTRIES = 5;

export interface JoinRequest {
  patient: AuditActor;
  join: WaitlistJoin;
  now?: Date;
  ipAddress?: string;
}

export async function joinWaitlist(db: Db, request: JoinRequest): Promise<{ id: string }> {
  const now = request.now ?? new Date();
  const { join, patient } = request;
  const settings = await getClinicSettings(db);
  const today = localDateOf(now, settings.timeZone);
  const horizon = addDays(today, settings.bookingHorizonDays);
  if (join.to < today) throw new ValidationError("Choose days from today on.", { to: "The last day has passed: choose days from today on." });
  if (join.from > horizon) {
    const message = `The clinic takes bookings up to ${settings.bookingHorizonDays} days ahead: choose days before ${horizon}.`;
    throw new ValidationError(message, { from: message });
  }
  const type = await db.massageType.findFirst({ where: { slug: join.massageType, active: true }, select: { durations: true } });
  if (!type) throw new ValidationError("Choose a massage type the clinic offers.", { massageType: "Choose a massage type the clinic offers." });
  if (!type.durations.includes(join.duration)) {
    const message = `This massage is ${type.durations.join(", ")} minutes long: choose one of those.`;
    throw new ValidationError(message, { duration: message });
  }
  if (join.therapistId) {
    const therapist = await db.therapist.findFirst({
      where: { id: join.therapistId, ...bookableTherapistWhere({ massageType: join.massageType, now }) },
      select: { id: true },
    });
    if (!therapist) {
      const message = "This therapist does not offer this massage: choose another, or any therapist.";
      throw new ValidationError(message, { therapistId: message });
    }
  }
  return db.$transaction(async (tx) => {
    // The patient's row, locked: two joins at once cannot both pass the count.
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${patient.id}::uuid FOR UPDATE`;
    const active = await tx.waitlistEntry.count({ where: { patientId: patient.id, status: "ACTIVE" } });
    if (active >= MAX_ACTIVE_ENTRIES) {
      throw new ConflictError("waitlist_full", `You can wait for ${MAX_ACTIVE_ENTRIES} times at once: leave one first.`);
    }
    const entry = await tx.waitlistEntry.create({
      data: {
        patientId: patient.id,
        massageTypeSlug: join.massageType,
        duration: join.duration,
        therapistId: join.therapistId ?? null,
        fromDate: new Date(`${join.from < today ? today : join.from}T00:00:00Z`),
        toDate: new Date(`${join.to > horizon ? horizon : join.to}T00:00:00Z`),
        days: (join.days ?? []).toSorted((a, b) => a - b),
        earliestMinute: join.earliest ? minuteOfClock(join.earliest) : 0,
        latestMinute: join.latest ? minuteOfClock(join.latest) : 1440,
        createdAt: now,
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actor: patient,
      action: "waitlist.joined",
      entityType: "WaitlistEntry",
      entityId: entry.id,
      toState: "ACTIVE",
      details: { massageType: join.massageType, duration: join.duration, from: join.from, to: join.to },
      ipAddress: request.ipAddress,
    });
    return entry;
  });
}

/** The patient leaves: the entry ends, and a live offer it had is let go (the job moves that time on). */
export async function leaveWaitlist(db: Db, request: { patient: AuditActor; entryId: string; now?: Date; ipAddress?: string }) {
  const now = request.now ?? new Date();
  await db.$transaction(async (tx) => {
    const updated = await tx.waitlistEntry.updateMany({
      where: { id: request.entryId, patientId: request.patient.id, status: "ACTIVE" },
      data: { status: "LEFT" },
    });
    if (updated.count !== 1) {
      const exists = await tx.waitlistEntry.count({ where: { id: request.entryId, patientId: request.patient.id } });
      if (!exists) throw new NotFoundError("No such waitlist entry.");
      return;
    }
    await tx.waitlistOffer.updateMany({ where: { entryId: request.entryId, status: "OFFERED" }, data: { status: "DECLINED", decidedAt: now } });
    await writeAudit(tx, {
      actor: request.patient,
      action: "waitlist.left",
      entityType: "WaitlistEntry",
      entityId: request.entryId,
      fromState: "ACTIVE",
      toState: "LEFT",
      ipAddress: request.ipAddress,
    });
  });
}

const entrySelect = {
  id: true,
  massageTypeSlug: true,
  duration: true,
  therapistId: true,
  fromDate: true,
  toDate: true,
  days: true,
  earliestMinute: true,
  latestMinute: true,
  status: true,
  createdAt: true,
} as const;

/** A patient's active entries, longest waiting first, each with its live offer (one at most). */
export async function listOwnEntries(db: DbClient, patientId: string, now: Date = new Date()) {
  const entries = await db.waitlistEntry.findMany({
    where: { patientId, status: "ACTIVE" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      ...entrySelect,
      offers: {
        where: { status: "OFFERED", expiresAt: { gt: now } },
        select: { id: true, therapistId: true, startsAt: true, endsAt: true, expiresAt: true },
        take: 1,
      },
    },
  });
  return entries.map(({ offers, ...entry }) => ({ ...entry, offer: offers[0] ?? null }));
}

export type OwnEntry = Awaited<ReturnType<typeof listOwnEntries>>[number];

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** GET /api/v1/waitlist: one entry as JSON. */
export function entryJson(entry: OwnEntry) {
  return {
    id: entry.id,
    massageType: entry.massageTypeSlug,
    duration: entry.duration,
    therapistId: entry.therapistId,
    from: entry.fromDate.toISOString().slice(0, 10),
    to: entry.toDate.toISOString().slice(0, 10),
    days: entry.days,
    earliest: clock(entry.earliestMinute),
    latest: clock(entry.latestMinute),
    status: entry.status.toLowerCase(),
    createdAt: entry.createdAt.toISOString(),
    offer: entry.offer
      ? {
          id: entry.offer.id,
          start: entry.offer.startsAt.toISOString(),
          end: entry.offer.endsAt.toISOString(),
          therapistId: entry.offer.therapistId,
          expiresAt: entry.offer.expiresAt.toISOString(),
        }
      : null,
  };
}

export { clock as minuteClock };

/** For the clinic: the active entries whose window covers a day, longest waiting first, with their patient and live offer. */
export async function listEntriesForDay(db: DbClient, day: string) {
  const date = new Date(`${day}T00:00:00Z`);
  return db.waitlistEntry.findMany({
    where: { status: "ACTIVE", fromDate: { lte: date }, toDate: { gte: date } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      ...entrySelect,
      patientId: true,
      offers: {
        where: { status: "OFFERED" },
        select: { id: true, startsAt: true, endsAt: true, expiresAt: true, therapistId: true },
        take: 1,
      },
    },
    take: 500,
  });
}
