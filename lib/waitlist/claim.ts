// Claiming an offer: the patient books the offered time through the lifecycle
// (lib/appointments bookAppointment: screening, coverage and the slot rule
// apply as for any booking). Inside the booking's transaction the offer turns
// CLAIMED by a conditional UPDATE: of two claims at once exactly one commits.
// A claim that loses (the offer ended, or the time was booked by someone else:
// the appointments' exclusion constraint decides) is 409 offer_gone; the
// patient's entry stays active, so they stay on the list.
import { bookAppointment, SlotTakenError, type BookingResult } from "@/lib/appointments";
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { Db, DbClient } from "@/lib/db/prisma";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { WaitlistClaim } from "@/lib/validation/waitlist";

export const OFFER_GONE = "This time is no longer yours to claim: it was taken or the offer ended. You are still on the waitlist.";

export class OfferGoneError extends ConflictError {
  constructor() {
    super("offer_gone", OFFER_GONE);
  }
}

/** The patient's own offer, or 404 (another patient's offer does not exist for them). */
export async function findOwnOffer(db: DbClient, patientId: string, offerId: string) {
  const offer = await db.waitlistOffer.findFirst({
    where: { id: offerId, entry: { patientId } },
    select: {
      id: true,
      status: true,
      therapistId: true,
      startsAt: true,
      endsAt: true,
      expiresAt: true,
      appointmentId: true,
      entry: { select: { id: true, massageTypeSlug: true, duration: true, status: true } },
    },
  });
  if (!offer) throw new NotFoundError("No such offer.");
  return offer;
}

export type OwnOffer = Awaited<ReturnType<typeof findOwnOffer>>;

export const isLive = (offer: Pick<OwnOffer, "status" | "expiresAt">, now: Date) =>
  offer.status === "OFFERED" && offer.expiresAt.getTime() > now.getTime();

export interface ClaimRequest {
  patient: AuditActor;
  offerId: string;
  claim: WaitlistClaim;
  appUrl: string;
  now?: Date;
  ipAddress?: string;
}

export async function claimOffer(db: Db, request: ClaimRequest): Promise<BookingResult> {
  const now = request.now ?? new Date();
  const offer = await findOwnOffer(db, request.patient.id, request.offerId);
  if (!isLive(offer, now) || offer.entry.status !== "ACTIVE") throw new OfferGoneError();
  try {
    return await bookAppointment(db, {
      patient: request.patient,
      booking: {
        therapistId: offer.therapistId,
        massageType: offer.entry.massageTypeSlug as WaitlistClaimBooking["massageType"],
        duration: offer.entry.duration,
        start: offer.startsAt,
        physicianId: request.claim.physicianId,
        intake: request.claim.intake,
      },
      appUrl: request.appUrl,
      now,
      ipAddress: request.ipAddress,
      onBooked: (tx, booked) => markClaimed(tx, { offerId: offer.id, entryId: offer.entry.id, booked, request, now }),
    });
  } catch (error) {
    if (error instanceof SlotTakenError) {
      // Booked by someone else first: the offer is gone, the entry waits for the next time.
      await markGone(db, offer.id, now);
      throw new OfferGoneError();
    }
    throw error;
  }
}

type WaitlistClaimBooking = Parameters<typeof bookAppointment>[1]["booking"];

async function markClaimed(
  tx: DbClient,
  context: { offerId: string; entryId: string; booked: BookingResult; request: ClaimRequest; now: Date },
): Promise<void> {
  const { now, request } = context;
  const claimed = await tx.waitlistOffer.updateMany({
    where: { id: context.offerId, status: "OFFERED", expiresAt: { gt: now } },
    data: { status: "CLAIMED", appointmentId: context.booked.id, decidedAt: now },
  });
  // Undoes the booking: the offer ended (expired, declined, claimed) while this claim was on its way.
  if (claimed.count !== 1) throw new OfferGoneError();
  await tx.waitlistEntry.update({ where: { id: context.entryId }, data: { status: "FULFILLED" } });
  await tx.freedSlot.updateMany({
    where: { offers: { some: { id: context.offerId } }, closedAt: null },
    data: { closedAt: now },
  });
  await writeAudit(tx, {
    actor: request.patient,
    action: "waitlist.claimed",
    entityType: "WaitlistOffer",
    entityId: context.offerId,
    fromState: "OFFERED",
    toState: "CLAIMED",
    details: { appointmentId: context.booked.id, entryId: context.entryId, appointmentStatus: context.booked.status },
    ipAddress: request.ipAddress,
  });
}

async function markGone(db: Db, offerId: string, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const gone = await tx.waitlistOffer.updateMany({ where: { id: offerId, status: "OFFERED" }, data: { status: "GONE", decidedAt: now } });
    if (gone.count !== 1) return;
    await writeAudit(tx, { actor: null, action: "waitlist.offer_gone", entityType: "WaitlistOffer", entityId: offerId, fromState: "OFFERED", toState: "GONE" });
  });
}
