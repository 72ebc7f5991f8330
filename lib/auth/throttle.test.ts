import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/db";
import { beginSignInAttempt, checkSignInGate, countRegistration, pruneThrottleCounters, signInSucceeded, THROTTLE } from "./throttle";

const t = useTestDatabase();
const T0 = new Date("2030-03-04T09:00:00Z");
const later = (minutes: number, seconds = 0) => new Date(T0.getTime() + minutes * 60_000 + seconds * 1000);

let counter = 0;
/** A fresh email and address per test: the tests share one database. */
function fresh() {
  counter += 1;
  return { email: `throttled-${counter}@example.test`, address: `198.51.100.${counter}` };
}

/** `times` failed attempts (counted, the password never right). */
async function fail(email: string, address: string, times: number, now = T0) {
  for (let i = 0; i < times; i++) await beginSignInAttempt(t.db, email, address, now);
}

const OPEN = { retryAfterSeconds: 0, delayMs: 0 };

describe("one account from one address", () => {
  test(`lets the first attempts through, slows each after ${THROTTLE.pair.slowAfter} failures more, then refuses`, async () => {
    const { email, address } = fresh();
    for (let i = 0; i < THROTTLE.pair.slowAfter; i++) expect(await beginSignInAttempt(t.db, email, address, T0)).toEqual(OPEN);
    const delays: number[] = [];
    for (let i = THROTTLE.pair.slowAfter; i < THROTTLE.pair.limit; i++) {
      const gate = await beginSignInAttempt(t.db, email, address, T0);
      expect(gate.retryAfterSeconds).toBe(0);
      delays.push(gate.delayMs);
    }
    expect(delays[0]).toBeGreaterThan(0);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays.at(-1)).toBe(THROTTLE.maxDelayMs);

    const refused = await beginSignInAttempt(t.db, email, address, later(1));
    expect(refused).toEqual({ retryAfterSeconds: (THROTTLE.pair.windowMinutes - 1) * 60, delayMs: 0 });
    expect((await checkSignInGate(t.db, email, address, later(1))).retryAfterSeconds).toBe((THROTTLE.pair.windowMinutes - 1) * 60);
    // The window ends and the count starts again.
    expect(await beginSignInAttempt(t.db, email, address, later(THROTTLE.pair.windowMinutes, 1))).toEqual(OPEN);
  });

  test("counts the email case-insensitively and without surrounding spaces", async () => {
    const { email, address } = fresh();
    await fail(`  ${email.toUpperCase()} `, address, THROTTLE.pair.limit);
    expect((await checkSignInGate(t.db, email, address, T0)).retryAfterSeconds).toBeGreaterThan(0);
  });

  test("a right password forgets this address's failures on the account", async () => {
    const { email, address } = fresh();
    await fail(email, address, THROTTLE.pair.slowAfter + 1);
    expect((await checkSignInGate(t.db, email, address, T0)).delayMs).toBeGreaterThan(0);
    await signInSucceeded(t.db, email.toUpperCase(), address, T0);
    expect(await checkSignInGate(t.db, email, address, T0)).toEqual(OPEN);
  });
});

describe("an account under attack from elsewhere", () => {
  test("still lets its owner in, unslowed, from an address that has not failed", async () => {
    const { email } = fresh();
    // Far past today's old per-email lock: the attacker's address is refused, the account is not.
    await fail(email, "203.0.113.66", THROTTLE.pair.limit * 3);
    expect((await beginSignInAttempt(t.db, email, "203.0.113.66", T0)).retryAfterSeconds).toBeGreaterThan(0);
    expect(await checkSignInGate(t.db, email, "192.0.2.10", T0)).toEqual(OPEN);
    expect(await beginSignInAttempt(t.db, email, "192.0.2.10", T0)).toEqual(OPEN);
  });

  test(`stops distributed guessing at ${THROTTLE.account.limit} attempts an hour across addresses`, async () => {
    const { email } = fresh();
    // One guess from each of many addresses: none is refused on its own.
    for (let i = 0; i < THROTTLE.account.limit; i++) {
      expect((await beginSignInAttempt(t.db, email, `10.1.${Math.floor(i / 250)}.${i % 250}`, T0)).retryAfterSeconds).toBe(0);
    }
    const refused = await beginSignInAttempt(t.db, email, "10.9.9.9", later(10));
    expect(refused.retryAfterSeconds).toBe((THROTTLE.account.windowMinutes - 10) * 60);
    expect(await beginSignInAttempt(t.db, email, "10.9.9.9", later(THROTTLE.account.windowMinutes, 1))).toEqual(OPEN);
  });

  test("an address refused on its own does not run up the account's ceiling", async () => {
    const { email, address } = fresh();
    await fail(email, address, THROTTLE.account.limit * 2);
    expect(await beginSignInAttempt(t.db, email, "192.0.2.11", T0)).toEqual(OPEN);
    const account = await t.db.throttleCounter.findUniqueOrThrow({ where: { key: `signin:${email}` } });
    expect(account.count).toBe(THROTTLE.pair.limit + 1);
  });
});

test(`refuses an address after ${THROTTLE.address.limit} attempts across many emails, and only that address`, async () => {
  const { address } = fresh();
  for (let i = 0; i < THROTTLE.address.limit; i++) await beginSignInAttempt(t.db, `spray-${counter}-${i}@example.test`, address, T0);
  const gate = await beginSignInAttempt(t.db, "someone-new@example.test", address, T0);
  expect(gate).toEqual({ retryAfterSeconds: THROTTLE.address.windowMinutes * 60, delayMs: 0 });
  expect(await beginSignInAttempt(t.db, "someone-new@example.test", "192.0.2.252", T0)).toEqual(OPEN);
});

test("parallel guesses cannot all pass: exactly the limit gets through", async () => {
  const { email, address } = fresh();
  const gates = await Promise.all(Array.from({ length: THROTTLE.pair.limit * 3 }, () => beginSignInAttempt(t.db, email, address, T0)));
  expect(gates.filter((gate) => gate.retryAfterSeconds === 0)).toHaveLength(THROTTLE.pair.limit);
});

test("registrations: the limit per address an hour, then 429's wait; parallel bursts included", async () => {
  const { address } = fresh();
  const waits = await Promise.all(Array.from({ length: 30 }, () => countRegistration(t.db, address, 10, T0)));
  expect(waits.filter((wait) => wait === 0)).toHaveLength(10);
  expect(Math.max(...waits)).toBe(THROTTLE.registration.windowMinutes * 60);
  expect(await countRegistration(t.db, "192.0.2.99", 10, T0)).toBe(0);
  expect(await countRegistration(t.db, address, 10, later(THROTTLE.registration.windowMinutes, 1))).toBe(0);
});

test("pruning drops only the counters whose window has ended", async () => {
  const { email, address } = fresh();
  await beginSignInAttempt(t.db, email, address, later(-120));
  await beginSignInAttempt(t.db, `${email}.x`, address, later(60 * 24));
  expect(await pruneThrottleCounters(t.db, later(60 * 24 - 1))).toBeGreaterThanOrEqual(2);
  const left = await t.db.throttleCounter.findMany({ where: { key: { contains: email } }, select: { key: true }, orderBy: { key: "asc" } });
  expect(left.map((row) => row.key)).toEqual([`signin:${email}.x`, `signin:${email}.x|${address}`]);
});
