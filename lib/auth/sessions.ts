// Revocable sessions (docs/decisions/0011). A session cookie is a signed JWT
// that carries, besides the user id, the user's sessionVersion at sign-in and
// the time of its last use. The guard (lib/auth/guards.ts) accepts it only
// while the version is still the user's, the account is active and, for
// staff, it has been used within STAFF_IDLE_MINUTES. Sign-out bumps the
// version here; a change of password, role or deactivation bumps it in the
// database (the trigger "User_end_sessions"), whoever writes the row.
import { writeAudit } from "@/lib/audit";
import type { DbClient, Db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/validation/ids";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** What the guard reads from a session cookie. */
export interface SessionClaims {
  uid: string;
  /** The user's sessionVersion when they signed in. */
  sv: number;
  /** Last use, in seconds since the epoch (refreshed by the proxy, lib/auth/activity.ts). */
  seen: number;
}

/** The roles whose sessions end after STAFF_IDLE_MINUTES without use. */
export const IDLE_LIMITED_ROLES: readonly Role[] = ["THERAPIST", "PHYSICIAN", "ADMIN"];

export const epochSeconds = (now: Date) => Math.floor(now.getTime() / 1000);

/** The claims of a decoded token, or null when any is missing (a cookie from before revocable sessions is no session). */
export function claimsOf(token: Record<string, unknown> | null | undefined): SessionClaims | null {
  if (!token) return null;
  const { uid, sv, seen } = token;
  if (typeof uid !== "string" || !Number.isInteger(sv) || !Number.isInteger(seen)) return null;
  return { uid, sv: sv as number, seen: seen as number };
}

/** Whether a session of this role, last used at `seen`, has been idle too long on `now`. */
export function isIdle(role: Role | undefined, seen: number, now: Date, idleMinutes: number): boolean {
  return role !== undefined && IDLE_LIMITED_ROLES.includes(role) && epochSeconds(now) - seen > idleMinutes * 60;
}

/** The signed-in user of these claims on `now`, or null when the session has ended (revoked, deactivated, idle, gone). */
export async function userForSession(
  db: DbClient,
  claims: SessionClaims | null,
  options: { now: Date; idleMinutes: number },
): Promise<CurrentUser | null> {
  if (!claims || !isUuid(claims.uid)) return null;
  // Every request asks this: one plain statement rather than an ORM query for Prisma to compile (docs/decisions/0008).
  const [user] = await db.$queryRaw<Array<CurrentUser & { sessionVersion: number; deactivated: boolean }>>`
    SELECT "id"::text AS "id", "email", "name", "role"::text AS "role", "sessionVersion", "deactivatedAt" IS NOT NULL AS "deactivated"
    FROM "User" WHERE "id" = ${claims.uid}::uuid`;
  if (!user || user.deactivated || user.sessionVersion !== claims.sv) return null;
  if (isIdle(user.role, claims.seen, options.now, options.idleMinutes)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * Sign-out: ends every session of the user, on every device. Only a session
 * that is still valid can do it (a copied cookie that is already dead cannot
 * end the sessions of a later sign-in). Returns whether it did.
 */
export async function endSessionsOnSignOut(db: Db, claims: SessionClaims | null, ipAddress?: string): Promise<boolean> {
  if (!claims || !isUuid(claims.uid)) return false;
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ role: Role; sessionVersion: number }>>`
      UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1
      WHERE "id" = ${claims.uid}::uuid AND "sessionVersion" = ${claims.sv}
      RETURNING "role"::text AS "role", "sessionVersion"`;
    const row = rows[0];
    if (!row) return false;
    await writeAudit(tx, {
      actor: { id: claims.uid, role: row.role },
      action: "session.signed_out",
      entityType: "User",
      entityId: claims.uid,
      details: { sessionVersion: row.sessionVersion },
      ipAddress,
    });
    return true;
  });
}
