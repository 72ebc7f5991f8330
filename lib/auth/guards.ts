// Every page, server action and route handler opens with one of these.
// The session says who; the database confirms the account still exists and
// what its role is now (a role change takes effect on the next request).
import "server-only";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/validation/ids";
import { sessionUserId } from "./session";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const id = await sessionUserId();
  if (!id || !isUuid(id)) return null;
  // Every request asks this: one plain statement rather than an ORM query for Prisma to compile (docs/decisions/0008).
  const [user] = await getDb().$queryRaw<CurrentUser[]>`
    SELECT "id"::text AS "id", "email", "name", "role"::text AS "role" FROM "User" WHERE "id" = ${id}::uuid`;
  return user ?? null;
}

/** For pages and server actions: sends a signed-out person to sign in. */
export async function requireUser(returnTo?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  return user;
}

/** For pages and server actions: a page of another role does not exist for this user. */
export async function requireRole(roles: Role | Role[], returnTo?: string): Promise<CurrentUser> {
  const user = await requireUser(returnTo);
  if (!([] as Role[]).concat(roles).includes(user.role)) notFound();
  return user;
}

/** For route handlers: 401 without a session. */
export async function requireApiUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthorizedError();
  return user;
}

/** For route handlers: 401 without a session, 403 for another role. */
export async function requireApiRole(roles: Role | Role[]): Promise<CurrentUser> {
  const user = await requireApiUser();
  if (!([] as Role[]).concat(roles).includes(user.role)) throw new ForbiddenError();
  return user;
}
