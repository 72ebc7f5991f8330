// The session cookie next-auth writes, read and rewritten outside next-auth
// (lib/auth/session.ts reads it for the guard; lib/auth/activity.ts refreshes
// its last use). No "server-only" here: the proxy imports it too.
import { getToken, type JWT } from "next-auth/jwt";
import { getEnv } from "@/lib/env";
import { resolveAuthSecret } from "./secret";

export const SESSION_COOKIE = "authjs.session-token";

/** next-auth names the cookie "__Secure-…" when the site is served over https. */
export function sessionCookieName(cookieHeader: string): { name: string; secure: boolean } {
  const secure = cookieHeader.includes(`__Secure-${SESSION_COOKIE}`);
  return { name: secure ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE, secure };
}

export const authSecret = () => resolveAuthSecret(getEnv());

/**
 * The decoded session token of a Cookie header: getToken decrypts and checks
 * the JWT (expiry included) with the same secret and cookie name next-auth
 * signs in with. Only the cookie: a bearer token is not a way in.
 */
export async function decodeSessionCookie(cookieHeader: string): Promise<JWT | null> {
  const { secure } = sessionCookieName(cookieHeader);
  return getToken({ req: { headers: { cookie: cookieHeader } }, secret: authSecret(), secureCookie: secure });
}
