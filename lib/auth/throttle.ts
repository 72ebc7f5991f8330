// Throttling that an attacker cannot turn against the people it protects (ADR 0010).
//
// Sign-in attempts are counted per account *and* address, per address, and per account, each in a fixed window,
// in the database so the counts hold across app instances. An attempt is counted before the password is checked,
// by one INSERT … ON CONFLICT DO UPDATE … RETURNING per step, so parallel guesses each see the count that includes
// them and no more than the limit pass; a correct password gives its attempt back. So:
// - guessing from one address is slowed (growing delays) and then refused, for that account from that address;
// - an address guessing across many accounts is refused;
// - the owner, signing in from an address that has not failed, gets in while the account is attacked elsewhere;
// - distributed guessing meets a per-account ceiling far above what a person types (100 an hour). Only attempts
//   that passed the first two checks count towards it, so one refused address cannot run it up.
// Unknown emails count exactly like known ones, so the answers never reveal who has an account.
// Registrations (each runs argon2) are limited per address the same way.
import type { DbClient } from "@/lib/db/prisma";

export const THROTTLE = {
  /** One account from one address: slowed after `slowAfter` failures, refused after `limit`. */
  pair: { windowMinutes: 15, slowAfter: 3, limit: 10 },
  /** One address, any accounts (spraying one password over many emails). */
  address: { windowMinutes: 15, slowAfter: 20, limit: 50 },
  /** One account, every address: the ceiling on distributed guessing. */
  account: { windowMinutes: 60, limit: 100 },
  /** Registrations from one address: REGISTRATIONS_PER_HOUR (lib/env.ts) of them per window. */
  registration: { windowMinutes: 60 },
  baseDelayMs: 250,
  maxDelayMs: 3_000,
} as const;

export interface SignInGate {
  /** Seconds until a refused attempt may be tried again; 0 when allowed. */
  retryAfterSeconds: number;
  /** How long to slow this attempt down. */
  delayMs: number;
}

const normalEmail = (email: string) => email.trim().toLowerCase();
const pairKey = (email: string, address: string) => `signin:${normalEmail(email)}|${address}`;
const addressKey = (address: string) => `signin-ip:${address}`;
const accountKey = (email: string) => `signin:${normalEmail(email)}`;
const registrationKey = (address: string) => `register-ip:${address}`;

interface Counter {
  key: string;
  count: number;
  expiresAt: Date;
}

/**
 * Counts one event on each key and returns each count including it, in one statement: a window that has ended
 * starts again at 1. Concurrent callers queue on the rows, so each sees a distinct count.
 */
async function countEvent(db: DbClient, keys: Array<{ key: string; windowMinutes: number }>, now: Date): Promise<Map<string, Counter>> {
  const rows = await Promise.all(
    keys.map(({ key, windowMinutes }) => {
      const expiresAt = new Date(now.getTime() + windowMinutes * 60_000);
      return db.$queryRaw<Counter[]>`
        INSERT INTO "ThrottleCounter" ("key", "count", "expiresAt") VALUES (${key}, 1, ${expiresAt})
        ON CONFLICT ("key") DO UPDATE SET
          "count" = CASE WHEN "ThrottleCounter"."expiresAt" <= ${now} THEN 1 ELSE "ThrottleCounter"."count" + 1 END,
          "expiresAt" = CASE WHEN "ThrottleCounter"."expiresAt" <= ${now} THEN EXCLUDED."expiresAt" ELSE "ThrottleCounter"."expiresAt" END
        RETURNING "key", "count", "expiresAt"`;
    }),
  );
  return new Map(rows.flat().map((row) => [row.key, { ...row, count: Number(row.count) }]));
}

async function readCounters(db: DbClient, keys: string[], now: Date): Promise<Map<string, Counter>> {
  const rows = await db.throttleCounter.findMany({ where: { key: { in: keys }, expiresAt: { gt: now } } });
  return new Map(rows.map((row) => [row.key, row]));
}

const secondsUntil = (at: Date, now: Date) => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));

function delayFor(failuresBefore: number, slowAfter: number): number {
  const over = failuresBefore - slowAfter;
  return over < 0 ? 0 : Math.min(THROTTLE.maxDelayMs, THROTTLE.baseDelayMs * 2 ** over);
}

/** The refusals among counted attempts: `count` includes the attempt at hand when `counted`, else it is the failures so far. */
function refusal(counter: Counter | undefined, limit: number, now: Date, counted: boolean): number {
  if (!counter) return 0;
  return (counted ? counter.count > limit : counter.count >= limit) ? secondsUntil(counter.expiresAt, now) : 0;
}

/**
 * Counts this sign-in attempt and says whether it may go ahead (and how slowly). Call before checking the password;
 * call signInSucceeded when it was right. A refused attempt is not checked at all.
 */
