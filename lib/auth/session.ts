// Who is signed in, from next-auth's session cookie.
import "server-only";
import { headers } from "next/headers";
import { decodeSessionCookie } from "./session-cookie";
import { claimsOf, type SessionClaims } from "./sessions";

/**
 * The claims of the session cookie (user id, session version, last use), or
 * null. Calling auth() would decode the same cookie and then build a
 * refreshed one that a page or route handler cannot send anyway; this is a
 * third of the cost of a booking request (docs/decisions/0008). Whether the
 * session still holds is the guard's question (lib/auth/sessions.ts).
 */
export async function sessionClaims(): Promise<SessionClaims | null> {
  const cookieHeader = (await headers()).get("cookie") ?? "";
  return claimsOf(await decodeSessionCookie(cookieHeader));
}
