import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, test } from "./fixtures";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

async function signedIn(email: string, password: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await api.post("/api/auth/callback/credentials", { form: { csrfToken, email, password }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  return api;
}

async function newPatientApi(): Promise<APIRequestContext> {
  const email = `api-booker-${unique()}@example.com`;
  const password = "gentle pressure please";
  const anonymous = await playwrightRequest.newContext({ baseURL });
  expect((await anonymous.post("/api/v1/auth/register", { data: { name: "Api Booker", email, password, healthDataConsent: true } })).status()).toBe(201);
  await anonymous.dispose();
  return signedIn(email, password);
}

const intake = {
  painOnset: "recent",
  painAreas: ["neck", "shoulders"],
  painLevel: 4,
  symptoms: { fever: false, contagiousIllness: false, acuteInjury: false },
  conditions: { cardiovascular: false, cancer: false, diabetes: false, osteoporosis: false },
};

async function therapistId(api: APIRequestContext, name: string) {
  const therapists = (await (await api.get("/api/v1/therapists")).json()) as Array<{ id: string; name: string }>;
  return therapists.find((t) => t.name === name)!.id;
}

/** Free slots for a therapist, from the public availability API. */
async function freeSlots(api: APIRequestContext, therapist: string, massageType = "swedish", duration = 60) {
  const from = new Date();
  const to = new Date(from.getTime() + 28 * 86_400_000);
  const response = await api.get(
    `/api/v1/availability?${new URLSearchParams({ therapistId: therapist, massageType, duration: String(duration), from: from.toISOString(), to: to.toISOString() })}`,
  );
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { timeZone: string; slots: Array<{ start: string; end: string }> };
  expect(body.timeZone).toBe("Europe/Amsterdam");
  return body.slots;
}

test("booking through the API: confirmed, replayed, refused, visible only to those who may see it", async () => {
  const patient = await newPatientApi();
  const anna = await therapistId(patient, "Anna Lindqvist");
  const slots = await freeSlots(patient, anna);
  const slot = slots.at(-1)!;

  expect((await (await playwrightRequest.newContext({ baseURL })).get("/api/v1/appointments")).status()).toBe(401);

  const body = { therapistId: anna, massageType: "swedish", duration: 60, start: slot.start, intake };
  const created = await patient.post("/api/v1/appointments", { data: body, headers: { "Idempotency-Key": `k-${unique()}` } });
  expect(created.status()).toBe(201);
  const appointment = await created.json();
  expect(appointment).toEqual({ id: expect.any(String), status: "confirmed", start: slot.start, end: slot.end });

  const key = `k-${unique()}`;
  const other = slots.at(-3)!;
  const once = await (await patient.post("/api/v1/appointments", { data: { ...body, start: other.start }, headers: { "Idempotency-Key": key } })).json();
  const twice = await (await patient.post("/api/v1/appointments", { data: { ...body, start: other.start }, headers: { "Idempotency-Key": key } })).json();
  expect(twice.id).toBe(once.id);

  const refused = await patient.post("/api/v1/appointments", {
    data: { ...body, start: slots.at(-5)!.start, intake: { ...intake, symptoms: { ...intake.symptoms, acuteInjury: true } } },
  });
  expect(refused.status()).toBe(422);
  expect(await refused.json()).toMatchObject({ error: "contraindicated", reasons: [{ key: "acuteInjury", label: expect.any(String), why: expect.any(String) }] });

  const mine = (await (await patient.get("/api/v1/appointments")).json()) as Array<{ id: string }>;
  expect(mine.map((a) => a.id).sort()).toEqual([appointment.id, once.id].sort());

  const stranger = await newPatientApi();
  expect((await stranger.get(`/api/v1/appointments/${appointment.id}`)).status()).toBe(404);
  expect((await stranger.post(`/api/v1/appointments/${appointment.id}/cancel`)).status()).toBe(404);

  const therapist = await signedIn(DEMO.therapist, DEMO_PASSWORD);
  const schedule = (await (await therapist.get("/api/v1/appointments")).json()) as Array<{ id: string; intake: { painAreas: string[] } }>;
  expect(schedule.find((a) => a.id === appointment.id)?.intake.painAreas).toEqual(["neck", "shoulders"]);
  expect((await therapist.post("/api/v1/appointments", { data: body })).status()).toBe(403);

  const otherTherapist = await signedIn(DEMO.myofascial, DEMO_PASSWORD);
  expect((await otherTherapist.get(`/api/v1/appointments/${appointment.id}`)).status()).toBe(404);

  const cancelled = await patient.post(`/api/v1/appointments/${appointment.id}/cancel`);
  expect(cancelled.status()).toBe(200);
  expect(await cancelled.json()).toMatchObject({ id: appointment.id, status: "cancelled" });
  expect((await patient.post(`/api/v1/appointments/${appointment.id}/cancel`)).status()).toBe(409);
});

test("bad booking input gets a 4xx with field messages and writes nothing", async () => {
  const patient = await newPatientApi();
  const anna = await therapistId(patient, "Anna Lindqvist");
  const slot = (await freeSlots(patient, anna))[0]!;
  const body = { therapistId: anna, massageType: "swedish", duration: 60, start: slot.start, intake };
  const offGrid = new Date(new Date(slot.start).getTime() + 10 * 60_000).toISOString();
  const cases: Array<[string, unknown, number, string]> = [
    ["unknown massage type", { ...body, massageType: "hot-stone" }, 422, "massageType"],
    ["a start off the grid", { ...body, start: offGrid }, 422, "start"],
    ["a past time", { ...body, start: "2020-01-06T09:00:00Z" }, 422, "start"],
    ["pain level out of range", { ...body, intake: { ...intake, painLevel: 11 } }, 422, "intake.painLevel"],
    ["a missing intake", { ...body, intake: undefined }, 422, "intake"],
    ["a therapist that does not exist", { ...body, therapistId: "00000000-0000-4000-8000-000000000000" }, 422, "therapistId"],
  ];
  for (const [label, data, status, field] of cases) {
    const response = await patient.post("/api/v1/appointments", { data: data as object });
    expect(response.status(), label).toBe(status);
    const error = await response.json();
    expect(error.error, label).toBe("validation");
    expect(Object.keys(error.fields ?? {}), label).toContain(field);
  }
  const malformed = await patient.post("/api/v1/appointments", { headers: { "content-type": "application/json" }, data: Buffer.from("{oops") });
  expect(malformed.status()).toBe(400);
  expect(await (await patient.get("/api/v1/appointments")).json()).toEqual([]);
});

test("forty concurrent requests for one time over HTTP: one 201, every other 409 slot_taken", async () => {
  const patients = await Promise.all(Array.from({ length: 4 }, () => newPatientApi()));
  const marco = await therapistId(patients[0]!, "Marco Bianchi");
  const slot = (await freeSlots(patients[0]!, marco, "myofascial", 30))[4]!;
  const body = { therapistId: marco, massageType: "myofascial", duration: 30, start: slot.start, intake };
  const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => patients[i % 4]!.post("/api/v1/appointments", { data: body })));
  const statuses = responses.map((r) => r.status());
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(39);
  const conflict = await responses.find((r) => r.status() === 409)!.json();
  expect(conflict).toMatchObject({ error: "slot_taken", message: expect.any(String), alternatives: expect.any(Array) });
});
