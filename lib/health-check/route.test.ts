// POST /api/v1/appointments/:id/health-check below the session: 401 anonymous, 404 unknown or another
// patient's, 403 staff, 422 a bad body (nothing written), 200 {status} for the patient, 409 when not open.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/v1/appointments/[id]/health-check/route";
import type { AuditActor } from "@/lib/audit";
import { quickUser } from "@/lib/clearance/testing";
import { getEnv } from "@/lib/env";
import { at, booked, patient, therapist } from "@/lib/waitlist/testing";
import { useTestDatabase } from "@/test/db";

const app = vi.hoisted(() => ({ db: undefined as unknown, session: null as null | { user: { id: string } } }));
vi.mock("@/lib/db", () => ({ getDb: () => app.db }));
vi.mock("@/lib/auth/session", () => ({
  sessionClaims: async () => (app.session ? { uid: app.session.user.id, sv: 0, seen: Math.floor(Date.now() / 1000) } : null),
}));

const t = useTestDatabase();
// Wednesday 2 December 2026, 18:30 in Amsterdam: the check of an appointment on the 3rd is open.
const OPEN = new Date("2026-12-02T17:30:00Z");
beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: OPEN });
  app.db = t.db;
});
afterAll(() => {
  vi.useRealTimers();
});

const as = (user: AuditActor | null) => {
  app.session = user ? { user: { id: user.id } } : null;
};
const NOBODY = "00000000-0000-4000-8000-000000000000";
async function post(id: string, body: unknown) {
  const request = new Request(`${getEnv().APP_URL}/api/v1/appointments/${id}/health-check`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const response = await POST(request, { params: Promise.resolve({ id }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { fields?: Record<string, string> } };
}
const ALL_NO = { fever: false, contagiousIllness: false, acuteInjury: false };

describe("POST /api/v1/appointments/:id/health-check", () => {
  it("answers each caller as documented", async () => {
    const therapistId = await therapist(t.db);
    const visit = await booked(t.db, therapistId, at(3, 9));
    const later = await booked(t.db, therapistId, at(10, 9), visit.owner);
    const therapistRow = await t.db.therapist.findUniqueOrThrow({ where: { id: therapistId } });

    as(null);
    expect((await post(visit.appointmentId, ALL_NO)).status).toBe(401);
    as(await patient(t.db));
    expect((await post(visit.appointmentId, ALL_NO)).status).toBe(404);
    as({ id: therapistRow.userId, role: "THERAPIST" });
    expect((await post(visit.appointmentId, ALL_NO)).status).toBe(403);
    as(await quickUser(t.db, "ADMIN"));
    expect((await post(visit.appointmentId, ALL_NO)).status).toBe(403);

    as(visit.owner);
    expect((await post(NOBODY, ALL_NO)).status).toBe(404);
    const bad = await post(visit.appointmentId, { fever: "maybe", acuteInjury: false });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fields ?? {}).toSorted()).toEqual(["contagiousIllness", "fever"]);
    expect(bad.body.fields?.fever).toContain("Answer yes or no");
    expect(await t.db.healthCheck.count({ where: { appointmentId: visit.appointmentId } })).toBe(0);

    const notYet = await post(later.appointmentId, ALL_NO);
    expect(notYet).toMatchObject({ status: 409, body: { error: "not_answerable" } });

    const answered = await post(visit.appointmentId, { ...ALL_NO, contagiousIllness: true });
    expect(answered).toMatchObject({ status: 200, body: { status: "cancelled", recorded: true, answers: { contagiousIllness: true } } });
    const again = await post(visit.appointmentId, ALL_NO);
    expect(again).toMatchObject({ status: 200, body: { status: "cancelled", recorded: false, answers: { contagiousIllness: true } } });
  });
});
