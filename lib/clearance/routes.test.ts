// The clearance routes end to end below the session: guards, ids, status codes, JSON.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as decisionRoute } from "@/app/api/v1/clearances/[id]/decision/route";
import { GET as oneRoute } from "@/app/api/v1/clearances/[id]/route";
import { GET as queueRoute } from "@/app/api/v1/clearances/route";
import type { AuditActor } from "@/lib/audit";
import { useTestDatabase } from "@/test/db";
import { addDocument, at, createWorld, heldBooking, NOW, type World } from "./testing";

const app = vi.hoisted(() => ({
  db: undefined as unknown,
  session: null as null | { user: { id: string; role: string } },
}));
vi.mock("@/lib/db", () => ({ getDb: () => app.db }));
// A session cookie's claims for the signed-in user: a fresh, unrevoked session (lib/auth/sessions.ts).
vi.mock("@/lib/auth/session", () => ({
  sessionClaims: async () => (app.session ? { uid: app.session.user.id, sv: 0, seen: Math.floor(Date.now() / 1000) } : null),
}));

const t = useTestDatabase();
let world: World;

beforeAll(async () => {
  // The routes read the real clock; pin it (Date only, timers run) so the bookings' holds never lie in the past.
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  app.db = t.db;
  world = await createWorld(t.db);
});
afterAll(() => {
  vi.useRealTimers();
});

const as = (user: AuditActor | null) => {
  app.session = user ? { user: { id: user.id, role: user.role } } : null;
};
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const base = "http://clinic.test/api/v1/clearances";

async function call(response: Promise<Response>) {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> & Array<Record<string, unknown>> };
}

