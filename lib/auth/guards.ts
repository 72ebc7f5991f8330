// Every page, server action and route handler opens with one of these.
// The session says who; the database confirms the account still exists, is
// active, what its role is now, and that the session has not been ended
// (signed out, password or role changed, idle too long: lib/auth/sessions.ts).
import "server-only";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { sessionClaims } from "./session";
import { userForSession, type CurrentUser } from "./sessions";

export type { CurrentUser };

export async function getCurrentUser(): Promise<CurrentUser | null> {
  return userForSession(getDb(), await sessionClaims(), { now: new Date(), idleMinutes: getEnv().STAFF_IDLE_MINUTES });
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
