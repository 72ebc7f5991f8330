// Links in mails point to APP_URL, whatever Host or X-Forwarded-* a request names (docs/decisions/0011).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as cancelRoute } from "@/app/api/v1/appointments/[id]/cancel/route";
import { book, createWorld, NOW, quickUser, at, type World } from "@/lib/clearance/testing";
import { getEnv } from "@/lib/env";
import { useTestDatabase } from "@/test/db";

const app = vi.hoisted(() => ({
  db: undefined as unknown,
  userId: null as string | null,
  headers: new Headers(),
}));
vi.mock("@/lib/db", () => ({ getDb: () => app.db }));
vi.mock("@/lib/auth/session", () => ({
  sessionClaims: async () => (app.userId ? { uid: app.userId, sv: 0, seen: Math.floor(Date.now() / 1000) } : null),
}));
// Next's request scope, for a server action's context.
vi.mock("next/headers", () => ({ headers: async () => app.headers }));

const { actionContext } = await import("./context");

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

const forged = { host: "attacker.example", "x-forwarded-host": "attacker.example", "x-forwarded-proto": "https", origin: "https://attacker.example" };

describe("mail links", () => {
  it("a server action's links are APP_URL, not the Host it was sent to", async () => {
    app.headers = new Headers(forged);
    const context = await actionContext();
    expect(context.appUrl).toBe(getEnv().APP_URL);
    expect(context.appUrl).not.toContain("attacker");
  });

  it("a route's mail links are APP_URL, not the address of the request", async () => {
    const patient = await quickUser(t.db, "PATIENT");
    const booked = await book(t.db, world, patient, { start: at(20, 10) });
    app.userId = patient.id;
    const before = new Set((await t.db.outboxMessage.findMany({ select: { id: true } })).map((m) => m.id));
    const response = await cancelRoute(
      new Request(`https://attacker.example/api/v1/appointments/${booked.id}/cancel`, { method: "POST", headers: forged }),
      { params: Promise.resolve({ id: booked.id }) },
    );
    expect(response.status).toBe(200);
    const mails = (await t.db.outboxMessage.findMany({ where: { to: patient.email } })).filter((m) => !before.has(m.id));
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      const text = `${mail.text}\n${mail.html ?? ""}\n${JSON.stringify(mail.attachments ?? null)}`;
      expect(text).not.toContain("attacker.example");
      expect(text).toContain(`${getEnv().APP_URL}/appointments/${booked.id}`);
    }
  });
});
