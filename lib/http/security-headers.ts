// The security headers of every page (docs/decisions/0011), set by the proxy.
// Next.js reads the nonce from the request's Content-Security-Policy and puts
// it on its own scripts; a page rendered at build time could not carry one,
// so every page renders per request (app/layout.tsx).
// Headers that do not change per request (nosniff, Referrer-Policy,
// Permissions-Policy, X-Frame-Options) are in next.config.js, for every route.
import { getEnv } from "@/lib/env";

/** A fresh, unguessable nonce: 16 random bytes, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function contentSecurityPolicy(nonce: string, options: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next's nonced scripts load are trusted; no host list, no inline script without the nonce.
    // In development React needs eval for its debugging aids (Next.js docs); never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // Style attributes (React's style props) cannot carry a nonce; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    // The physician's PDF preview is an iframe of our own document route.
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // Our own pages may frame our pages (the preview); nobody else may frame any.
    "frame-ancestors 'self'",
  ].join("; ");
}

/** HSTS only where the clinic is served over https (APP_URL says where it is served). */
export function strictTransportSecurity(appUrl: string): string | null {
  return appUrl.startsWith("https:") ? "max-age=31536000; includeSubDomains" : null;
}

/**
 * For the proxy: the request headers to pass on (Next.js finds the nonce in
 * them) and the headers to set on the response. API routes answer JSON or a
 * document with a policy of its own (lib/clearance/documents.ts): no page CSP.
 */
export function securityHeaders(pathname: string): { request: Record<string, string>; response: Record<string, string> } {
  const env = getEnv();
  const hsts = strictTransportSecurity(env.APP_URL);
  const response: Record<string, string> = hsts ? { "Strict-Transport-Security": hsts } : {};
  if (pathname.startsWith("/api/")) return { request: {}, response };
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, { development: env.NODE_ENV === "development" });
  return { request: { "x-nonce": nonce, "Content-Security-Policy": policy }, response: { ...response, "Content-Security-Policy": policy } };
}
