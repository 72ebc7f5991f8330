import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders, strictTransportSecurity } from "./security-headers";

describe("security headers", () => {
  it("a page gets a CSP with a fresh nonce for scripts, framed only by our own origin", () => {
    const first = securityHeaders("/book");
    const second = securityHeaders("/book");
    const policy = first.response["Content-Security-Policy"]!;
    const nonce = first.request["x-nonce"]!;
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("unsafe-eval");
    // Next.js reads the nonce from the request's policy.
    expect(first.request["Content-Security-Policy"]).toBe(policy);
    expect(second.request["x-nonce"]).not.toBe(nonce);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("API routes keep their own policies", () => {
    expect(securityHeaders("/api/v1/documents/x").response["Content-Security-Policy"]).toBeUndefined();
  });

  it("development allows React's eval; nonces never repeat", () => {
    expect(contentSecurityPolicy("n", { development: true })).toContain("'unsafe-eval'");
    expect(new Set(Array.from({ length: 50 }, newNonce)).size).toBe(50);
  });

  it("HSTS only where the clinic is served over https", () => {
    expect(strictTransportSecurity("https://book.clinic.example")).toMatch(/^max-age=\d+/);
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    // The tests run embedded: APP_URL is http://localhost:3000.
    expect(securityHeaders("/").response["Strict-Transport-Security"]).toBeUndefined();
  });
});
