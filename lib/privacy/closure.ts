// Closing a patient's account (GDPR Art. 17 within what a clinic must keep): the patient asks, clinic staff
// complete. Completion removes the login and the contact details (name, email, phone, date of birth; the email
// becomes a unique placeholder), ends every session, and keeps appointments, intakes, clearances, documents, notes
// and the audit trail, which the clinic must keep as medical records (docs/decisions/0021).
// A request is refused while the patient has upcoming appointments or an active waitlist entry: the patient
// cancels or leaves them first through their own flows, so every appointment change stays in the lifecycle module.
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { Db, DbClient } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/errors";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";

export const CLOSED_NAME = "Closed account";
export const ALREADY_REQUESTED = "You have already asked us to close your account. The clinic will complete it soon.";
const UPCOMING_MESSAGE =
  "You still have upcoming appointments or a place on the waiting list. Cancel them (or leave the list) first, then ask again.";

/** The placeholder that replaces a closed account's email: unique, and never a deliverable address. */
export const closedEmail = (userId: string) => `closed-${userId}@closed.invalid`;

async function assertNothingUpcoming(db: DbClient, patientId: string, now: Date): Promise<void> {
  const [appointments, waiting] = await Promise.all([
    db.appointment.count({ where: { patientId, status: { in: ["HELD", "CONFIRMED"] }, endsAt: { gt: now } } }),
    db.waitlistEntry.count({ where: { patientId, status: "ACTIVE" } }),
  ]);
  if (appointments + waiting > 0) throw new ConflictError("upcoming_appointments", UPCOMING_MESSAGE);
}

export async function findOpenClosureRequest(db: DbClient, userId: string) {
  return db.accountClosureRequest.findFirst({ where: { userId, completedAt: null }, select: { id: true, requestedAt: true } });
}

export async function requestAccountClosure(db: Db, actor: AuditActor, options: { ipAddress?: string; now?: Date } = {}) {
  if (actor.role !== "PATIENT") throw new ForbiddenError("Staff accounts are closed by the clinic.");
  const now = options.now ?? new Date();
  await assertNothingUpcoming(db, actor.id, now);
  try {
    return await db.$transaction(async (tx) => {
      const request = await tx.accountClosureRequest.create({ data: { userId: actor.id, requestedAt: now }, select: { id: true } });
      await writeAudit(tx, {
        actor,
        action: "account.closure_requested",
        entityType: "AccountClosureRequest",
        entityId: request.id,
        toState: "REQUESTED",
        ipAddress: options.ipAddress,
      });
      return request;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("already_requested", ALREADY_REQUESTED);
    throw error;
  }
}

/** The open requests, oldest first, for clinic staff. */
export async function listOpenClosureRequests(db: DbClient) {
  const requests = await db.accountClosureRequest.findMany({ where: { completedAt: null }, orderBy: { requestedAt: "asc" }, take: 100 });
  const users = await db.user.findMany({
    where: { id: { in: requests.map((request) => request.userId) } },
    select: { id: true, name: true, email: true },
  });
  const byId = new Map(users.map((user) => [user.id, user]));
  return requests.map((request) => ({ ...request, user: byId.get(request.userId)! }));
}

export async function completeAccountClosure(db: Db, actor: AuditActor, requestId: string, options: { ipAddress?: string; now?: Date } = {}) {
  if (actor.role !== "ADMIN") throw new ForbiddenError();
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const request = await tx.accountClosureRequest.findFirst({ where: { id: requestId, completedAt: null }, select: { id: true, userId: true } });
    if (!request) throw new NotFoundError("This request does not exist or is already completed.");
    await assertNothingUpcoming(tx, request.userId, now);
    // Setting deactivatedAt bumps sessionVersion (a trigger): every session of the account ends.
    await tx.user.update({
      where: { id: request.userId },
      data: { email: closedEmail(request.userId), name: CLOSED_NAME, phone: null, dateOfBirth: null, passwordHash: "!closed", deactivatedAt: now },
    });
    // Unused links carry a way in (and an email change the address to come): none survives.
    await tx.userToken.deleteMany({ where: { userId: request.userId } });
    await tx.accountClosureRequest.update({ where: { id: request.id }, data: { completedAt: now, completedById: actor.id } });
    await writeAudit(tx, {
      actor,
      action: "account.closed",
      entityType: "AccountClosureRequest",
      entityId: request.id,
      fromState: "REQUESTED",
      toState: "COMPLETED",
      details: { userId: request.userId },
      ipAddress: options.ipAddress,
    });
    return { id: request.id, userId: request.userId };
  });
}
