// The one same-origin rule for every state-changing request (ADR 0010).
// A browser sends the victim's cookie with a cross-site form or fetch; it also
// says where the request comes from (Origin, else Sec-Fetch-Site). A request
// that a browser marks as coming from another site is refused before any
// handler runs. Clients that send neither header are not browsers acting for
// someone else (they hold their own cookie) and pass.
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const CROSS_SITE_MESSAGE =
  "This request came from another site, so it was refused. Open the clinic's own page and try again there.";

export class CrossSiteError extends AppError {
  readonly status = 403;
  readonly code = "cross_site";
  constructor() {
    super(CROSS_SITE_MESSAGE);
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/**
 * Whether a request with this method and these headers comes from the app's own pages (or from no browser at all).
 * The app's origin is APP_URL when set; without it (embedded mode, a developer's machine) the Origin's host must equal
 * the Host the request was sent to: a foreign page cannot make a browser send a matching pair.
 */
export function isSameOriginRequest(method: string, headers: Headers, requestUrl: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const origin = headers.get("origin");
  if (origin !== null) {
    const url = originOf(origin.trim());
    if (!url) return false; // "null" (sandboxed frames, some redirects) and anything unparsable
    const appUrl = getEnv().APP_URL;
    if (appUrl) return url.origin === new URL(appUrl).origin;
    const host = headers.get("host") ?? new URL(requestUrl).host;
    return url.host.toLowerCase() === host.trim().toLowerCase();
  }
  const site = headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

/** Throws 403 cross_site unless the request is same-origin; every route handler passes through it (lib/http/respond.ts). */
export function assertSameOrigin(request: Request): void {
  if (!isSameOriginRequest(request.method, request.headers, request.url)) throw new CrossSiteError();
}
