// The waitlist job: freed times become offers (docs/decisions/0020). Safe with
// several instances: the database decides.
// - An offer past its expiresAt is expired by one conditional UPDATE.
// - A freed time with no live offer goes to the longest-waiting matching entry
//   for which availability (lib/booking/availability.ts) still offers it. The
//   INSERT ... ON CONFLICT DO NOTHING lets the database pick one winner when
//   two instances try at once: an exclusion constraint allows one OFFERED offer
//   per therapist and time, a partial unique index one per entry, a unique key
//   one offer per entry and freed time (an entry that let it pass is not asked
//   again; the next in line is).
// - A freed time someone has booked since, or too close to start to book, is closed.
import { writeAudit, type AuditActor } from "@/lib/audit";
import { explainStart } from "@/lib/booking/availability";
import type { Db, DbClient } from "@/lib/db/prisma";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { ClinicSettings } from "@/lib/generated/prisma/client";
import { enqueueMail } from "@/lib/mail/outbox";
import { getClinicSettings } from "@/lib/settings";
import { localDateOf } from "@/lib/time/zoned";
import { waitlistOfferMail } from "./mail";
import { entryFits, offerExpiry } from "./match";

export interface WaitlistRunCounts {
  expired: number;
  offered: number;
  closed: number;
}

interface FreedRow {
  id: string;
  therapistId: string;
  massageTypeSlug: string;
  patientId: string;
  startsAt: Date;
  endsAt: Date;
}

const SLOTS_PER_RUN = 200;

export async function runWaitlist(db: Db, options: { now: Date; appUrl: string }): Promise<WaitlistRunCounts> {
  const { now } = options;
  const expired = await expireOffers(db, now);
  const started = await db.freedSlot.updateMany({ where: { closedAt: null, startsAt: { lte: now } }, data: { closedAt: now } });
  const settings = await getClinicSettings(db);
  const open = await db.freedSlot.findMany({
    where: { closedAt: null, offers: { none: { status: "OFFERED" } } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: SLOTS_PER_RUN,
  });
  let offered = 0;
  let closed = started.count;
  for (const slot of open) {
    const outcome = await offerFreedSlot(db, slot, settings, options);
    if (outcome === "offered") offered++;
    if (outcome === "closed") closed++;
  }
  return { expired, offered, closed };
}

/** Offers past their time: expired, so the next run (this one, a moment later) moves the slot on. */
export async function expireOffers(db: Db, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: string; entryId: string }>>`
      UPDATE "WaitlistOffer" SET "status" = 'EXPIRED', "decidedAt" = ${now.toISOString()}::timestamptz
       WHERE "status" = 'OFFERED' AND "expiresAt" <= ${now.toISOString()}::timestamptz
      RETURNING "id"::text AS id, "entryId"::text AS "entryId"`;
    for (const row of rows) {
      await writeAudit(tx, {
        actor: null,
        action: "waitlist.offer_expired",
        entityType: "WaitlistOffer",
        entityId: row.id,
        fromState: "OFFERED",
        toState: "EXPIRED",
        details: { entryId: row.entryId },
      });
    }
    return rows.length;
  });
}

type SlotOutcome = "offered" | "closed" | "waiting";

