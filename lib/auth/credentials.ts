// Checks an email and password, with throttling. Used by next-auth's
// Credentials provider; plain arguments so tests call it directly.
import type { DbClient } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { signInSchema } from "@/lib/validation/auth";
import { dummyPasswordHash, verifyPassword } from "./password";
import { beginSignInAttempt, signInSucceeded } from "./throttle";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Carried into the session cookie: bumping it ends the session (lib/auth/sessions.ts). */
  sessionVersion: number;
}

export type CredentialsResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function checkCredentials(db: DbClient, input: unknown, address: string): Promise<CredentialsResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  // Counted before the password is checked, so parallel guesses cannot all pass (lib/auth/throttle.ts).
  const gate = await beginSignInAttempt(db, email, address);
  if (gate.retryAfterSeconds > 0) return { ok: false, reason: "rate_limited", retryAfterSeconds: gate.retryAfterSeconds };
  if (gate.delayMs > 0) await sleep(gate.delayMs);

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, sessionVersion: true, deactivatedAt: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  // A deactivated account answers like a wrong password: nothing tells whether it exists.
  if (!user || !valid || user.deactivatedAt) return { ok: false, reason: "invalid" };
  await signInSucceeded(db, email, address);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}
