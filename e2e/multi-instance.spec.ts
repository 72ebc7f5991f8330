// Two app instances on one PostgreSQL (run only when DATABASE_URL is set: an
// embedded PGlite folder belongs to one process). The webServer is the first
// instance; this file starts a second server (scripts/serve.mjs) on the next port.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";

const firstPort = Number(process.env.E2E_PORT ?? 3100);
const secondPort = firstPort + 1;
const first = `http://127.0.0.1:${firstPort}`;
const second = `http://127.0.0.1:${secondPort}`;
let instance: ChildProcess | undefined;

test.beforeAll(async () => {
  // The same server `npm start` runs (scripts/serve.mjs: Next behind a server that names the TCP peer).
  instance = spawn(process.execPath, [path.join("scripts", "serve.mjs")], {
    env: {
      ...process.env,
      PORT: String(secondPort),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-not-for-production-use-0001",
    },
    stdio: "ignore",
  });
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`${second}/api/v1/massage-types`).then((r) => r.ok).catch(() => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("The second instance did not start");
});

test.afterAll(() => {
  instance?.kill("SIGTERM");
});

async function patientOn(baseURL: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const email = `two-instances-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  expect((await api.post("/api/v1/auth/register", { data: { name: "Two Instances", email, password: "one clinic two servers" } })).status()).toBe(201);
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await api.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: "one clinic two servers" }, maxRedirects: 0 });
  return api;
}

test("two instances on one PostgreSQL: concurrent bookings for one time give exactly one appointment", async () => {
  const patients = await Promise.all([patientOn(first), patientOn(second), patientOn(first), patientOn(second)]);
  const therapists = (await (await patients[0]!.get("/api/v1/therapists?massageType=deep-tissue")).json()) as Array<{ id: string }>;
  const therapistId = therapists[0]!.id;
  const from = new Date();
  const query = new URLSearchParams({
    therapistId,
    massageType: "deep-tissue",
    duration: "90",
    from: from.toISOString(),
    to: new Date(from.getTime() + 28 * 86_400_000).toISOString(),
  });
  const slots = (await (await patients[1]!.get(`/api/v1/availability?${query}`)).json()).slots as Array<{ start: string }>;
  const slot = slots.at(-2)!;
  const body = {
    therapistId,
    massageType: "deep-tissue",
    duration: 90,
    start: slot.start,
    intake: {
      painOnset: "chronic",
      painAreas: ["lower-back"],
      painLevel: 7,
      symptoms: { fever: false, contagiousIllness: false, acuteInjury: false },
      conditions: { cardiovascular: false, cancer: false, diabetes: false, osteoporosis: false },
    },
  };
  const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => patients[i % 4]!.post("/api/v1/appointments", { data: body })));
  const statuses = responses.map((r) => r.status());
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(39);

  // Each instance sees what the other wrote: the time is gone from both.
  for (const api of [patients[0]!, patients[1]!]) {
    const after = (await (await api.get(`/api/v1/availability?${query}`)).json()).slots as Array<{ start: string }>;
    expect(after.some((s) => s.start === slot.start)).toBe(false);
  }
});
