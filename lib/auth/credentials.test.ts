import { beforeAll, expect, test } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createPatient, TEST_PASSWORD } from "@/test/fixtures";
import { checkCredentials } from "./credentials";
import { beginSignInAttempt, checkSignInGate, THROTTLE } from "./throttle";

const t = useTestDatabase();
let counter = 0;

/** A new patient and a new address per test: the tests share one database. */
async function freshPatient() {
  counter += 1;
  const email = `signin-${counter}@example.test`;
  const user = await createPatient(t.db, { email, name: `Patient ${counter}` });
  return { user, email, address: `203.0.113.${counter}` };
}

async function failMany(email: string, address: string, times: number) {
  for (let i = 0; i < times; i++) await beginSignInAttempt(t.db, email, address);
}

/** The failures counted for this email from this address. */
const emailFailures = async (email: string, address: string) =>
  (await t.db.throttleCounter.findUnique({ where: { key: `signin:${email}|${address}` } }))?.count ?? 0;

beforeAll(async () => {
  // The dummy hash for unknown emails is made on first use; keep that out of the tests' timing.
  await checkCredentials(t.db, { email: "warm-up@example.test", password: "anything" }, "192.0.2.1");
});

test("the right password signs in, whatever the email's case", async () => {
  const { user, email, address } = await freshPatient();
  const result = await checkCredentials(t.db, { email: `  ${email.toUpperCase()} `, password: TEST_PASSWORD }, address);
  expect(result).toEqual({ ok: true, user: { id: user.id, email, name: user.name, role: "PATIENT", sessionVersion: 0 } });
});

test("a wrong password is invalid and counted", async () => {
  const { email, address } = await freshPatient();
  expect(await checkCredentials(t.db, { email, password: "not-the-password" }, address)).toEqual({
    ok: false,
    reason: "invalid",
  });
  expect(await emailFailures(email, address)).toBe(1);
});

test("malformed input is invalid without touching the database", async () => {
  expect(await checkCredentials(t.db, { email: "not an email", password: "x" }, "192.0.2.2")).toEqual({
    ok: false,
    reason: "invalid",
  });
  expect(await checkCredentials(t.db, null, "192.0.2.2")).toEqual({ ok: false, reason: "invalid" });
  expect(await t.db.throttleCounter.count({ where: { key: "signin-ip:192.0.2.2" } })).toBe(0);
});

test(`after ${THROTTLE.pair.limit} failures even the right password is refused as rate limited`, async () => {
  const { email, address } = await freshPatient();
  await failMany(email, address, THROTTLE.pair.limit);
  const result = await checkCredentials(t.db, { email, password: TEST_PASSWORD }, address);
  expect(result).toMatchObject({ ok: false, reason: "rate_limited" });
  expect(result.ok === false && result.reason === "rate_limited" && result.retryAfterSeconds).toBeGreaterThan(0);
  // The refused attempt is counted (its window does not move), its password never checked.
  expect(await emailFailures(email, address)).toBe(THROTTLE.pair.limit + 1);
});

test("the owner signs in from an address that has not failed while the account is attacked from another", async () => {
  const { user, email, address } = await freshPatient();
  await failMany(email, "198.18.0.66", THROTTLE.pair.limit * 2);
  expect(await checkCredentials(t.db, { email, password: TEST_PASSWORD }, "198.18.0.66")).toMatchObject({ reason: "rate_limited" });
  // Not slowed either: nothing had failed from there.
  expect(await checkSignInGate(t.db, email, address)).toEqual({ retryAfterSeconds: 0, delayMs: 0 });
  expect(await checkCredentials(t.db, { email, password: TEST_PASSWORD }, address)).toMatchObject({ ok: true, user: { id: user.id } });
  expect(await checkSignInGate(t.db, email, address)).toEqual({ retryAfterSeconds: 0, delayMs: 0 });
});

test("an email with no account is throttled exactly like one with an account", async () => {
  const { email: known, address } = await freshPatient();
  const unknown = `nobody-${counter}@example.test`;
  const wrong = { password: "not-the-password" };

  const knownResult = await checkCredentials(t.db, { email: known, ...wrong }, address);
  const unknownResult = await checkCredentials(t.db, { email: unknown, ...wrong }, address);
  expect(unknownResult).toEqual(knownResult);
  expect(await emailFailures(unknown, address)).toBe(await emailFailures(known, address));

  await failMany(known, address, THROTTLE.pair.slowAfter);
  await failMany(unknown, address, THROTTLE.pair.slowAfter);
  expect(await checkSignInGate(t.db, unknown, address)).toEqual(await checkSignInGate(t.db, known, address));

  await failMany(known, address, THROTTLE.pair.limit);
  await failMany(unknown, address, THROTTLE.pair.limit);
  const knownRefused = await checkCredentials(t.db, { email: known, ...wrong }, address);
  const unknownRefused = await checkCredentials(t.db, { email: unknown, ...wrong }, address);
  expect(knownRefused).toMatchObject({ ok: false, reason: "rate_limited" });
  expect(Object.keys(unknownRefused).sort()).toEqual(Object.keys(knownRefused).sort());
  expect(unknownRefused).toMatchObject({ ok: false, reason: "rate_limited" });
});

test("signing in clears the email's failures", async () => {
  const { email, address } = await freshPatient();
  // Below the slow-down threshold, so the test does not wait.
  await failMany(email, address, THROTTLE.pair.slowAfter - 1);
  expect(await emailFailures(email, address)).toBe(THROTTLE.pair.slowAfter - 1);

  expect(await checkCredentials(t.db, { email, password: TEST_PASSWORD }, address)).toMatchObject({ ok: true });
  expect(await emailFailures(email, address)).toBe(0);
});

test("a slowed attempt with the right password still signs in", async () => {
  const { email, address } = await freshPatient();
  await failMany(email, address, THROTTLE.pair.slowAfter);
  const gate = await checkSignInGate(t.db, email, address);
  expect(gate).toEqual({ retryAfterSeconds: 0, delayMs: expect.any(Number) });
  expect(gate.delayMs).toBeGreaterThan(0);

  const started = performance.now();
  expect(await checkCredentials(t.db, { email, password: TEST_PASSWORD }, address)).toMatchObject({ ok: true });
  // The delay was actually served (a lower bound only: no upper timing threshold).
  expect(performance.now() - started).toBeGreaterThanOrEqual(gate.delayMs - 5);
});
