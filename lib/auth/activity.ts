// Keeps a staff session's last use current (docs/decisions/0011): the proxy
// calls this on every GET, and re-issues the session cookie with `seen` set to
// now (at most once a minute, same expiry). An idle session is not refreshed:
// its cookie is removed and the guard refuses it. Only GETs: a server action
// or next-auth's own routes may set the session cookie themselves (sign-in,
// sign-out), and a refreshed old cookie must never overwrite theirs.
import { encode } from "next-auth/jwt";
import type { NextRequest, NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { authSecret, decodeSessionCookie, sessionCookieName } from "./session-cookie";
import { claimsOf, epochSeconds, IDLE_LIMITED_ROLES, isIdle } from "./sessions";

/** Re-issue at most this often: each refresh is a cookie encryption. */
export const REFRESH_AFTER_SECONDS = 60;

export async function refreshSessionActivity(request: NextRequest, response: NextResponse, now = new Date()): Promise<void> {
  if (request.method !== "GET" || request.nextUrl.pathname.startsWith("/api/auth/")) return;
  const cookieHeader = request.headers.get("cookie") ?? "";
  const { name, secure } = sessionCookieName(cookieHeader);
  if (!request.cookies.has(name)) return;
  const token = await decodeSessionCookie(cookieHeader);
  const claims = claimsOf(token);
  if (!token || !claims || !token.role || !IDLE_LIMITED_ROLES.includes(token.role) || typeof token.exp !== "number") return;
  if (isIdle(token.role, claims.seen, now, getEnv().STAFF_IDLE_MINUTES)) {
    response.cookies.delete(name);
    return;
  }
  const nowSeconds = epochSeconds(now);
  const remaining = token.exp - nowSeconds;
  if (nowSeconds - claims.seen < REFRESH_AFTER_SECONDS || remaining <= 0) return;
  const { iat: _iat, exp: _exp, jti: _jti, ...payload } = token;
  const value = await encode({ token: { ...payload, seen: nowSeconds }, secret: authSecret(), salt: name, maxAge: remaining });
  response.cookies.set(name, value, { httpOnly: true, sameSite: "lax", path: "/", secure, expires: new Date(token.exp * 1000) });
}
