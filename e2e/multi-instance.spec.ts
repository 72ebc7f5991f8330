// Two app instances on one PostgreSQL (run only when DATABASE_URL is set: an
// embedded PGlite folder belongs to one process) and one S3 bucket (the S3
// server playwright.config.ts starts before the app, e2e/s3.ts). The webServer
// is the first instance; this file starts a second server (scripts/serve.mjs) on the next port.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { idOf, intakeWith, PDF } from "./api-helpers";
import { DEMO, DEMO_PASSWORD, expect, test } from "./fixtures";
import { E2E_AUTH_SECRET, e2eAppEnv } from "./app-env";
import { e2eS3, e2eS3Env } from "./s3";

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
      AUTH_SECRET: E2E_AUTH_SECRET,
      // Both instances are one clinic at one public address.
      ...e2eAppEnv(first),
      // Its own data folder: whatever the two share must come from PostgreSQL or the bucket.
      DATA_DIR: path.resolve(process.env.E2E_DATA_DIR ?? ".data-e2e", "second-instance"),
      ...e2eS3Env,
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

async function signedInOn(baseURL: string, email: string, password: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  expect((await api.post("/api/auth/callback/credentials", { form: { csrfToken, email, password }, maxRedirects: 0 })).status()).toBe(302);
  return api;
}

async function patientOn(baseURL: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const email = `two-instances-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  expect((await api.post("/api/v1/auth/register", { data: { name: "Two Instances", email, password: "one clinic two servers", healthDataConsent: true } })).status()).toBe(201);
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

test("two instances, one bucket: a clearance uploaded on one instance downloads on the other, byte for byte", async () => {
  const email = `two-instances-doc-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = "one clinic two servers";
  const anonymous = await playwrightRequest.newContext({ baseURL: first });
  expect((await anonymous.post("/api/v1/auth/register", { data: { name: "Two Instances Document", email, password, healthDataConsent: true } })).status()).toBe(201);
  const patientOnFirst = await signedInOn(first, email, password);

  const therapistId = await idOf(patientOnFirst, "therapists", "Anna Lindqvist");
  const physicianId = await idOf(patientOnFirst, "physicians", "Dr. Sara Okafor");
  const from = new Date(Date.now() + 5 * 86_400_000);
  const query = new URLSearchParams({ therapistId, massageType: "swedish", duration: "30", from: from.toISOString(), to: new Date(from.getTime() + 14 * 86_400_000).toISOString() });
  const slots = (await (await patientOnFirst.get(`/api/v1/availability?${query}`)).json()).slots as Array<{ start: string }>;
  const booked = await patientOnFirst.post("/api/v1/appointments", {
    data: { therapistId, massageType: "swedish", duration: 30, start: slots[Math.floor(slots.length / 2)]!.start, physicianId, intake: intakeWith({ osteoporosis: true }) },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const clearanceId = ((await booked.json()) as { clearance: { id: string } }).clearance.id;

  // Uploaded through the first instance …
  const uploaded = await patientOnFirst.post(`/api/v1/clearances/${clearanceId}/documents`, {
    multipart: { file: { name: "clearance.pdf", mimeType: "application/pdf", buffer: PDF } },
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  const document = (await uploaded.json()) as { id: string; sha256: string };
  expect(document.sha256).toBe(createHash("sha256").update(PDF).digest("hex"));

  // … it is an object in the shared bucket, exactly the uploaded bytes …
  const bucket = path.join(e2eS3.directory, e2eS3.bucket);
  const objects = fs.readdirSync(bucket).filter((name) => name.endsWith("._S3rver_object"));
  const stored = objects.filter((name) => fs.readFileSync(path.join(bucket, name)).equals(PDF));
  expect(stored.length).toBeGreaterThanOrEqual(1);

  // … and the second instance serves it, to the patient and to the addressed physician.
  for (const [who, pass] of [[email, password], [DEMO.physician, DEMO_PASSWORD]] as const) {
    const onSecond = await signedInOn(second, who, pass);
    const downloaded = await onSecond.get(`/api/v1/documents/${document.id}`);
    expect(downloaded.status()).toBe(200);
    expect(downloaded.headers()["content-type"]).toContain("application/pdf");
    expect((await downloaded.body()).equals(PDF)).toBe(true);
    await onSecond.dispose();
  }
  // No document folder on either side: the bytes live only in the bucket.
  expect(fs.existsSync(path.resolve(process.env.E2E_DATA_DIR ?? ".data-e2e", "second-instance", "documents"))).toBe(false);
  expect(fs.existsSync(path.resolve(process.env.E2E_DATA_DIR ?? ".data-e2e", "documents"))).toBe(false);
  await Promise.all([anonymous.dispose(), patientOnFirst.dispose()]);
});
