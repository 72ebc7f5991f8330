// Setting up through the JSON API what a test does not need to click through:
// accounts, bookings, uploads and decisions as the app's own clients make them.
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, expect } from "./fixtures";

export const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

export async function signedInApi(email: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await api.post("/api/auth/callback/credentials", { form: { csrfToken, email, password }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  return api;
}

export type Conditions = Partial<Record<"cardiovascular" | "cancer" | "diabetes" | "osteoporosis", boolean>> & { otherSerious?: string };

export function intakeWith(conditions: Conditions = {}) {
  return {
    painOnset: "chronic",
    painAreas: ["lower-back"],
    painLevel: 5,
    symptoms: { fever: false, contagiousIllness: false, acuteInjury: false },
    conditions: { cardiovascular: false, cancer: false, diabetes: false, osteoporosis: false, ...conditions },
  };
}

export async function idOf(api: APIRequestContext, list: "therapists" | "physicians", name: string): Promise<string> {
  const rows = (await (await api.get(`/api/v1/${list}`)).json()) as Array<{ id: string; name: string }>;
  const row = rows.find((candidate) => candidate.name === name);
  if (!row) throw new Error(`no ${list} named ${name}`);
  return row.id;
}

/** The free starts of a therapist between `fromDays` and `toDays` from now. */
export async function freeStarts(api: APIRequestContext, therapistId: string, massageType: string, duration: number, fromDays: number, toDays: number) {
  const from = new Date(Date.now() + fromDays * 86_400_000);
  const to = new Date(Date.now() + toDays * 86_400_000);
  const query = new URLSearchParams({ therapistId, massageType, duration: String(duration), from: from.toISOString(), to: to.toISOString() });
  const response = await api.get(`/api/v1/availability?${query}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { slots: Array<{ start: string }> }).slots.map((slot) => slot.start);
}

/** A patient account, with its API context (signed in) and credentials for a browser. */
export async function apiPatient() {
  // A name no other test or earlier run shares, so a card can be found by it.
  const name = `Lifecycle ${Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 6)} Patient`;
  const email = `lifecycle-${unique()}@example.com`;
  const password = "gentle pressure please";
  const anonymous = await playwrightRequest.newContext({ baseURL });
  expect((await anonymous.post("/api/v1/auth/register", { data: { name, email, password, healthDataConsent: true } })).status()).toBe(201);
  await anonymous.dispose();
  return { name, email, password, api: await signedInApi(email, password) };
}

export async function bookApi(
  api: APIRequestContext,
  booking: { therapistId: string; massageType: string; duration: number; start: string; physicianId?: string; conditions?: Conditions },
) {
  const response = await api.post("/api/v1/appointments", {
    data: { ...booking, conditions: undefined, intake: intakeWith(booking.conditions) },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; status: string; clearance?: { id: string } };
}

// A small, valid PDF: what a scanner's "save as PDF" of a signed form boils down to.
export const PDF = Buffer.from(
  [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj",
    "trailer << /Root 1 0 R >>",
    "%%EOF",
  ].join("\n"),
);

export async function uploadClearance(api: APIRequestContext, clearanceId: string) {
  const uploaded = await api.post(`/api/v1/clearances/${clearanceId}/documents`, {
    multipart: { file: { name: "clearance.pdf", mimeType: "application/pdf", buffer: PDF } },
  });
  expect(uploaded.status()).toBe(201);
}

export async function approveApi(
  physician: APIRequestContext,
  clearanceId: string,
  decision: { restrictions?: { text?: string; excludedMassageTypes?: string[]; maxDurationMinutes?: number }; validUntil?: string } = {},
) {
  const response = await physician.post(`/api/v1/clearances/${clearanceId}/decision`, { data: { decision: "approve", ...decision } });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}
