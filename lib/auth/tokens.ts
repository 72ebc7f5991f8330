// Single-use links sent by mail (docs/decisions/0015): a password reset, the
// invitation that lets new staff set their first password, the confirmation of
// a new email address. The link carries 32 random bytes; only their SHA-256 is
// stored, so a copy of the database opens no account. Using a token is one
// conditional UPDATE: two clicks on one link, on two instances, use it once.
import { createHash, randomBytes } from "node:crypto";
import type { DbClient } from "@/lib/db/prisma";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";

/** How long each kind of link stays usable. */
export const TOKEN_LIFETIME_MINUTES: Record<TokenPurpose, number> = {
  PASSWORD_RESET: 30,
  INVITATION: 7 * 24 * 60,
  EMAIL_CHANGE: 24 * 60,
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface IssuedToken {
  id: string;
  /** The secret for the link: shown once, never stored. */
  token: string;
  expiresAt: Date;
}

/**
 * Issues a new token for a user and purpose; earlier unused ones of the same purpose stop working,
 * so only the newest mail's link opens.
 */
export async function issueToken(
  db: DbClient,
  input: { userId: string; purpose: TokenPurpose; newEmail?: string; now?: Date },
): Promise<IssuedToken> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MINUTES[input.purpose] * 60_000);
  await db.userToken.updateMany({
    where: { userId: input.userId, purpose: input.purpose, usedAt: null },
    data: { usedAt: now },
  });
  const row = await db.userToken.create({
    data: { userId: input.userId, purpose: input.purpose, tokenHash: hashToken(token), newEmail: input.newEmail, expiresAt },
    select: { id: true },
  });
  return { id: row.id, token, expiresAt };
}

export type ConsumedToken = { ok: true; userId: string; newEmail: string | null } | { ok: false; reason: "unknown" | "used" | "expired" };

/**
 * Uses a token once: the first caller gets the user; every later one, and any caller after expiry, does not.
 * Call inside the transaction that does what the token allows, so a failure there leaves the token unused.
 */
export async function consumeToken(
  db: DbClient,
  input: { token: string; purpose: TokenPurpose; now?: Date },
): Promise<ConsumedToken> {
  const now = input.now ?? new Date();
  const tokenHash = hashToken(input.token);
  const used = await db.userToken.updateManyAndReturn({
    where: { tokenHash, purpose: input.purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
    select: { userId: true, newEmail: true },
  });
  if (used[0]) return { ok: true, userId: used[0].userId, newEmail: used[0].newEmail };
  const row = await db.userToken.findUnique({ where: { tokenHash }, select: { purpose: true, usedAt: true, expiresAt: true } });
  if (!row || row.purpose !== input.purpose) return { ok: false, reason: "unknown" };
  return { ok: false, reason: row.usedAt ? "used" : "expired" };
}

/** Reads a token without using it, so a page can say "this link has expired" before the person types a password. */
export async function peekToken(db: DbClient, input: { token: string; purpose: TokenPurpose; now?: Date }) {
  const now = input.now ?? new Date();
  const row = await db.userToken.findUnique({
    where: { tokenHash: hashToken(input.token) },
    select: { purpose: true, usedAt: true, expiresAt: true, newEmail: true, user: { select: { email: true, name: true } } },
  });
  if (!row || row.purpose !== input.purpose) return { ok: false as const, reason: "unknown" as const };
  if (row.usedAt) return { ok: false as const, reason: "used" as const };
  if (row.expiresAt <= now) return { ok: false as const, reason: "expired" as const };
  return { ok: true as const, email: row.user.email, name: row.user.name, newEmail: row.newEmail };
}
