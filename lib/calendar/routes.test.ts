// The admin API below the session: who may call each new route (anonymous 401; patient, therapist and
// physician 403; clinic staff OK), the answers' shapes, and the settings' validation (422 with fields).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as closuresRoute } from "@/app/api/v1/admin/closures/route";
import { PATCH as settingsRoute } from "@/app/api/v1/admin/settings/route";
import { POST as timeOffRoute } from "@/app/api/v1/admin/therapists/[id]/time-off/route";
import type { AuditActor } from "@/lib/audit";
import { createWorld, quickUser, type World } from "@/lib/clearance/testing";
import { useTestDatabase } from "@/test/db";

const app = vi.hoisted(() => ({
  db: undefined as unknown,
  session: null as null | { user: { id: string; role: string } },
}));
vi.mock("@/lib/db", () => ({ getDb: () => app.db }));
vi.mock("@/lib/auth/session", () => ({
  sessionClaims: async () => (app.session ? { uid: app.session.user.id, sv: 0, seen: Math.floor(Date.now() / 1000) } : null),
}));

const t = useTestDatabase();
let world: World;
let everyone: Array<{ label: string; user: AuditActor | null; expected: number }>;

beforeAll(async () => {
  app.db = t.db;
  world = await createWorld(t.db);
  everyone = [
    { label: "anonymous", user: null, expected: 401 },
    { label: "patient", user: await quickUser(t.db, "PATIENT"), expected: 403 },
    { label: "therapist", user: world.therapistUser, expected: 403 },
    { label: "physician", user: world.physician.user, expected: 403 },
  ];
});

const as = (user: AuditActor | null) => {
  app.session = user ? { user: { id: user.id, role: user.role } } : null;
};
const base = "http://clinic.test/api/v1/admin";
const send = (method: string, url: string, body: unknown) =>
  new Request(url, { method, headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

async function answer(response: Promise<Response>) {
  const res = await response;
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const postClosure = (body: unknown) => answer(closuresRoute(send("POST", `${base}/closures`, body), undefined as never));
const postTimeOff = (id: string, body: unknown) =>
  answer(timeOffRoute(send("POST", `${base}/therapists/${id}/time-off`, body), { params: Promise.resolve({ id }) }));
const patchSettings = (body: unknown) => answer(settingsRoute(send("PATCH", `${base}/settings`, body), undefined as never));

describe("who may call the admin routes", () => {
  it("POST /api/v1/admin/closures: 401, 403 for every role but clinic staff, 201 for them", async () => {
    const body = { date: "2027-01-01", reason: "New Year's Day" };
    for (const { label, user, expected } of everyone) {
      as(user);
      expect((await postClosure(body)).status, label).toBe(expected);
    }
    expect(await t.db.closure.count()).toBe(0);
    as(world.admin);
    const created = await postClosure(body);
    expect(created).toMatchObject({ status: 201, body: { id: expect.any(String), date: "2027-01-01", reason: "New Year's Day" } });
    expect((await postClosure(body)).body).toMatchObject({ error: "closure_exists" });
    expect((await postClosure({ date: "1 January" })).body).toMatchObject({ error: "validation", fields: { date: expect.any(String), reason: expect.any(String) } });
    expect((await postClosure("{")).status).toBe(400);
  });

  it("POST /api/v1/admin/therapists/:id/time-off: 401, 403 for every role but clinic staff, 201 for them; 404 for no such therapist", async () => {
    const body = { start: "2027-01-05T09:00:00+01:00", end: "2027-01-05T13:00:00+01:00", reason: "Dentist" };
    for (const { label, user, expected } of everyone) {
      as(user);
      expect((await postTimeOff(world.therapistId, body)).status, label).toBe(expected);
    }
    as(world.admin);
    expect(await postTimeOff(world.therapistId, body)).toMatchObject({
      status: 201,
      body: { therapistId: world.therapistId, start: "2027-01-05T08:00:00.000Z", end: "2027-01-05T12:00:00.000Z", status: "approved" },
    });
    expect((await postTimeOff("00000000-0000-4000-8000-000000000000", body)).status).toBe(404);
    expect((await postTimeOff("not-an-id", body)).status).toBe(404);
    expect((await postTimeOff(world.therapistId, { ...body, end: body.start })).body).toMatchObject({ fields: { end: expect.any(String) } });
  });

  it("PATCH /api/v1/admin/settings: 401, 403 for every role but clinic staff, 200 with every setting for them", async () => {
    for (const { label, user, expected } of everyone) {
      as(user);
      expect((await patchSettings({ phone: "+31 20 123 4567" })).status, label).toBe(expected);
    }
    as(world.admin);
    const saved = await patchSettings({ phone: "+31 20 123 4567", minimumNoticeHours: 4 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ phone: "+31 20 123 4567", minimumNoticeHours: 4, timeZone: "Europe/Amsterdam", healthCheckHour: 18 });
    expect(saved.body).not.toHaveProperty("id");
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { action: "settings.updated" }, orderBy: { id: "desc" } });
    expect(audit.details).toMatchObject({ minimumNoticeHours: { from: 2, to: 4 } });
  });
});

describe("the settings' validation", () => {
  it("refuses a zone that is not one, and values out of bounds, naming each field", async () => {
    as(world.admin);
    const bad = await patchSettings({
      timeZone: "Mars/Olympus_Mons",
      healthCheckHour: 24,
      minimumNoticeHours: -1,
      bookingHorizonDays: 0,
      holdCutoffHours: 1.5,
      cancellationNoticeHours: 500,
      noteLockHours: 0,
      waitlistOfferMinutes: 5,
      slotGridMinutes: 7,
      clearanceValidityMonths: 36,
      email: "desk",
      clinicName: "",
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fields as object).toSorted()).toEqual(
      [
        "timeZone",
        "healthCheckHour",
        "minimumNoticeHours",
        "bookingHorizonDays",
        "holdCutoffHours",
        "cancellationNoticeHours",
        "noteLockHours",
        "waitlistOfferMinutes",
        "slotGridMinutes",
        "clearanceValidityMonths",
        "email",
        "clinicName",
      ].toSorted(),
    );
    expect((bad.body.fields as Record<string, string>).healthCheckHour).toContain("0 to 23");
    expect((await patchSettings({ colour: "green" })).status).toBe(422);
    expect((await patchSettings("[1]")).status).toBe(422);
    // Nothing was saved.
    expect((await t.db.clinicSettings.findUniqueOrThrow({ where: { id: 1 } })).timeZone).toBe("Europe/Amsterdam");
    // A real zone and the edge values are taken.
    const good = await patchSettings({ timeZone: "America/New_York", healthCheckHour: 0, minimumNoticeHours: 0, slotGridMinutes: 15 });
    expect(good).toMatchObject({ status: 200, body: { timeZone: "America/New_York", healthCheckHour: 0, slotGridMinutes: 15 } });
  });
});
