import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/test/db";
import { checkSignInGate, clearSignInFailures, clientAddress, recordSignInFailure, THROTTLE } from "./throttle";

const t = useTestDatabase();
const T0 = new Date("2030-03-04T09:00:00Z");
const later = (minutes: number, seconds = 0) => new Date(T0.getTime() + minutes * 60_000 + seconds * 1000);

let counter = 0;
/** A fresh email and address per test: the tests share one database. */
function fresh() {
  counter += 1;
  return { email: `throttled-${counter}@example.test`, address: `198.51.100.${counter}` };
}

async function fail(email: string, address: string, times: number, now = T0) {
  for (let i = 0; i < times; i++) await recordSignInFailure(t.db, email, address, now);
}

describe("checkSignInGate", () => {
  test("lets the first attempts through without delay", async () => {
    const { email, address } = fresh();
    expect(await checkSignInGate(t.db, email, address, T0)).toEqual({ retryAfterSeconds: 0, delayMs: 0 });
    await fail(email, address, THROTTLE.slowAfter - 1);
    expect(await checkSignInGate(t.db, email, address, T0)).toEqual({ retryAfterSeconds: 0, delayMs: 0 });
  });

  test(`slows every attempt after ${THROTTLE.slowAfter} failures, more with each, up to a ceiling`, async () => {
    const { email, address } = fresh();
    await fail(email, address, THROTTLE.slowAfter);
    const first = await checkSignInGate(t.db, email, address, T0);
    expect(first.retryAfterSeconds).toBe(0);
    expect(first.delayMs).toBeGreaterThan(0);

    await fail(email, address, 1);
    const second = await checkSignInGate(t.db, email, address, T0);
    expect(second.delayMs).toBeGreaterThan(first.delayMs);

    await fail(email, address, THROTTLE.emailLimit);
    expect((await checkSignInGate(t.db, email, address, T0)).delayMs).toBe(THROTTLE.maxDelayMs);
  });

  test(`refuses after ${THROTTLE.emailLimit} failures for one email until the oldest leave the window`, async () => {
    const { email, address } = fresh();
    await fail(email, address, THROTTLE.emailLimit - 1);
    expect((await checkSignInGate(t.db, email, address, T0)).retryAfterSeconds).toBe(0);

    await fail(email, address, 1);
    const refused = await checkSignInGate(t.db, email, address, later(1));
    expect(refused.retryAfterSeconds).toBe((THROTTLE.windowMinutes - 1) * 60);

    // Another address does not help: the count is per account.
    const elsewhere = await checkSignInGate(t.db, email, "192.0.2.250", later(1));
    expect(elsewhere.retryAfterSeconds).toBe((THROTTLE.windowMinutes - 1) * 60);

    expect((await checkSignInGate(t.db, email, address, later(THROTTLE.windowMinutes, -1))).retryAfterSeconds).toBe(1);
    expect(await checkSignInGate(t.db, email, address, later(THROTTLE.windowMinutes, 1))).toEqual({
      retryAfterSeconds: 0,
      delayMs: 0,
    });
  });

  test("failures older than the window do not count", async () => {
    const { email, address } = fresh();
    await fail(email, address, THROTTLE.emailLimit, T0);
    const afterWindow = later(THROTTLE.windowMinutes + 1);
    expect(await checkSignInGate(t.db, email, address, afterWindow)).toEqual({ retryAfterSeconds: 0, delayMs: 0 });

    // Two new failures on top of the expired ones: still below the slow-down threshold.
    await fail(email, address, 2, afterWindow);
    expect(await checkSignInGate(t.db, email, address, afterWindow)).toEqual({ retryAfterSeconds: 0, delayMs: 0 });
  });

  test("counts the email case-insensitively and without surrounding spaces", async () => {
    const { email, address } = fresh();
    await fail(`  ${email.toUpperCase()} `, address, THROTTLE.emailLimit);
    expect((await checkSignInGate(t.db, email, "192.0.2.251", T0)).retryAfterSeconds).toBeGreaterThan(0);
  });

  test(`refuses an address after ${THROTTLE.addressLimit} failures across many emails`, async () => {
    const { address } = fresh();
    for (let i = 0; i < THROTTLE.addressLimit; i++) await recordSignInFailure(t.db, `spray-${i}@example.test`, address, T0);

    const gate = await checkSignInGate(t.db, "someone-new@example.test", address, T0);
    expect(gate.retryAfterSeconds).toBe(THROTTLE.windowMinutes * 60);
    expect(gate.delayMs).toBe(0);
    expect(await checkSignInGate(t.db, "someone-new@example.test", "192.0.2.252", T0)).toEqual({
      retryAfterSeconds: 0,
      delayMs: 0,
    });
  });

  test("clearSignInFailures forgets the email's failures", async () => {
    const { email, address } = fresh();
    await fail(email, address, THROTTLE.emailLimit);
    await clearSignInFailures(t.db, email.toUpperCase());
    expect(await checkSignInGate(t.db, email, "192.0.2.253", T0)).toEqual({ retryAfterSeconds: 0, delayMs: 0 });
  });
});

describe("clientAddress", () => {
  test("takes the first x-forwarded-for hop, then x-real-ip, else unknown", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": " 203.0.113.9 , 10.0.0.1" }))).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "x-real-ip": " 203.0.113.10 " }))).toBe("203.0.113.10");
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});