const getQueue = (query = "") => call(queueRoute(new Request(`${base}${query}`), undefined as never));
const getOne = (id: string) => call(oneRoute(new Request(`${base}/${id}`), params(id)));
const decide = (id: string, body: unknown) =>
  call(
    decisionRoute(
      new Request(`${base}/${id}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      params(id),
    ),
  );

describe("GET /api/v1/clearances", () => {
  it("is the physician's queue: 401 signed out, 403 for other roles, 422 for an unknown status", async () => {
    const held = await heldBooking(t.db, world, { start: at(3, 9) });
    as(null);
    expect((await getQueue()).status).toBe(401);
    for (const user of [held.patient, world.admin, world.therapistUser]) {
      as(user);
      expect((await getQueue()).status, user.role).toBe(403);
    }
    as(world.physician.user);
    const queue = await getQueue("?status=open");
    expect(queue.status).toBe(200);
    expect(Array.isArray(queue.body)).toBe(true);
    expect(queue.body.map((item) => item.id)).toContain(held.clearanceId);
    const bad = await getQueue("?status=pending");
    expect(bad).toMatchObject({ status: 422, body: { error: "validation", fields: { status: expect.any(String) } } });
    as(world.otherPhysician.user);
    expect((await getQueue()).body).toEqual([]);
  });
});

describe("GET /api/v1/clearances/:id", () => {
  it("shows the request to its patient, the addressed physician and admins; 404 to anyone else or for a malformed id", async () => {
    const held = await heldBooking(t.db, world, { start: at(3, 12) });
    as(null);
    expect((await getOne(held.clearanceId)).status).toBe(401);
    for (const user of [held.patient, world.physician.user, world.admin]) {
      as(user);
      const answer = await getOne(held.clearanceId);
      expect(answer, user.role).toMatchObject({ status: 200, body: { id: held.clearanceId, status: "awaiting_document", documents: [] } });
    }
    for (const user of [world.otherPhysician.user, world.therapistUser]) {
      as(user);
      expect(await getOne(held.clearanceId), user.role).toMatchObject({ status: 404, body: { error: "not_found" } });
    }
    as(world.physician.user);
    expect((await getOne("not-a-uuid")).status).toBe(404);
  });
});

describe("GET /api/v1/clearances/:id and the patient's earlier requests", () => {
  it("lists only the earlier requests addressed to the same physician, counts the others, and audits the read", async () => {
    const elsewhere = await heldBooking(t.db, world, { start: at(5, 9), physicianId: world.otherPhysician.physicianId, conditions: { osteoporosis: true } });
    const current = await heldBooking(t.db, world, { patient: elsewhere.patient, start: at(5, 12), physicianId: world.physician.physicianId, conditions: { diabetes: true } });
    as(world.physician.user);
    const answer = await call(
      oneRoute(new Request(`${base}/${current.clearanceId}`, { headers: { "x-forwarded-for": "198.51.100.23" } }), params(current.clearanceId)),
    );
    expect(answer.status).toBe(200);
    const earlierIds = (answer.body.earlier as unknown as Array<{ id: string }>).map((entry) => entry.id);
    expect(earlierIds).not.toContain(elsewhere.clearanceId);
    expect(answer.body.earlierElsewhere).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(answer.body)).not.toContain("Dr. Other");
    const read = await t.db.auditEntry.findFirstOrThrow({ where: { action: "clearance.read", entityId: current.clearanceId }, orderBy: { id: "desc" } });
    expect(read).toMatchObject({ actorId: world.physician.user.id, details: { earlierElsewhere: answer.body.earlierElsewhere } });
    expect(read.ipAddress).toEqual(expect.any(String));
    // The other physician's own request shows them theirs.
    as(world.otherPhysician.user);
    const theirs = await getOne(elsewhere.clearanceId);
    expect(theirs.status).toBe(200);
  });
});

describe("POST /api/v1/clearances/:id/decision", () => {
  it("answers 401, 404, 403, 422, 409 and finally 200 as the design says", async () => {
    const held = await heldBooking(t.db, world, { start: at(4, 9) });
    const approve = { decision: "approve", restrictions: { excludedMassageTypes: ["deep-tissue"] } };

    as(null);
    expect((await decide(held.clearanceId, approve)).status).toBe(401);
    for (const user of [held.patient, world.otherPhysician.user, world.therapistUser]) {
      as(user);
      expect(await decide(held.clearanceId, approve), user.role).toMatchObject({ status: 404, body: { error: "not_found" } });
    }
    as(world.admin);
    expect(await decide(held.clearanceId, approve)).toMatchObject({ status: 403, body: { error: "forbidden" } });
    // Ownership is checked before the body: a stranger learns nothing from validation.
    as(held.patient);
    expect((await decide(held.clearanceId, { decision: "decline" })).status).toBe(404);

    as(world.physician.user);
    expect((await decide("not-a-uuid", approve)).status).toBe(404);
    expect(await decide(held.clearanceId, { decision: "decline", reason: " " })).toMatchObject({
      status: 422,
      body: { error: "validation", fields: { reason: expect.any(String) } },
    });
    expect(await decide(held.clearanceId, "{not json")).toMatchObject({ status: 400, body: { error: "invalid_json" } });
    expect(await decide(held.clearanceId, approve)).toMatchObject({ status: 409, body: { error: "no_document" } });

    await addDocument(t.db, held.clearanceId, held.patient);
    const decided = await decide(held.clearanceId, approve);
    expect(decided).toMatchObject({
      status: 200,
      body: {
        id: held.clearanceId,
        status: "approved",
        outcome: "confirmed",
        appointment: { id: held.appointmentId, status: "confirmed" },
        restriction: { excludedMassageTypes: ["deep-tissue"] },
      },
    });
    expect(await decide(held.clearanceId, approve)).toMatchObject({ status: 409, body: { error: "already_decided" } });
  });

  it("declines with a reason: 200, the appointment cancelled", async () => {
    const held = await heldBooking(t.db, world, { start: at(4, 12) });
    await addDocument(t.db, held.clearanceId, held.patient);
    as(world.physician.user);
    expect(await decide(held.clearanceId, { decision: "decline", reason: "Please see me first." })).toMatchObject({
      status: 200,
      body: { status: "declined", declineReason: "Please see me first.", outcome: "cancelled", appointment: { status: "cancelled" } },
    });
  });
});
