// A new invitation for a therapist or physician who has not set a password yet (the first link expired or
// was lost): earlier links stop working. Once they have a password, the password reset is the way back in.
import { writeAudit } from "@/lib/audit";
import type { Db } from "@/lib/db/prisma";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { StaffChangeContext } from "./context";
import { isPasswordUnset, sendInvitation, type Invitation } from "./invite";

export async function resendInvitation(db: Db, userId: string, context: StaffChangeContext): Promise<Invitation> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, role: true, passwordHash: true } });
    if (!user || (user.role !== "THERAPIST" && user.role !== "PHYSICIAN")) throw new NotFoundError();
    if (!isPasswordUnset(user.passwordHash)) {
      throw new ConflictError("already_set", "This person has set a password already; they can reset it from the sign-in page.");
    }
    const invitation = await sendInvitation(tx, user, context);
    await writeAudit(tx, {
      actor: context.actor,
      action: "staff.reinvited",
      entityType: "User",
      entityId: user.id,
      details: { role: user.role, invitationExpiresAt: invitation.expiresAt.toISOString() },
      ipAddress: context.ipAddress,
    });
    return invitation;
  });
}
