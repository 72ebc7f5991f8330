// Signing out ends the session on the server (docs/decisions/0011): a session
// cookie copied before sign-out no longer opens anything afterwards.
import { request as playwrightRequest } from "@playwright/test";
import { baseURL } from "./api-helpers";
import { expect, test } from "./fixtures";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

test("a session cookie copied before sign-out is refused after it: 401 from the API, sign-in from a page", async ({ page, browser, login }) => {
  const email = `sessions-${unique()}@example.com`;
  const password = "copied cookies stay out";
  expect((await page.request.post("/api/v1/auth/register", { data: { name: "Session Patient", email, password } })).status()).toBe(201);
  await login(email, password);

  const session = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"));
  expect(session, "a session cookie").toBeTruthy();
  const copied = `${session!.name}=${session!.value}`;
  const withCopy = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie: copied } });
  // The copy works while the session lasts.
  expect((await withCopy.get("/api/v1/appointments")).status()).toBe(200);

  await page.goto("/sign-out");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  const api = await withCopy.get("/api/v1/appointments");
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ error: "unauthorized" });

  // A browser holding the copy is sent to sign in.
  const other = await browser.newContext({ baseURL });
  await other.addCookies([{ ...session!, domain: "127.0.0.1", path: "/" }]);
  const stolen = await other.newPage();
  await stolen.goto("/patient");
  await expect(stolen).toHaveURL(/\/sign-in\?callbackUrl=%2Fpatient$/);
  await expect(stolen.getByRole("heading", { level: 1, name: /sign in/i })).toBeVisible();
  await other.close();
  await withCopy.dispose();
});