/** Tries the matching entries, longest waiting first, until one gets the offer (or another instance's offer is in). */
export async function offerFreedSlot(
  db: Db,
  slot: FreedRow,
  settings: ClinicSettings,
  options: { now: Date; appUrl: string },
): Promise<SlotOutcome> {
  const { now } = options;
  const duration = Math.round((slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000);
  const own = await verdict(db, { therapistId: slot.therapistId, massageType: slot.massageTypeSlug, duration, start: slot.startsAt, now });
  if (own !== "available" || offerExpiry(slot.startsAt, now, settings) <= now) {
    await db.freedSlot.updateMany({ where: { id: slot.id, closedAt: null }, data: { closedAt: now } });
    return "closed";
  }
  const day = new Date(`${localDateOf(slot.startsAt, settings.timeZone)}T00:00:00Z`);
  const entries = await db.waitlistEntry.findMany({
    where: {
      status: "ACTIVE",
      patientId: { not: slot.patientId },
      OR: [{ therapistId: null }, { therapistId: slot.therapistId }],
      fromDate: { lte: day },
      toDate: { gte: day },
      offers: { none: { OR: [{ status: "OFFERED" }, { freedSlotId: slot.id }] } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  for (const entry of entries) {
    if (!entryFits(entry, { therapistId: slot.therapistId, start: slot.startsAt }, settings.timeZone)) continue;
    const fits = await verdict(db, {
      therapistId: slot.therapistId,
      massageType: entry.massageTypeSlug,
      duration: entry.duration,
      start: slot.startsAt,
      now,
    });
    if (fits !== "available") continue;
    const created = await db.$transaction((tx) => insertOffer(tx, slot, entry, settings, options));
    if (created) return "offered";
    // Nothing inserted: another instance offered this time (or this entry something else) a moment ago.
    const live = await db.waitlistOffer.count({ where: { freedSlotId: slot.id, status: "OFFERED" } });
    if (live) return "waiting";
  }
  return "waiting";
}

async function verdict(db: DbClient, request: Parameters<typeof explainStart>[1]) {
  try {
    return await explainStart(db, request);
  } catch (error) {
    // A therapist who no longer offers the type or length: not bookable for this entry.
    if (error instanceof ValidationError) return "not_offered" as const;
    throw error;
  }
}

async function insertOffer(
  tx: DbClient,
  slot: FreedRow,
  entry: { id: string; patientId: string; massageTypeSlug: string; duration: number },
  settings: ClinicSettings,
  options: { now: Date; appUrl: string },
): Promise<boolean> {
  const { now } = options;
  const end = new Date(slot.startsAt.getTime() + entry.duration * 60_000);
  const expiresAt = offerExpiry(slot.startsAt, now, settings);
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "WaitlistOffer" ("id", "entryId", "freedSlotId", "therapistId", "startsAt", "endsAt", "status", "expiresAt", "createdAt")
    SELECT gen_random_uuid(), e."id", ${slot.id}::uuid, ${slot.therapistId}::uuid, ${slot.startsAt.toISOString()}::timestamptz,
           ${end.toISOString()}::timestamptz, 'OFFERED', ${expiresAt.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      FROM "WaitlistEntry" e
     WHERE e."id" = ${entry.id}::uuid AND e."status" = 'ACTIVE'
    ON CONFLICT DO NOTHING
    RETURNING "id"::text AS id`;
  const offerId = rows[0]?.id;
  if (!offerId) return false;
  const [patient, therapist, type] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: entry.patientId }, select: { name: true, email: true } }),
    tx.therapist.findUniqueOrThrow({ where: { id: slot.therapistId }, select: { user: { select: { name: true } } } }),
    tx.massageType.findUniqueOrThrow({ where: { slug: entry.massageTypeSlug }, select: { name: true } }),
  ]);
  await enqueueMail(
    tx,
    waitlistOfferMail({
      offerId,
      patientName: patient.name,
      patientEmail: patient.email,
      therapistName: therapist.user.name,
      massageTypeName: type.name,
      start: slot.startsAt,
      end,
      expiresAt,
      timeZone: settings.timeZone,
      clinicName: settings.clinicName,
      appUrl: options.appUrl,
    }),
  );
  await writeAudit(tx, {
    actor: null,
    action: "waitlist.offered",
    entityType: "WaitlistOffer",
    entityId: offerId,
    toState: "OFFERED",
    details: { entryId: entry.id, freedSlotId: slot.id, startsAt: slot.startsAt.toISOString(), expiresAt: expiresAt.toISOString() },
  });
  return true;
}

/** The patient lets an offer pass: declined at once, and the time goes to the next in line. */
export async function declineOffer(
  db: Db,
  request: { patient: AuditActor; offerId: string; appUrl: string; now?: Date; ipAddress?: string },
): Promise<void> {
  const now = request.now ?? new Date();
  const offer = await db.waitlistOffer.findFirst({
    where: { id: request.offerId, entry: { patientId: request.patient.id } },
    select: { id: true, freedSlotId: true },
  });
  if (!offer) throw new NotFoundError("No such offer.");
  await db.$transaction(async (tx) => {
    const updated = await tx.waitlistOffer.updateMany({
      where: { id: offer.id, status: "OFFERED" },
      data: { status: "DECLINED", decidedAt: now },
    });
    if (updated.count !== 1) throw new ConflictError("offer_gone", "This offer has already ended.");
    await writeAudit(tx, {
      actor: request.patient,
      action: "waitlist.offer_declined",
      entityType: "WaitlistOffer",
      entityId: offer.id,
      fromState: "OFFERED",
      toState: "DECLINED",
      ipAddress: request.ipAddress,
    });
  });
  const slot = await db.freedSlot.findUnique({ where: { id: offer.freedSlotId } });
  if (slot && !slot.closedAt) await offerFreedSlot(db, slot, await getClinicSettings(db), { now, appUrl: request.appUrl });
}
