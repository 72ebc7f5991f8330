// The route handlers themselves, below the session (as lib/clearance/routes.test.ts): a cross-site request is
// refused before anything runs, a JSON route reads only JSON, and input the database cannot hold is a 422.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as cancelRoute } from "@/app/api/v1/appointments/[id]/cancel/route";
import { POST as rescheduleRoute } from "@/app/api/v1/appointments/[id]/reschedule/route";
import { POST as bookRoute } from "@/app/api/v1/appointments/route";
import { POST as registerRoute } from "@/app/api/v1/auth/register/route";
import { GET as availabilityRoute } from "@/app/api/v1/availability/route";
import { POST as decisionRoute } from "@/app/api/v1/clearances/[id]/decision/route";
import { POST as uploadRoute } from "@/app/api/v1/clearances/[id]/documents/route";
import type { AuditActor } from "@/lib/audit";
import { getEnv } from "@/lib/env";
import { addDocument, at, createWorld, heldBooking, intake, NOW, quickUser, type World } from "@/lib/clearance/testing";
import { useTestDatabase } from "@/test/db";
import { CROSS_SITE_MESSAGE } from "./origin";

const app = vi.hoisted(() => ({ db: undefined as unknown, session: null as null | { user: { id: string } } }));
vi.mock("@/lib/db", () => ({ getDb: () => app.db }));
vi.mock("@/lib/auth/session", () => ({
  sessionClaims: async () => (app.session ? { uid: app.session.user.id, sv: 0, seen: Math.floor(Date.now() / 1000) } : null),
}));

const t = useTestDatabase();
let world: World;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  app.db = t.db;
  world = await createWorld(t.db);
});
afterAll(() => {
  vi.useRealTimers();
});

const as = (user: AuditActor | null) => {
  app.session = user ? { user: { id: user.id } } : null;
};
const base = "http://clinic.test";
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const EVIL = { origin: "https://evil.example", "content-type": "text/plain" };

