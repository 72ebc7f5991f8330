import { beforeAll, expect, test } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createPatient, TEST_PASSWORD } from "@/test/fixtures";
import { checkCredentials } from "./credentials";
import { checkSignInGate, recordSignInFailure, THROTTLE } from "./throttle";

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
  for (let i = 0; i < times; i++) await recordSignInFailure(t.db, email, address);
}

const emailFailures = (email: string) => t.db.signInAttempt.count({ where: { key: `email:${email}` } });

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
  expect(await emailFailures(email)).toBe(1);
});

test("malformed input is invalid without touching the database", async () => {
  expect(await checkCredentials(t.db, { email: "not an email", password: "x" }, "192.0.2.2")).toEqual({
    ok: false,
    reason: "invalid",
  });
  expect(await checkCredentials(t.db, null, "192.0.2.2")).toEqual({ ok: false, reason: "invalid" });
  expect(await t.db.signInAttempt.count({ where: { key: "ip:192.0.2.2" } })).toBe(0);
});

test(`after ${THROTTLE.emailLimit} failures even the right password is refused as rate limited`, async () => {
  const { email, address } = await freshPatient();
  await failMany(email, address, THROTTLE.emailLimit);
  const result = await checkCredentials(t.db, { email, password: TEST_PASSWORD }, address);
  expect(result).toMatchObject({ ok: false, reason: "rate_limited" });
  expect(result.ok === false && result.reason === "rate_limited" && result.retryAfterSeconds).toBeGreaterThan(0);
  // A refused attempt is not itself a failure.
  expect(await emailFailures(email)).toBe(THROTTLE.emailLimit);
});

test("an email with no account is throttled exactly like one with an account", async () => {
  const { email: known, address } = await freshPatient();
  const unknown = `nobody-${counter}@example.test`;
  const wrong = { password: "not-the-password" };

  const knownResult = await checkCredentials(t.db, { email: known, ...wrong }, address);
  const unknownResult = await checkCredentials(t.db, { email: unknown, ...wrong }, address);
  expect(unknownResult).toEqual(knownResult);
  expect(await emailFailures(unknown)).toBe(await emailFailures(known));

  await failMany(known, address, THROTTLE.slowAfter);
  await failMany(unknown, address, THROTTLE.slowAfter);
  expect(await checkSignInGate(t.db, unknown, address)).toEqual(await checkSignInGate(t.db, known, address));

  await failMany(known, address, THROTTLE.emailLimit);
  await failMany(unknown, address, THROTTLE.emailLimit);
  const knownRefused = await checkCredentials(t.db, { email: known, ...wrong }, address);
  const unknownRefused = await checkCredentials(t.db, { email: unknown, ...wrong }, address);
  expect(knownRefused).toMatchObject({ ok: false, reason: "rate_limited" });
  expect(Object.keys(unknownRefused).sort()).toEqual(Object.keys(knownRefused).sort());
  expect(unknownRefused).toMatchObject({ ok: false, reason: "rate_limited" });
});

test("signing in clears the email's failures", async () => {
  const { email, address } = await freshPatient();
  // Below the slow-down threshold, so the test does not wait.
  await failMany(email, address, THROTTLE.slowAfter - 1);
  expect(await emailFailures(email)).toBe(THROTTLE.slowAfter - 1);

  expect(await checkCredentials(t.db, { email, password: TEST_PASSWORD }, address)).toMatchObject({ ok: true });
  expect(await emailFailures(email)).toBe(0);
});

test("a slowed attempt with the right password still signs in", async () => {
  const { email, address } = await freshPatient();
  await failMany(email, address, THROTTLE.slowAfter);
  const gate = await checkSignInGate(t.db, email, address);
  expect(gate).toEqual({ retryAfterSeconds: 0, delayMs: expect.any(Number) });
  expect(gate.delayMs).toBeGreaterThan(0);

  const started = performance.now();
  expect(await checkCredentials(t.db, { email, password: TEST_PASSWORD }, address)).toMatchObject({ ok: true });
  // The delay was actually served (a lower bound only: no upper timing threshold).
  expect(performance.now() - started).toBeGreaterThanOrEqual(gate.delayMs - 5);
});
