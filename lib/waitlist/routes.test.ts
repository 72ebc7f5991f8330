// The waitlist's route handlers below the session: who may join, list and claim (401, 403, 404), and the answers' shapes.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as claimRoute } from "@/app/api/v1/waitlist/offers/[id]/claim/route";
import { GET as listRoute, POST as joinRoute } from "@/app/api/v1/waitlist/route";
import type { AuditActor } from "@/lib/audit";
import { quickUser } from "@/lib/clearance/testing";
import { getEnv } from "@/lib/env";
import { useTestDatabase } from "@/test/db";
import { runWaitlist } from "./offers";
import { APP_URL, at, cancelled, claimBody, dayOf, liveOffers, NOW, patient, therapist } from "./testing";

const app = vi.hoisted(() => ({ db: undefined as unknown, session: null as null | { user: { id: string } } }));
vi.mock("@/lib/db", () => ({ getDb: () => app.db }));
vi.mock("@/lib/auth/session", () => ({
  sessionClaims: async () => (app.session ? { uid: app.session.user.id, sv: 0, seen: Math.floor(Date.now() / 1000) } : null),
}));

const t = useTestDatabase();
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  app.db = t.db;
  await therapist(t.db); // the settings and the massage types
});
afterAll(() => {
  vi.useRealTimers();
});

const as = (user: AuditActor | null) => {
  app.session = user ? { user: { id: user.id } } : null;
};
const base = getEnv().APP_URL;
const post = (path: string, body: unknown) =>
  new Request(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const get = (path: string) => new Request(`${base}${path}`);
const params = (id: string) => ({ params: Promise.resolve({ id }) });
async function answer(response: Promise<Response>) {
  const result = await response;
  return { status: result.status, body: (await result.json()) as Record<string, unknown> & { fields?: Record<string, string> } };
}
const joinBody = (day: number, extra: Record<string, unknown> = {}) => ({ massageType: "swedish", duration: 60, from: dayOf(day), to: dayOf(day), ...extra });

describe("POST /api/v1/waitlist", () => {
  it("lets a patient join (201 {id}), audited; anonymous 401, staff 403, bad input 422 with fields", async () => {
    const who = await patient(t.db);
    as(null);
    expect((await answer(joinRoute(post("/api/v1/waitlist", joinBody(10)), undefined as never))).status).toBe(401);
    as(await quickUser(t.db, "ADMIN"));
    expect((await answer(joinRoute(post("/api/v1/waitlist", joinBody(10)), undefined as never))).status).toBe(403);
    as(who);
    const joined = await answer(joinRoute(post("/api/v1/waitlist", joinBody(10, { days: [4], earliest: "09:00", latest: "12:00" })), undefined as never));
    expect(joined).toMatchObject({ status: 201 });
    expect(Object.keys(joined.body)).toEqual(["id"]);
    expect(await t.db.auditEntry.count({ where: { action: "waitlist.joined", entityId: joined.body.id as string } })).toBe(1);

    const invalid = await answer(joinRoute(post("/api/v1/waitlist", joinBody(10, { to: dayOf(9), days: [8], earliest: "9am", duration: 50 })), undefined as never));
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.fields ?? {})).toEqual(expect.arrayContaining(["duration", "days.0", "earliest"]));
    const backwards = await answer(joinRoute(post("/api/v1/waitlist", joinBody(10, { to: dayOf(9) })), undefined as never));
    expect(backwards.body.fields).toHaveProperty("to");
    const tooShort = await answer(joinRoute(post("/api/v1/waitlist", joinBody(10, { earliest: "10:00", latest: "10:30" })), undefined as never));
    expect(tooShort.body.fields).toHaveProperty("latest");
  });
});

describe("GET /api/v1/waitlist and claiming", () => {
  it("lists only the patient's own entries with the offer; another patient's offer is 404, staff cannot claim", async () => {
    const therapistId = await therapist(t.db);
    const who = await patient(t.db);
    const stranger = await patient(t.db);
    as(who);
    const joined = await answer(joinRoute(post("/api/v1/waitlist", joinBody(11)), undefined as never));
    as(stranger);
    await answer(joinRoute(post("/api/v1/waitlist", joinBody(12)), undefined as never));
    await cancelled(t.db, therapistId, at(11, 9));
    await runWaitlist(t.db, { now: NOW, appUrl: APP_URL });
    const [offer] = await liveOffers(t.db, therapistId);

    as(who);
    const listed = await answer(listRoute(get("/api/v1/waitlist"), undefined as never));
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        id: joined.body.id,
        massageType: "swedish",
        therapistId: null,
        from: dayOf(11),
        earliest: "00:00",
        latest: "24:00",
        offer: { id: offer!.id, start: at(11, 9).toISOString(), end: at(11, 10).toISOString(), therapistId, expiresAt: offer!.expiresAt.toISOString() },
      }),
    ]);

    as(stranger);
    expect((await answer(claimRoute(post(`/api/v1/waitlist/offers/${offer!.id}/claim`, claimBody()), params(offer!.id)))).status).toBe(404);
    expect((await answer(claimRoute(post("/api/v1/waitlist/offers/not-a-uuid/claim", claimBody()), params("not-a-uuid")))).status).toBe(404);
    as(await quickUser(t.db, "ADMIN"));
    expect((await answer(claimRoute(post(`/api/v1/waitlist/offers/${offer!.id}/claim`, claimBody()), params(offer!.id)))).status).toBe(403);
    as(null);
    expect((await answer(claimRoute(post(`/api/v1/waitlist/offers/${offer!.id}/claim`, claimBody()), params(offer!.id)))).status).toBe(401);

    as(who);
    const claimed = await answer(claimRoute(post(`/api/v1/waitlist/offers/${offer!.id}/claim`, claimBody()), params(offer!.id)));
    expect(claimed).toMatchObject({ status: 201, body: { status: "confirmed", start: at(11, 9).toISOString() } });
    const again = await answer(claimRoute(post(`/api/v1/waitlist/offers/${offer!.id}/claim`, claimBody()), params(offer!.id)));
    expect(again).toMatchObject({ status: 409, body: { error: "offer_gone" } });
    // Fulfilled: no longer on the list.
    expect((await answer(listRoute(get("/api/v1/waitlist"), undefined as never))).body).toEqual([]);
  });
});
