// The admin API through its real route handlers, below the session cookie: who may call it, and what it answers.
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { PUT as hoursRoute } from "@/app/api/v1/admin/therapists/[id]/hours/route";
import { POST as createRoute } from "@/app/api/v1/admin/therapists/route";
import { consumeToken } from "@/lib/auth/tokens";
import { listBookableTherapists } from "@/lib/catalogue/queries";
import { ensureClinicSettings, ensureMassageTypes } from "@/lib/seed/factories";
import { useTestDatabase } from "@/test/db";
import { createPatient, createTherapist } from "@/test/fixtures";
import { invitationFor, NOW, uniqueEmail } from "./testing";

const app = vi.hoisted(() => ({ db: undefined as unknown, session: null as null | { id: string } }));
vi.mock("@/lib/db", () => ({ getDb: () => app.db }));
// A fresh, unrevoked session cookie's claims for the signed-in user (lib/auth/sessions.ts).
vi.mock("@/lib/auth/session", () => ({
  sessionClaims: async () => (app.session ? { uid: app.session.id, sv: 0, seen: Math.floor(Date.now() / 1000) } : null),
}));

const t = useTestDatabase();
type Who = "anonymous" | "patient" | "therapist" | "physician" | "admin";
const users = {} as Record<Exclude<Who, "anonymous">, { id: string }>;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  app.db = t.db;
  await ensureMassageTypes(t.db);
  await ensureClinicSettings(t.db);
  users.patient = await createPatient(t.db);
  users.therapist = { id: (await createTherapist(t.db)).userId };
  users.physician = await t.db.user.create({ data: { email: uniqueEmail("dr"), name: "Dr. P", role: "PHYSICIAN", passwordHash: "x" } });
  users.admin = await t.db.user.create({ data: { email: uniqueEmail("admin"), name: "Front Desk", role: "ADMIN", passwordHash: "x" } });
});
afterAll(() => {
  vi.useRealTimers();
});

const as = (who: Who) => {
  app.session = who === "anonymous" ? null : users[who];
};

