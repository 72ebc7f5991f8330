// The append-only audit log (a database trigger refuses UPDATE and DELETE).
// Call inside the transaction of the change it records.
// An entry is written unsealed, without any lock, and sealed into the hash
// chain shortly after by the background sealer (lib/audit/sealer.ts,
// docs/decisions/0013; lib/audit/verify.ts checks the chain). writeAudit and auditInsertSql are the one way entries
// are written: auditInsertSql is for a statement that writes an entry beside
// the change it records (lib/appointments/writes.ts).
import type { DbClient } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
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
  await db.$executeRaw(auditInsertSql([entry]));
}

/** One INSERT of the entries, in order. */
export function auditInsertSql(entries: readonly AuditInput[]): Prisma.Sql {
  if (entries.length === 0) throw new Error("auditInsertSql needs at least one entry");
  const rows = entries.map(
    (entry) => Prisma.sql`(${entry.actor?.id ?? null}::uuid, ${entry.actor?.role ?? null}::"Role", ${entry.action}, ${entry.entityType},
      ${entry.entityId ?? null}, ${entry.fromState ?? null}, ${entry.toState ?? null},
      ${entry.details === undefined ? null : JSON.stringify(entry.details)}::jsonb, ${entry.ipAddress ?? null})`,
  );
  return Prisma.sql`INSERT INTO "AuditEntry" ("actorId", "actorRole", "action", "entityType", "entityId", "fromState", "toState", "details", "ipAddress")
    VALUES ${Prisma.join(rows)}`;
}
