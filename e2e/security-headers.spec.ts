// Every page carries the clinic's security headers (docs/decisions/0011); the
// pages' own scripts run under the nonce (any CSP violation is a console error,
// which fails the test: e2e/fixtures.ts).
import { apiPatient, bookApi, freeStarts, idOf, uploadClearance } from "./api-helpers";
import { DEMO, expect, test } from "./fixtures";

const pages = ["/", "/sign-in", "/book", "/self-care"];

test("pages answer with a nonce CSP, Referrer-Policy, Permissions-Policy and framing by our own origin only", async ({ page, request }) => {
  const nonces = new Set<string>();
  for (const path of pages) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    const policy = headers["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce, `${path}: a nonce in script-src`).toBeTruthy();
    nonces.add(nonce!);
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).not.toContain("unsafe-eval");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    // Served over http here: no HSTS (it is sent when APP_URL is https).
    expect(headers["strict-transport-security"]).toBeUndefined();
    // Next's scripts carry this response's nonce.
    const html = await response.text();
    expect(html).toMatch(new RegExp(`<script[^>]+nonce="${nonce!.replace(/[+/=]/g, "\\$&")}"`));
  }
  expect(nonces.size, "a fresh nonce per response").toBe(pages.length);

  // The pages render and hydrate under the policy (a violation would be a console error).
  await page.goto("/book");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a signed-in physician's pages carry the headers too", async ({ page, login }) => {
  await login(DEMO.physician);
  const response = await page.goto("/physician");
  expect(response?.headers()["content-security-policy"]).toContain("'nonce-");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("the physician's PDF preview still frames our own document under the policy", async ({ page, login }) => {
  const patient = await apiPatient();
  const therapistId = await idOf(patient.api, "therapists", "Anna Lindqvist");
  const physicianId = await idOf(patient.api, "physicians", "Dr. Jonas Weber");
  const [start] = await freeStarts(patient.api, therapistId, "swedish", 60, 9, 16);
  const booked = await bookApi(patient.api, { therapistId, massageType: "swedish", duration: 60, start: start!, physicianId, conditions: { diabetes: true } });
  await uploadClearance(patient.api, booked.clearance!.id);
  await patient.api.dispose();

  await login(DEMO.physician2);
  const documentLoaded = page.waitForResponse((response) => response.url().includes("/api/v1/documents/") && response.request().resourceType() === "document");
  await page.goto(`/physician/clearances/${booked.clearance!.id}`);
  const document = await documentLoaded;
  expect(document.status()).toBe(200);
  expect(document.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  await expect(page.locator('iframe[title="Preview of clearance.pdf"]')).toBeVisible();
  expect(page.frames().some((frame) => frame.url().includes(`/api/v1/documents/`))).toBe(true);
});
