// Runs before every request (Next.js 16 Proxy, Node.js runtime). Each concern
// is a function in its own file; this file only wires them.
import { NextResponse, type NextRequest } from "next/server";
import { refreshSessionActivity } from "@/lib/auth/activity";
import { securityHeaders } from "@/lib/http/security-headers";

export async function proxy(request: NextRequest) {
  const headers = securityHeaders(request.nextUrl.pathname);
  const requestHeaders = new Headers(request.headers);
  for (const [name, value] of Object.entries(headers.request)) requestHeaders.set(name, value);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers.response)) response.headers.set(name, value);
  await refreshSessionActivity(request, response);
  return response;
}

export const config = {
  // Not for build assets: they carry no session and no page.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