async function call(response: Promise<Response>) {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> & Array<Record<string, unknown>> };
}
const send = (method: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(url, { method, headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
const base = "http://localhost:3000/api/v1/admin/therapists";
const create = (body: unknown, headers?: Record<string, string>) => call(createRoute(send("POST", base, body, headers), undefined as never));
const putHours = (id: string, body: unknown) => call(hoursRoute(send("PUT", `${base}/${id}/hours`, body), { params: Promise.resolve({ id }) }));

const therapistBody = () => ({
  name: "Iris Janssen",
  email: uniqueEmail("iris"),
  certificationNumber: "LMT-2026-0420",
  certificationExpiresOn: "2029-03-31",
  massageTypes: ["myofascial"],
});

describe("POST /api/v1/admin/therapists", () => {
  test("anonymous 401; patient, therapist and physician 403, nothing made", async () => {
    const body = therapistBody();
    as("anonymous");
    expect(await create(body)).toMatchObject({ status: 401, body: { error: "unauthorized" } });
    for (const who of ["patient", "therapist", "physician"] as const) {
      as(who);
      expect(await create(body), who).toMatchObject({ status: 403, body: { error: "forbidden" } });
    }
    expect(await t.db.user.count({ where: { email: body.email } })).toBe(0);
  });

  test("an admin gets 201 {id}; the invitation's link works once; the same email again is 409", async () => {
    as("admin");
    const body = therapistBody();
    const created = await create(body);
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(["id"]);
    const therapist = await t.db.therapist.findUniqueOrThrow({ where: { id: created.body.id as string }, include: { user: true } });
    expect(therapist.user).toMatchObject({ email: body.email, role: "THERAPIST" });
    const { token, link } = await invitationFor(t.db, body.email);
    expect(link.startsWith("http://localhost:3000/password/set?token=")).toBe(true);
    expect(await consumeToken(t.db, { token, purpose: "INVITATION" })).toMatchObject({ ok: true, userId: therapist.userId });
    expect(await t.db.auditEntry.findFirstOrThrow({ where: { action: "therapist.created", entityId: therapist.id } })).toMatchObject({ actorId: users.admin.id, actorRole: "ADMIN" });

    expect(await create({ ...body, email: body.email.toUpperCase() })).toMatchObject({ status: 409, body: { error: "email_in_use", fields: { email: expect.any(String) } } });
  });

  test("bad input is 422 with field messages; broken JSON 400; another content type 415; another site 403", async () => {
    as("admin");
    const bad = await create({ name: "", email: "x", certificationNumber: "LMT", certificationExpiresOn: "31-03-2029", massageTypes: [] });
    expect(bad).toMatchObject({ status: 422, body: { error: "validation" } });
    expect(Object.keys(bad.body.fields as object).toSorted()).toEqual(["certificationExpiresOn", "email", "massageTypes", "name"]);
    expect(await create("{nope")).toMatchObject({ status: 400, body: { error: "invalid_json" } });
    expect(await create(therapistBody(), { "content-type": "text/plain" })).toMatchObject({ status: 415 });
    expect(await create(therapistBody(), { origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" })).toMatchObject({ status: 403, body: { error: "cross_site" } });
  });
});

describe("PUT /api/v1/admin/therapists/:id/hours", () => {
  test("the authorization matrix, then 200 with the stored week; the therapist becomes bookable", async () => {
    as("admin");
    const { body } = await create(therapistBody());
    const id = body.id as string;
    const week = [
      { weekday: 1, start: "09:00", end: "17:00" },
      { weekday: 3, start: "13:00", end: "18:30" },
      { weekday: 3, start: "08:00", end: "12:00" },
    ];
    as("anonymous");
    expect((await putHours(id, week)).status).toBe(401);
    for (const who of ["patient", "therapist", "physician"] as const) {
      as(who);
      expect((await putHours(id, week)).status, who).toBe(403);
    }
    expect(await t.db.workingHours.count({ where: { therapistId: id } })).toBe(0);

    as("admin");
    const saved = await putHours(id, week);
    expect(saved).toEqual({
      status: 200,
      body: [
        { weekday: 1, start: "09:00", end: "17:00" },
        { weekday: 3, start: "08:00", end: "12:00" },
        { weekday: 3, start: "13:00", end: "18:30" },
      ],
    });
    expect((await listBookableTherapists(t.db, { massageType: "myofascial" })).map((therapist) => therapist.id)).toContain(id);
    // Replace all: the next PUT is the whole week.
    expect(await putHours(id, [{ weekday: 2, start: "10:00", end: "14:00" }])).toEqual({ status: 200, body: [{ weekday: 2, start: "10:00", end: "14:00" }] });
    expect(await t.db.auditEntry.count({ where: { action: "therapist.hours_set", entityId: id } })).toBe(2);
  });

  test("422 names each bad shift; 404 for an unknown or malformed id", async () => {
    as("admin");
    const { body } = await create(therapistBody());
    const id = body.id as string;
    const overlapping = await putHours(id, [{ weekday: 1, start: "09:00", end: "13:00" }, { weekday: 1, start: "12:30", end: "17:00" }, { weekday: 2, start: "17:00", end: "09:00" }]);
    expect(overlapping).toMatchObject({ status: 422, body: { error: "validation", fields: { "0.start": expect.any(String), "1.start": expect.any(String), "2.end": "End the shift after it starts." } } });
    expect(await putHours(id, [{ weekday: 1, start: "09:10", end: "17:00" }])).toMatchObject({ status: 422, body: { fields: { "0.start": expect.stringContaining("30-minute") } } });
    expect(await putHours(id, { weekday: 1 })).toMatchObject({ status: 422, body: { fields: { _: expect.any(String) } } });
    expect(await putHours(id, [{ weekday: 0, start: "9", end: "17:00" }])).toMatchObject({ status: 422, body: { fields: { "0.weekday": expect.any(String), "0.start": expect.any(String) } } });
    expect(await putHours("00000000-0000-4000-8000-000000000000", [])).toMatchObject({ status: 404, body: { error: "not_found" } });
    expect(await putHours("not-a-uuid", [])).toMatchObject({ status: 404 });
    expect(await t.db.workingHours.count({ where: { therapistId: id } })).toBe(0);
  });
});
