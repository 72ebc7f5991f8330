// The proxy's refresh of a staff session's last use (lib/auth/activity.ts), on real next-auth cookies.
import { describe, expect, it, vi } from "vitest";
vi.hoisted(() => {
  process.env.AUTH_SECRET = "activity-test-secret-not-for-production-000";
});
import { decode, encode } from "next-auth/jwt";
import { NextRequest, NextResponse } from "next/server";
import { REFRESH_AFTER_SECONDS, refreshSessionActivity } from "./activity";
import { SESSION_COOKIE } from "./session-cookie";
import { epochSeconds } from "./sessions";

const secret = process.env.AUTH_SECRET!;
const now = new Date();
const exp = epochSeconds(now) + 4 * 60 * 60;

async function cookieFor(role: string, seenSecondsAgo: number) {
  const value = await encode({
    token: { uid: "3f0f4c4e-5a0e-4d0e-9a34-6b1b1c1d1e1f", role, sv: 2, seen: epochSeconds(now) - seenSecondsAgo },
    secret,
    salt: SESSION_COOKIE,
    maxAge: exp - epochSeconds(now),
  });
  return `${SESSION_COOKIE}=${value}`;
}

async function run(cookie: string, init: { method?: string; path?: string } = {}) {
  const request = new NextRequest(`http://127.0.0.1:3000${init.path ?? "/physician"}`, { method: init.method ?? "GET", headers: { cookie } });
  const response = NextResponse.next();
  await refreshSessionActivity(request, response, now);
  return response.cookies.get(SESSION_COOKIE);
}

describe("refreshSessionActivity", () => {
  it("re-issues a staff session with its last use set to now, same claims, same expiry", async () => {
    const refreshed = await run(await cookieFor("PHYSICIAN", 10 * 60));
    expect(refreshed?.value).toBeTruthy();
    expect(refreshed).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    const token = await decode({ token: refreshed!.value, secret, salt: SESSION_COOKIE });
    expect(token).toMatchObject({ uid: "3f0f4c4e-5a0e-4d0e-9a34-6b1b1c1d1e1f", role: "PHYSICIAN", sv: 2, seen: epochSeconds(now) });
    // Within a few seconds of the original expiry (encode reads the clock itself): refreshing never extends a session.
    expect(Math.abs((token!.exp as number) - exp)).toBeLessThanOrEqual(5);
  });

  it("leaves a recently refreshed one alone, and patients' sessions (no idle limit)", async () => {
    expect(await run(await cookieFor("PHYSICIAN", REFRESH_AFTER_SECONDS - 10))).toBeUndefined();
    expect(await run(await cookieFor("PATIENT", 10 * 60))).toBeUndefined();
  });

  it("removes an idle staff session instead of reviving it", async () => {
    const removed = await run(await cookieFor("ADMIN", 31 * 60));
    expect(removed?.value).toBe("");
  });

  it("only on GETs outside next-auth's own routes: sign-in and sign-out set the cookie themselves", async () => {
    const cookie = await cookieFor("THERAPIST", 10 * 60);
    expect(await run(cookie, { method: "POST" })).toBeUndefined();
    expect(await run(cookie, { path: "/api/auth/session" })).toBeUndefined();
    expect(await run("")).toBeUndefined();
    expect(await run(`${SESSION_COOKIE}=garbage`)).toBeUndefined();
  });
});