function post(path: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Request(`${base}${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}
async function answer(response: Promise<Response>) {
  const result = await response;
  return { status: result.status, body: (await result.json()) as Record<string, unknown> & { fields?: Record<string, string> } };
}
const booking = (start: Date, extra: Record<string, unknown> = {}) => ({
  therapistId: world.therapistId,
  massageType: "swedish",
  duration: 60,
  start: start.toISOString(),
  intake: intake(),
  ...extra,
});
const appointmentsOf = (patientId: string) => t.db.appointment.count({ where: { patientId } });

describe("a request another site makes the browser send", () => {
  it("books nothing: 403 cross_site with the patient's session, from a foreign or null Origin or Sec-Fetch-Site", async () => {
    const patient = await quickUser(t.db, "PATIENT");
    as(patient);
    const body = JSON.stringify(booking(at(7, 9)));
    const refusals = [
      EVIL,
      { origin: "https://evil.example", "content-type": "application/json" },
      { origin: "null", "content-type": "text/plain" },
      { origin: "http://clinic.test.evil.example", "content-type": "application/json" },
      { "sec-fetch-site": "cross-site", "content-type": "application/json" },
    ];
    for (const headers of refusals) {
      const refused = await answer(bookRoute(post("/api/v1/appointments", body, headers), undefined as never));
      expect(refused, JSON.stringify(headers)).toEqual({ status: 403, body: { error: "cross_site", message: CROSS_SITE_MESSAGE } });
    }
    expect(await appointmentsOf(patient.id)).toBe(0);

    // From the app's own page (Origin matches the Host) the same booking goes through; text/plain is 415.
    const own = { origin: base, "sec-fetch-site": "same-origin" };
    expect((await answer(bookRoute(post("/api/v1/appointments", body, { ...own, "content-type": "text/plain" }), undefined as never))).status).toBe(415);
    expect((await answer(bookRoute(post("/api/v1/appointments", body, { ...own, "content-type": "application/json" }), undefined as never))).status).toBe(201);
    expect(await appointmentsOf(patient.id)).toBe(1);
  });

  it("changes nothing through cancel, reschedule, decision, upload or register", async () => {
    const held = await heldBooking(t.db, world, { start: at(8, 9) });
    const before = await t.db.appointment.findUniqueOrThrow({ where: { id: held.appointmentId } });
    const form = new FormData();
    form.set("file", new Blob(["%PDF-1.4\n%%EOF"], { type: "application/pdf" }), "clearance.pdf");
    const calls: Array<[string, AuditActor | null, () => Promise<Response>]> = [
      ["cancel", held.patient, () => cancelRoute(post(`/api/v1/appointments/${held.appointmentId}/cancel`, "", EVIL), params(held.appointmentId))],
      [
        "reschedule",
        held.patient,
        () => rescheduleRoute(post(`/api/v1/appointments/${held.appointmentId}/reschedule`, { start: at(9, 9).toISOString() }, EVIL), params(held.appointmentId)),
      ],
      [
        "decision",
        world.physician.user,
        () => decisionRoute(post(`/api/v1/clearances/${held.clearanceId}/decision`, { decision: "approve" }, EVIL), params(held.clearanceId)),
      ],
      [
        "upload",
        held.patient,
        () =>
          uploadRoute(
            new Request(`${base}/api/v1/clearances/${held.clearanceId}/documents`, { method: "POST", headers: { origin: EVIL.origin }, body: form }),
            params(held.clearanceId),
          ),
      ],
      ["register", null, () => registerRoute(post("/api/v1/auth/register", { name: "Mallory", email: "mallory@example.test", password: "stroll-Harbour-42" }, EVIL), undefined as never)],
    ];
    for (const [name, user, call] of calls) {
      as(user);
      expect(await answer(call()), name).toEqual({ status: 403, body: { error: "cross_site", message: CROSS_SITE_MESSAGE } });
    }
    expect(await t.db.appointment.findUniqueOrThrow({ where: { id: held.appointmentId } })).toEqual(before);
    expect(await t.db.clearanceDocument.count({ where: { clearanceId: held.clearanceId } })).toBe(0);
    expect(await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: held.clearanceId }, select: { status: true } })).toEqual({ status: "AWAITING_DOCUMENT" });
    expect(await t.db.user.count({ where: { email: "mallory@example.test" } })).toBe(0);
  });
});

describe("input the database cannot hold", () => {
  const NUL = "before\u0000after";
  const LONE = "broken \uD83D symbol";

  it("is a 422 with a field message on every route, never a 500", async () => {
    const held = await heldBooking(t.db, world, { start: at(10, 9) });
    await addDocument(t.db, held.clearanceId, held.patient, { review: true });
    const cases: Array<[string, AuditActor | null, () => Promise<Response>, string]> = [
      ["register name NUL", null, () => registerRoute(post("/api/v1/auth/register", { name: NUL, email: "nul@example.test", password: "stroll-Harbour-42" }), undefined as never), "name"],
      ["register name lone surrogate", null, () => registerRoute(post("/api/v1/auth/register", { name: LONE, email: "lone@example.test", password: "stroll-Harbour-42" }), undefined as never), "name"],
      ["booking notes", held.patient, () => bookRoute(post("/api/v1/appointments", booking(at(11, 9), { intake: { ...intake(), notes: NUL } })), undefined as never), "intake.notes"],
      [
        "booking other condition",
        held.patient,
        () => bookRoute(post("/api/v1/appointments", booking(at(11, 9), { intake: intake({ otherSerious: LONE }) })), undefined as never),
        "intake.conditions.otherSerious",
      ],
      ["booking start 9999", held.patient, () => bookRoute(post("/api/v1/appointments", { ...booking(at(11, 9)), start: "9999-12-31T10:00:00Z" }), undefined as never), "start"],
      ["booking start 0000", held.patient, () => bookRoute(post("/api/v1/appointments", { ...booking(at(11, 9)), start: "0000-01-01T10:00:00Z" }), undefined as never), "start"],
      [
        "reschedule start 0000",
        held.patient,
        () => rescheduleRoute(post(`/api/v1/appointments/${held.appointmentId}/reschedule`, { start: "0000-01-03T09:00:00Z" }), params(held.appointmentId)),
        "start",
      ],
      [
        "decline reason",
        world.physician.user,
        () => decisionRoute(post(`/api/v1/clearances/${held.clearanceId}/decision`, { decision: "decline", reason: NUL }), params(held.clearanceId)),
        "reason",
      ],
      [
        "restriction text",
        world.physician.user,
        () => decisionRoute(post(`/api/v1/clearances/${held.clearanceId}/decision`, { decision: "approve", restrictions: { text: LONE } }), params(held.clearanceId)),
        "restrictions.text",
      ],
      [
        "validity 9999-12-31",
        world.physician.user,
        () => decisionRoute(post(`/api/v1/clearances/${held.clearanceId}/decision`, { decision: "approve", validUntil: "9999-12-31" }), params(held.clearanceId)),
        "validUntil",
      ],
      [
        "validity beyond three years",
        world.physician.user,
        () => decisionRoute(post(`/api/v1/clearances/${held.clearanceId}/decision`, { decision: "approve", validUntil: "2030-12-31" }), params(held.clearanceId)),
        "validUntil",
      ],
      [
        "availability from 0000",
        null,
        () => availabilityRoute(new Request(`${base}/api/v1/availability?massageType=swedish&duration=60&from=0000-01-01T00:00:00Z&to=2026-12-10T00:00:00Z`), undefined as never),
        "from",
      ],
      [
        "availability to 9999",
        null,
        () => availabilityRoute(new Request(`${base}/api/v1/availability?massageType=swedish&duration=60&from=2026-12-09T00:00:00Z&to=9999-12-31T23:00:00-05:00`), undefined as never),
        "to",
      ],
    ];
    for (const [name, user, call, field] of cases) {
      as(user);
      const result = await answer(call());
      expect(result.status, name).toBe(422);
      expect(result.body.fields?.[field], name).toMatch(/^[A-Z][^]*\.$/);
    }
    // Nothing was decided: the request is still under review.
    expect(await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: held.clearanceId }, select: { status: true } })).toEqual({ status: "UNDER_REVIEW" });
  });
});

describe("registrations from one address", () => {
  it("a burst of 30 creates REGISTRATIONS_PER_HOUR accounts (10); the rest are 429 with Retry-After, before argon2", async () => {
    as(null);
    const burst = Array.from({ length: 30 }, (_, i) =>
      registerRoute(
        post("/api/v1/auth/register", { name: `Burst ${i}`, email: `burst-${i}@example.test`, password: "stroll-Harbour-42" }, {
          "content-type": "application/json",
          "x-clinic-peer": "203.0.113.200",
        }),
        undefined as never,
      ),
    );
    const answers = await Promise.all(burst);
    expect(getEnv().REGISTRATIONS_PER_HOUR).toBe(10);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(10);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(20);
    for (const answer of refused) expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await t.db.user.count({ where: { email: { startsWith: "burst-" } } })).toBe(10);
    // Another address is not affected.
    const elsewhere = await registerRoute(
      post("/api/v1/auth/register", { name: "Elsewhere", email: "burst-elsewhere@example.test", password: "stroll-Harbour-42" }, {
        "content-type": "application/json",
        "x-clinic-peer": "203.0.113.201",
      }),
      undefined as never,
    );
    expect(elsewhere.status).toBe(201);
  });
});
