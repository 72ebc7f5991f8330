// The append-only audit log (a database trigger refuses UPDATE and DELETE).
// Call inside the transaction of the change it records.
// Each entry is hash-chained to the one before it by a BEFORE INSERT trigger
// (migration 20261123001000_audit_chain; check with lib/audit/verify.ts). The
// trigger takes a clinic-wide lock held until the transaction ends, so write
// audit entries as late in a transaction as possible.
import type { DbClient } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

export interface AuditActor {
  id: string;
  role: Role;
}

export interface AuditInput {
  actor: AuditActor | null;
  action: string;
  entityType: string;
  entityId?: string;
  fromState?: string | null;
  toState?: string | null;
  details?: Prisma.InputJsonValue;
  ipAddress?: string;
}

export async function writeAudit(db: DbClient, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      actorId: entry.actor?.id,
      actorRole: entry.actor?.role,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      fromState: entry.fromState ?? null,
      toState: entry.toState ?? null,
      details: entry.details,
      ipAddress: entry.ipAddress,
    },
  });
}
