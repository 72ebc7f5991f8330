// Runs before every request (Next 16's proxy, Node.js runtime). Defence in depth for the same-origin rule:
// a state-changing request another site makes a browser send is answered 403 here, before Next routes it.
// Without this, a server action posted with a foreign or `null` Origin gets Next's own refusal as a 500.
// Route handlers still check for themselves (lib/http/respond.ts `route`), so this file only adds a layer.
import { NextResponse, type NextRequest } from "next/server";
import { CROSS_SITE_MESSAGE, isSameOriginRequest } from "@/lib/http/origin";

export function proxy(request: NextRequest) {
  if (isSameOriginRequest(request.method, request.headers, request.url)) return NextResponse.next();
  return NextResponse.json(
    { error: "cross_site", message: CROSS_SITE_MESSAGE },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}

export const config = {
  // Static build output never changes state; everything else passes through the check (safe methods return at once).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
