// Revocable sessions on a real database (docs/decisions/0011): the guard's
// decision (userForSession), sign-out, the database trigger that ends sessions
// on a password, role or deactivation change, and the idle limit for staff.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/generated/prisma/enums";
import { useTestDatabase } from "@/test/db";
import { createPatient, TEST_PASSWORD } from "@/test/fixtures";
import { checkCredentials } from "./credentials";
import { endSessionsOnSignOut, epochSeconds, userForSession, type SessionClaims } from "./sessions";

const t = useTestDatabase();
const NOW = new Date("2026-12-02T10:00:00Z");
const IDLE = { now: NOW, idleMinutes: 30 };
const minutesAgo = (minutes: number) => epochSeconds(NOW) - minutes * 60;

async function user(role: Role = "PATIENT") {
  const row = await t.db.user.create({
    data: { email: `session-${randomUUID()}@example.test`, name: "Session Test", role, passwordHash: "not-used" },
  });
  return { ...row, claims: { uid: row.id, sv: row.sessionVersion, seen: minutesAgo(0) } satisfies SessionClaims };
}

describe("userForSession", () => {
  it("accepts a session of an active account at its current version", async () => {
    const patient = await user();
    expect(await userForSession(t.db, patient.claims, IDLE)).toEqual({ id: patient.id, email: patient.email, name: "Session Test", role: "PATIENT" });
  });

  it("refuses no claims, a malformed id, an unknown user and another version", async () => {
    const patient = await user();
    expect(await userForSession(t.db, null, IDLE)).toBeNull();
    expect(await userForSession(t.db, { ...patient.claims, uid: "not-a-uuid" }, IDLE)).toBeNull();
    expect(await userForSession(t.db, { ...patient.claims, uid: randomUUID() }, IDLE)).toBeNull();
    expect(await userForSession(t.db, { ...patient.claims, sv: patient.claims.sv + 1 }, IDLE)).toBeNull();
  });

  it.each([
    ["a password change", { passwordHash: "another-hash" }],
    ["a role change", { role: "THERAPIST" as Role }],
    ["deactivation", { deactivatedAt: NOW }],
  ])("%s ends every session of the user, whoever writes the row", async (_change, data) => {
    const patient = await user();
    const otherDevice = { ...patient.claims, seen: minutesAgo(5) };
    await t.db.user.update({ where: { id: patient.id }, data });
    expect(await userForSession(t.db, patient.claims, IDLE)).toBeNull();
    expect(await userForSession(t.db, otherDevice, IDLE)).toBeNull();
    // The same change in plain SQL is caught too: the rule is the database's.
    const fresh = await user();
    await t.connection.raw.query(`UPDATE "User" SET "passwordHash" = 'x' WHERE "id" = $1::uuid`, [fresh.id]);
    expect(await userForSession(t.db, fresh.claims, IDLE)).toBeNull();
  });

  it("an unrelated change (name, phone) leaves sessions alone", async () => {
    const patient = await user();
    await t.db.user.update({ where: { id: patient.id }, data: { name: "New Name", phone: "+31 6 1234 5678" } });
    expect(await userForSession(t.db, patient.claims, IDLE)).toMatchObject({ name: "New Name" });
  });

  it("a staff session unused for longer than the idle limit is refused; a patient's is not", async () => {
    for (const role of ["THERAPIST", "PHYSICIAN", "ADMIN"] as Role[]) {
      const staff = await user(role);
      expect(await userForSession(t.db, { ...staff.claims, seen: minutesAgo(29) }, IDLE), role).toMatchObject({ role });
      expect(await userForSession(t.db, { ...staff.claims, seen: minutesAgo(31) }, IDLE), role).toBeNull();
      // The limit is configurable (STAFF_IDLE_MINUTES).
      expect(await userForSession(t.db, { ...staff.claims, seen: minutesAgo(6) }, { now: NOW, idleMinutes: 5 }), role).toBeNull();
    }
    const patient = await user();
    expect(await userForSession(t.db, { ...patient.claims, seen: minutesAgo(7 * 60) }, IDLE)).toMatchObject({ role: "PATIENT" });
  });
});

describe("endSessionsOnSignOut", () => {
  it("ends every session of the user, audited; a cookie already ended cannot end later ones", async () => {
    const physician = await user("PHYSICIAN");
    const laptop = physician.claims;
    const phone = { ...physician.claims, seen: minutesAgo(3) };
    expect(await endSessionsOnSignOut(t.db, laptop, "198.51.100.9")).toBe(true);
    expect(await userForSession(t.db, laptop, IDLE)).toBeNull();
    expect(await userForSession(t.db, phone, IDLE)).toBeNull();
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { action: "session.signed_out", entityId: physician.id } });
    expect(audit).toMatchObject({ actorId: physician.id, actorRole: "PHYSICIAN", entityType: "User", ipAddress: "198.51.100.9", details: { sessionVersion: 1 } });

    // Signed in again (version 1): the old, copied cookie signing out does nothing to the new session.
    const again = { ...laptop, sv: 1 };
    expect(await endSessionsOnSignOut(t.db, laptop)).toBe(false);
    expect(await userForSession(t.db, again, IDLE)).toMatchObject({ id: physician.id });
    expect(await endSessionsOnSignOut(t.db, null)).toBe(false);
    expect(await endSessionsOnSignOut(t.db, { ...laptop, uid: "nope" })).toBe(false);
  });
});

describe("signing in", () => {
  it("puts the user's session version into the session, and refuses a deactivated account like a wrong password", async () => {
    const email = `deactivated-${randomUUID()}@example.test`;
    const patient = await createPatient(t.db, { email });
    await t.db.user.update({ where: { id: patient.id }, data: { passwordHash: await hashPassword(TEST_PASSWORD) } });
    const signedIn = await checkCredentials(t.db, { email, password: TEST_PASSWORD }, "192.0.2.50");
    expect(signedIn).toMatchObject({ ok: true, user: { id: patient.id, sessionVersion: 1 } });

    await t.db.user.update({ where: { id: patient.id }, data: { deactivatedAt: NOW } });
    expect(await checkCredentials(t.db, { email, password: TEST_PASSWORD }, "192.0.2.50")).toEqual({ ok: false, reason: "invalid" });
  });
});
