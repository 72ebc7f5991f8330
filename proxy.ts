// Runs before every request (Next.js 16 Proxy, Node.js runtime). Each concern
// is a function in its own file; this file only wires them.
// - The same-origin rule, as defence in depth: a state-changing request another
//   site makes a browser send is answered 403 here, before Next routes it
//   (without this, a server action posted with a foreign or `null` Origin gets
//   Next's own refusal as a 500). Route handlers still check for themselves
//   (lib/http/respond.ts `route`).
// - Security headers (a per-request CSP nonce) and a staff session's last use.
import { NextResponse, type NextRequest } from "next/server";
import { refreshSessionActivity } from "@/lib/auth/activity";
import { CROSS_SITE_MESSAGE, isSameOriginRequest } from "@/lib/http/origin";
import { securityHeaders } from "@/lib/http/security-headers";

export async function proxy(request: NextRequest) {
  if (!isSameOriginRequest(request.method, request.headers, request.url)) {
    return NextResponse.json({ error: "cross_site", message: CROSS_SITE_MESSAGE }, { status: 403, headers: { "Cache-Control": "no-store" } });
  }
  const headers = securityHeaders(request.nextUrl.pathname);
  const requestHeaders = new Headers(request.headers);
  for (const [name, value] of Object.entries(headers.request)) requestHeaders.set(name, value);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers.response)) response.headers.set(name, value);
  await refreshSessionActivity(request, response);
  return response;
}

export const config = {
  // Not for build assets: they carry no session, no page and change no state.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
