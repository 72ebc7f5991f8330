// Who is signed in, from next-auth's session cookie.
import "server-only";
import { headers } from "next/headers";
import { getToken } from "next-auth/jwt";
import { getEnv } from "@/lib/env";
import { resolveAuthSecret } from "./secret";

const SESSION_COOKIE = "authjs.session-token";

/**
 * The signed-in user's id from next-auth's session cookie: getToken decrypts
 * and checks the JWT (expiry included) with the same secret and cookie name
 * next-auth signs in with. Calling auth() would do the same and then build a
 * refreshed cookie that a page or route handler cannot send anyway; this is a
 * third of the cost of a booking request (docs/decisions/0008).
 */
export async function sessionUserId(): Promise<string | null> {
  const cookieHeader = (await headers()).get("cookie") ?? "";
  // next-auth names the cookie "__Secure-…" when the site is served over https.
  const secureCookie = cookieHeader.includes(`__Secure-${SESSION_COOKIE}`);
  const token = await getToken({
    // Only the cookie: a bearer token is not a way in.
    req: { headers: { cookie: cookieHeader } },
    secret: resolveAuthSecret(getEnv()),
    secureCookie,
  });
  return typeof token?.uid === "string" ? token.uid : null;
}
