// Single-use mail links on a real database: one use, expiry, purpose, and the
// newest link replacing older ones.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createPatient } from "@/test/fixtures";
import { consumeToken, hashToken, issueToken, peekToken } from "./tokens";

const t = useTestDatabase();
const NOW = new Date("2026-12-03T10:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe("mail tokens", () => {
  it("opens once, and says why not afterwards", async () => {
    const patient = await createPatient(t.db);
    const issued = await issueToken(t.db, { userId: patient.id, purpose: "PASSWORD_RESET", now: NOW });
    expect(await peekToken(t.db, { token: issued.token, purpose: "PASSWORD_RESET", now: NOW })).toMatchObject({ ok: true, email: patient.email });
    expect(await consumeToken(t.db, { token: issued.token, purpose: "PASSWORD_RESET", now: later(1) })).toEqual({ ok: true, userId: patient.id, newEmail: null });
    expect(await consumeToken(t.db, { token: issued.token, purpose: "PASSWORD_RESET", now: later(2) })).toEqual({ ok: false, reason: "used" });
  });

  it("stores only the hash of the secret", async () => {
    const patient = await createPatient(t.db);
    const issued = await issueToken(t.db, { userId: patient.id, purpose: "PASSWORD_RESET", now: NOW });
    const row = await t.db.userToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.tokenHash).toBe(hashToken(issued.token));
    expect(JSON.stringify(row)).not.toContain(issued.token);
  });

  it("expires a reset after 30 minutes", async () => {
    const patient = await createPatient(t.db);
    const issued = await issueToken(t.db, { userId: patient.id, purpose: "PASSWORD_RESET", now: NOW });
    expect(await consumeToken(t.db, { token: issued.token, purpose: "PASSWORD_RESET", now: later(30) })).toEqual({ ok: false, reason: "expired" });
    expect(await peekToken(t.db, { token: issued.token, purpose: "PASSWORD_RESET", now: later(31) })).toEqual({ ok: false, reason: "expired" });
  });

  it("does not open for another purpose or an unknown secret", async () => {
    const patient = await createPatient(t.db);
    const issued = await issueToken(t.db, { userId: patient.id, purpose: "INVITATION", now: NOW });
    expect(await consumeToken(t.db, { token: issued.token, purpose: "PASSWORD_RESET", now: NOW })).toEqual({ ok: false, reason: "unknown" });
    expect(await consumeToken(t.db, { token: "made-up", purpose: "INVITATION", now: NOW })).toEqual({ ok: false, reason: "unknown" });
    expect(await consumeToken(t.db, { token: issued.token, purpose: "INVITATION", now: NOW })).toMatchObject({ ok: true });
  });

  it("a newer link replaces an older one", async () => {
    const patient = await createPatient(t.db);
    const first = await issueToken(t.db, { userId: patient.id, purpose: "PASSWORD_RESET", now: NOW });
    const second = await issueToken(t.db, { userId: patient.id, purpose: "PASSWORD_RESET", now: later(1) });
    expect(await consumeToken(t.db, { token: first.token, purpose: "PASSWORD_RESET", now: later(2) })).toEqual({ ok: false, reason: "used" });
    expect(await consumeToken(t.db, { token: second.token, purpose: "PASSWORD_RESET", now: later(2) })).toMatchObject({ ok: true });
  });

  it("two uses at once: exactly one wins", async () => {
    const patient = await createPatient(t.db);
    const issued = await issueToken(t.db, { userId: patient.id, purpose: "PASSWORD_RESET", now: NOW });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => consumeToken(t.db, { token: issued.token, purpose: "PASSWORD_RESET", now: later(1) })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });
});
