// Failed sign-ins are counted per account (email) and per address, in the
// database so the count holds across app instances. Past a few failures each
// attempt is slowed; past the limit it is refused for a while. Unknown emails
// count exactly like known ones, so the answers never reveal who has an account.
import type { DbClient } from "@/lib/db/prisma";

export const THROTTLE = {
  windowMinutes: 15,
  /** Failures per email before each further attempt is slowed. */
  slowAfter: 3,
  /** Failures per email in the window before attempts are refused. */
  emailLimit: 8,
  /** Failures per address in the window before attempts are refused (many accounts from one place). */
  addressLimit: 40,
  maxDelayMs: 3_000,
} as const;

export interface SignInGate {
  /** Seconds until a refused attempt may be tried again; 0 when allowed. */
  retryAfterSeconds: number;
  /** How long to slow this attempt down. */
  delayMs: number;
}

const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `ip:${address}`;

async function failuresSince(db: DbClient, key: string, since: Date): Promise<Date[]> {
  const rows = await db.signInAttempt.findMany({
    where: { key, at: { gt: since } },
    select: { at: true },
    orderBy: { at: "asc" },
  });
  return rows.map((row) => row.at);
}

function refusedFor(failures: Date[], limit: number, now: Date): number {
  if (failures.length < limit) return 0;
  // Allowed again once enough of the oldest failures have left the window.
  const freeingFailure = failures[failures.length - limit];
  if (!freeingFailure) return 0;
  const freedAt = freeingFailure.getTime() + THROTTLE.windowMinutes * 60_000;
  return Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000));
}

export async function checkSignInGate(db: DbClient, email: string, address: string, now = new Date()): Promise<SignInGate> {
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const [byEmail, byAddress] = await Promise.all([
    failuresSince(db, emailKey(email), since),
    failuresSince(db, addressKey(address), since),
  ]);
  const retryAfterSeconds = Math.max(
    refusedFor(byEmail, THROTTLE.emailLimit, now),
    refusedFor(byAddress, THROTTLE.addressLimit, now),
  );
  const over = byEmail.length - THROTTLE.slowAfter;
  const delayMs = over < 0 ? 0 : Math.min(THROTTLE.maxDelayMs, 250 * 2 ** over);
  return { retryAfterSeconds, delayMs };
}

export async function recordSignInFailure(db: DbClient, email: string, address: string, now = new Date()): Promise<void> {
  const expired = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  await db.signInAttempt.deleteMany({ where: { at: { lt: expired } } });
  await db.signInAttempt.createMany({
    data: [
      { key: emailKey(email), at: now },
      { key: addressKey(address), at: now },
    ],
  });
}

export async function clearSignInFailures(db: DbClient, email: string): Promise<void> {
  await db.signInAttempt.deleteMany({ where: { key: emailKey(email) } });
}

/** The caller's address as the nearest proxy reports it; "unknown" when there is none. */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