export async function beginSignInAttempt(db: DbClient, email: string, address: string, now = new Date()): Promise<SignInGate> {
  const pair = pairKey(email, address);
  const local = await countEvent(
    db,
    [
      { key: pair, windowMinutes: THROTTLE.pair.windowMinutes },
      { key: addressKey(address), windowMinutes: THROTTLE.address.windowMinutes },
    ],
    now,
  );
  const byPair = local.get(pair);
  const byAddress = local.get(addressKey(address));
  const locallyRefused = Math.max(refusal(byPair, THROTTLE.pair.limit, now, true), refusal(byAddress, THROTTLE.address.limit, now, true));
  if (locallyRefused > 0) return { retryAfterSeconds: locallyRefused, delayMs: 0 };

  const account = (await countEvent(db, [{ key: accountKey(email), windowMinutes: THROTTLE.account.windowMinutes }], now)).get(accountKey(email));
  const retryAfterSeconds = refusal(account, THROTTLE.account.limit, now, true);
  if (retryAfterSeconds > 0) return { retryAfterSeconds, delayMs: 0 };
  const delayMs = Math.max(
    delayFor((byPair?.count ?? 1) - 1, THROTTLE.pair.slowAfter),
    delayFor((byAddress?.count ?? 1) - 1, THROTTLE.address.slowAfter),
  );
  return { retryAfterSeconds: 0, delayMs };
}

/** The password was right: this address's failures on the account are forgotten, and the attempt is given back. */
export async function signInSucceeded(db: DbClient, email: string, address: string, now = new Date()): Promise<void> {
  await db.throttleCounter.deleteMany({ where: { key: pairKey(email, address) } });
  await db.throttleCounter.updateMany({
    where: { key: { in: [addressKey(address), accountKey(email)] }, count: { gt: 0 }, expiresAt: { gt: now } },
    data: { count: { decrement: 1 } },
  });
}

/**
 * Looks without counting: whether the next attempt for this email from this address would be refused.
 * For the pages and the API to answer 429 before next-auth runs; beginSignInAttempt decides.
 */
export async function checkSignInGate(db: DbClient, email: string, address: string, now = new Date()): Promise<SignInGate> {
  const counters = await readCounters(db, [pairKey(email, address), addressKey(address), accountKey(email)], now);
  const byPair = counters.get(pairKey(email, address));
  const byAddress = counters.get(addressKey(address));
  const retryAfterSeconds = Math.max(
    refusal(byPair, THROTTLE.pair.limit, now, false),
    refusal(byAddress, THROTTLE.address.limit, now, false),
    refusal(counters.get(accountKey(email)), THROTTLE.account.limit, now, false),
  );
  const delayMs = retryAfterSeconds > 0 ? 0 : Math.max(delayFor(byPair?.count ?? 0, THROTTLE.pair.slowAfter), delayFor(byAddress?.count ?? 0, THROTTLE.address.slowAfter));
  return { retryAfterSeconds, delayMs };
}

/** Counts a registration from this address; seconds to wait when it is over the limit, else 0. */
export async function countRegistration(db: DbClient, address: string, limit: number, now = new Date()): Promise<number> {
  const key = registrationKey(address);
  const counter = (await countEvent(db, [{ key, windowMinutes: THROTTLE.registration.windowMinutes }], now)).get(key);
  return refusal(counter, limit, now, true);
}

/** Drops counters whose window has ended (the background jobs call it; a stale row is also reset when next counted). */
export async function pruneThrottleCounters(db: DbClient, now = new Date()): Promise<number> {
  return (await db.throttleCounter.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}

export { clientAddress } from "@/lib/http/client-address";

/** Password-reset requests (docs/decisions/0015): per address asked about, and per client address. */
export const RESET_THROTTLE = {
  email: { windowMinutes: 60, limit: 5 },
  address: { windowMinutes: 15, limit: 20 },
} as const;

/**
 * Counts a password-reset request for this email from this address; seconds to wait when either is over its limit,
 * else 0. Unknown emails count like known ones, so a refusal tells nothing about who has an account.
 */
export async function countPasswordResetRequest(db: DbClient, email: string, address: string, now = new Date()): Promise<number> {
  const byEmail = `reset:${normalEmail(email)}`;
  const byAddress = `reset-ip:${address}`;
  const counters = await countEvent(
    db,
    [
      { key: byEmail, windowMinutes: RESET_THROTTLE.email.windowMinutes },
      { key: byAddress, windowMinutes: RESET_THROTTLE.address.windowMinutes },
    ],
    now,
  );
  return Math.max(refusal(counters.get(byEmail), RESET_THROTTLE.email.limit, now, true), refusal(counters.get(byAddress), RESET_THROTTLE.address.limit, now, true));
}

/** A password was set from a mail link: the account's failed sign-ins are forgotten, so its owner can sign in now. */
export async function forgetSignInFailures(db: DbClient, email: string): Promise<void> {
  const account = accountKey(email);
  await db.throttleCounter.deleteMany({ where: { OR: [{ key: account }, { key: { startsWith: `${account}|` } }] } });
}
