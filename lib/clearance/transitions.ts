// A clearance request's life (docs/product.md): awaiting document -> under
// review (a document arrives) -> approved | declined; or expired when the hold's
// cut-off passes (or the appointment it was for is cancelled). Every change goes
// through transitionClearance, in the caller's transaction, with an audit entry.
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { DbClient } from "@/lib/db/prisma";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { ClearanceStatus } from "@/lib/generated/prisma/enums";

export const CLEARANCE_TRANSITIONS: Readonly<Record<ClearanceStatus, readonly ClearanceStatus[]>> = {
  AWAITING_DOCUMENT: ["UNDER_REVIEW", "EXPIRED"],
  UNDER_REVIEW: ["APPROVED", "DECLINED", "EXPIRED"],
  APPROVED: [],
  DECLINED: [],
  EXPIRED: [],
};

export function canTransitionClearance(from: ClearanceStatus, to: ClearanceStatus): boolean {
  return CLEARANCE_TRANSITIONS[from].includes(to);
}

const words = (status: ClearanceStatus) => status.toLowerCase().replace("_", " ");

export interface ClearanceTransition {
  clearanceId: string;
  to: ClearanceStatus;
  actor: AuditActor | null;
  action?: string;
  /** Shown to the patient on a decline; kept in the audit entry. */
  reason?: string;
  validUntil?: Date;
  ipAddress?: string;
  details?: Record<string, string | number | boolean | null | string[]>;
  /** The decision's moment (tests pass a fixed clock). */
  now?: Date;
}

export async function transitionClearance(tx: DbClient, request: ClearanceTransition) {
  const locked = await tx.$queryRaw<Array<{ status: ClearanceStatus }>>`
    SELECT "status"::text AS status FROM "ClearanceRequest" WHERE "id" = ${request.clearanceId}::uuid FOR UPDATE`;
  const from = locked[0]?.status;
  if (!from) throw new NotFoundError("No such clearance request.");
  if (!canTransitionClearance(from, request.to)) {
    throw new ConflictError("invalid_transition", `This clearance request is ${words(from)} and cannot become ${words(request.to)}.`);
  }
  const decided = request.to === "APPROVED" || request.to === "DECLINED";
  const clearance = await tx.clearanceRequest.update({
    where: { id: request.clearanceId },
    data: {
      status: request.to,
      ...(decided ? { decidedAt: request.now ?? new Date() } : {}),
      ...(request.to === "DECLINED" ? { declineReason: request.reason ?? null } : {}),
      ...(request.to === "APPROVED" && request.validUntil ? { validUntil: request.validUntil } : {}),
    },
  });
  await writeAudit(tx, {
    actor: request.actor,
    action: request.action ?? `clearance.${request.to.toLowerCase()}`,
    entityType: "ClearanceRequest",
    entityId: request.clearanceId,
    fromState: from,
    toState: request.to,
    details: { ...(request.reason ? { reason: request.reason } : {}), ...request.details },
    ipAddress: request.ipAddress,
  });
  return clearance;
}
