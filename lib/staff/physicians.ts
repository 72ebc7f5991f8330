// The physicians' directory: made with an invitation, edited, deactivated. An inactive physician is not listed
// for patients (lib/catalogue/queries.ts listPhysicians) and cannot be chosen for a new clearance request
// (lib/appointments/context.ts checks "physicianActive"); their account still signs in, so requests already
// addressed to them can be decided (ADR 0017).
import { writeAudit } from "@/lib/audit";
import type { Db, DbClient } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/errors";
import type { PhysicianCreateInput, PhysicianEditInput } from "@/lib/validation/staff";
import type { StaffChangeContext } from "./context";
import { createStaffUser, isPasswordUnset, sendInvitation, withEmailConflict, type Invitation } from "./invite";

export async function createPhysician(db: Db, input: PhysicianCreateInput, context: StaffChangeContext): Promise<{ id: string; userId: string; invitation: Invitation }> {
  return withEmailConflict(() =>
    db.$transaction(async (tx) => {
      const user = await createStaffUser(tx, { name: input.name, email: input.email, role: "PHYSICIAN" });
      const physician = await tx.physician.create({
        data: { userId: user.id, specialty: input.specialty, licenseNumber: input.licenseNumber },
        select: { id: true },
      });
      const invitation = await sendInvitation(tx, user, context);
      await writeAudit(tx, {
        actor: context.actor,
        action: "physician.created",
        entityType: "Physician",
        entityId: physician.id,
        toState: "active",
        details: { userId: user.id, email: user.email, specialty: input.specialty, licenseNumber: input.licenseNumber, invitationExpiresAt: invitation.expiresAt.toISOString() },
        ipAddress: context.ipAddress,
      });
      return { id: physician.id, userId: user.id, invitation };
    }),
  );
}

export async function listPhysiciansForAdmin(db: DbClient) {
  return db.physician.findMany({
    orderBy: [{ active: "desc" }, { user: { name: "asc" } }],
    select: { id: true, specialty: true, licenseNumber: true, active: true, user: { select: { name: true, email: true } } },
  });
}

export async function getPhysicianForAdmin(db: DbClient, physicianId: string) {
  const physician = await db.physician.findUnique({
    where: { id: physicianId },
    select: {
      id: true,
      specialty: true,
      licenseNumber: true,
      active: true,
      user: { select: { id: true, name: true, email: true, passwordHash: true } },
      _count: { select: { clearanceRequests: { where: { status: { in: ["AWAITING_DOCUMENT", "UNDER_REVIEW"] } } } } },
    },
  });
  if (!physician) throw new NotFoundError("There is no such physician.");
  const { passwordHash, ...user } = physician.user;
  return { ...physician, user, invitationPending: isPasswordUnset(passwordHash), openRequests: physician._count.clearanceRequests };
}

/** Specialty, license and whether patients may choose them. Deactivating is audited as its own action. */
export async function updatePhysician(db: Db, physicianId: string, input: PhysicianEditInput, context: StaffChangeContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await getPhysicianForAdmin(tx, physicianId);
    await tx.physician.update({
      where: { id: physicianId },
      data: { specialty: input.specialty, licenseNumber: input.licenseNumber, active: input.active },
    });
    const changes: Record<string, { from: string | boolean; to: string | boolean }> = {};
    if (before.specialty !== input.specialty) changes.specialty = { from: before.specialty, to: input.specialty };
    if (before.licenseNumber !== input.licenseNumber) changes.licenseNumber = { from: before.licenseNumber, to: input.licenseNumber };
    if (before.active !== input.active) changes.active = { from: before.active, to: input.active };
    if (Object.keys(changes).length === 0) return;
    const action = before.active === input.active ? "physician.updated" : input.active ? "physician.reactivated" : "physician.deactivated";
    await writeAudit(tx, {
      actor: context.actor,
      action,
      entityType: "Physician",
      entityId: physicianId,
      fromState: before.active ? "active" : "inactive",
      toState: input.active ? "active" : "inactive",
      details: changes,
      ipAddress: context.ipAddress,
    });
  });
}
