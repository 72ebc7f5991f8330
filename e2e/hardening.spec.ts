// ADR 0010 through the real server (scripts/serve.mjs and proxy.ts in front of the route handlers).
import { request as playwrightRequest } from "@playwright/test";
import { baseURL } from "./api-helpers";
import { expect, test } from "./fixtures";

test("a cross-site write is 403 cross_site, a server action from another origin 403 not 500", async () => {
  const api = await playwrightRequest.newContext({ baseURL });
  const booking = await api.post("/api/v1/appointments", {
    headers: { origin: "https://evil.example", "content-type": "text/plain" },
    data: JSON.stringify({ massageType: "swedish" }),
  });
  expect(booking.status()).toBe(403);
  expect(await booking.json()).toMatchObject({ error: "cross_site" });

  for (const origin of ["https://evil.example", "null"]) {
    const action = await api.post("/sign-in", {
      headers: { origin, "next-action": "0123456789abcdef0123456789abcdef01234567", "content-type": "text/plain;charset=UTF-8" },
      data: "[]",
    });
    expect(action.status(), origin).toBe(403);
  }
  // The app's own origin still reaches the handler (401: nobody is signed in).
  const own = await api.post("/api/v1/appointments", { headers: { origin: baseURL, "content-type": "application/json" }, data: {} });
  expect(own.status()).toBe(401);
  await api.dispose();
});

test("headers a client writes never move it to another address: sign-in throttling still counts it", async () => {
  test.slow();
  const api = await playwrightRequest.newContext({ baseURL });
  const email = `spoofer-${Date.now()}@example.com`;
  const password = "a long and unusual sentence";
  expect((await api.post("/api/v1/auth/register", { data: { name: "Spoofing Patient", email, password, healthDataConsent: true } })).status()).toBe(201);
  const attempt = async (guess: string, i: number) => {
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return api.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: guess },
      headers: { "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `198.51.100.${i}`, "x-clinic-peer": `192.0.2.${i}` },
      maxRedirects: 0,
    });
  };
  for (let i = 1; i <= 10; i++) expect((await attempt("not the password", i)).status()).toBe(302);
  const refused = await attempt(password, 11);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  await api.dispose();
});
