import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { checkSignInGate, clientAddress } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db";
import { RateLimitedError } from "@/lib/errors";
import { CrossSiteError, isSameOriginRequest } from "@/lib/http/origin";
import { errorResponse } from "@/lib/http/respond";

export const GET = handlers.GET;

// API clients sign in by posting to /api/auth/callback/credentials. A refused
// attempt gets a plain 429 with Retry-After here, before next-auth runs; the
// Credentials provider checks the same gate for the pages' sign-in.
export async function POST(request: NextRequest): Promise<Response> {
  // Not wrapped by route(): the same-origin rule applied here too (sign-in and sign-out from another site).
  if (!isSameOriginRequest(request.method, request.headers, request.url)) return errorResponse(new CrossSiteError());
  if (request.nextUrl.pathname.endsWith("/callback/credentials")) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = form?.get("email");
    if (typeof email === "string" && email.trim() !== "") {
      const gate = await checkSignInGate(getDb(), email, clientAddress(request.headers));
      if (gate.retryAfterSeconds > 0) return errorResponse(new RateLimitedError(gate.retryAfterSeconds));
    }
  }
  return handlers.POST(request);
}
