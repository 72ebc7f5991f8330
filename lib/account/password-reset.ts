// Getting back into an account by mail (docs/decisions/0015).
// - A request answers the same whether or not the email has an account, and does about the same work either way
//   (the throttle's counts, one lookup, one short transaction); the mail itself leaves later, from the outbox.
// - Requests are throttled per email and per client address (lib/auth/throttle.ts): 429, unknown emails included.
// - The link (/password/set?token=…) is single-use and lasts 30 minutes (lib/auth/tokens.ts). The same page and the
//   same function take a staff invitation's link: both set a password from a token.
// - Setting the password ends every session of the user: the database's "User_end_sessions" trigger bumps
//   sessionVersion whenever passwordHash changes (docs/decisions/0011).
import { randomBytes } from "node:crypto";
import { writeAudit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { countPasswordResetRequest, forgetSignInFailures } from "@/lib/auth/throttle";
import { consumeToken, hashToken, issueToken, peekToken } from "@/lib/auth/tokens";
import type { Db, DbClient } from "@/lib/db/prisma";
import { GoneError, RateLimitedError } from "@/lib/errors";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";
import { enqueueMail } from "@/lib/mail/outbox";
import { getClinicSettings } from "@/lib/settings";
import { setPasswordLink } from "@/lib/staff/invite";
import { passwordChangedNotice, passwordResetMail } from "./mail";

/** What the forgot-password page and the API say to every request that is not throttled. */
export const RESET_REQUESTED_MESSAGE =
  "If an account uses this email address, a link to choose a new password is on its way. It works once, for 30 minutes. Check your spam folder if nothing arrives.";

export interface AccountContext {
  appUrl: string;
  ipAddress?: string;
  now?: Date;
}

/** Throttled (429), then: a known, active account gets a reset link by mail; anyone else gets the same silence. */
export async function requestPasswordReset(db: Db, email: string, context: AccountContext): Promise<void> {
  const now = context.now ?? new Date();
  const retryAfterSeconds = await countPasswordResetRequest(db, email, context.ipAddress ?? "unknown", now);
  if (retryAfterSeconds > 0) throw new RateLimitedError(retryAfterSeconds);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, role: true, deactivatedAt: true } });
  if (!user || user.deactivatedAt) {
    // The same shape of work as issuing a token, matching nothing: the answer's timing says nothing either.
    const tokenHash = hashToken(randomBytes(32).toString("base64url"));
    await db.$transaction(async (tx) => {
      await tx.userToken.updateMany({ where: { tokenHash, usedAt: null }, data: { usedAt: now } });
      await tx.userToken.findUnique({ where: { tokenHash }, select: { id: true } });
    });
    return;
  }
  await db.$transaction(async (tx) => {
    const issued = await issueToken(tx, { userId: user.id, purpose: "PASSWORD_RESET", now });
    const settings = await getClinicSettings(tx);
    await enqueueMail(
      tx,
      passwordResetMail({
        name: user.name,
        email: user.email,
        link: setPasswordLink(context.appUrl, issued.token),
        expiresAt: issued.expiresAt,
        clinicName: settings.clinicName,
        timeZone: settings.timeZone,
      }),
    );
    await writeAudit(tx, {
      actor: null,
      action: "password.reset_requested",
      entityType: "User",
      entityId: user.id,
      details: { expiresAt: issued.expiresAt.toISOString() },
      ipAddress: context.ipAddress,
    });
  });
}

/** The two kinds of link that set a password, tried in this order. */
export const SET_PASSWORD_PURPOSES: readonly TokenPurpose[] = ["PASSWORD_RESET", "INVITATION"];

const GONE: Record<"used" | "expired" | "unknown", GoneError> = {
  used: new GoneError("token_used", "This link has been used already. Ask for a new one on the sign-in page (Forgot your password?)."),
  expired: new GoneError("token_expired", "This link has expired. Ask for a new one on the sign-in page (Forgot your password?)."),
  unknown: new GoneError("token_unknown", "This link does not work: it was replaced by a newer mail, or it is incomplete. Use the newest mail, or ask for a new link."),
};

export function tokenGone(reason: "used" | "expired" | "unknown"): GoneError {
  const template = GONE[reason];
  return new GoneError(template.code, template.message);
}

/** For the page: whether a set-password link still works (without using it), and whose it is. */
export async function peekSetPasswordToken(db: DbClient, token: string, now = new Date()) {
  let last: Awaited<ReturnType<typeof peekToken>> = { ok: false, reason: "unknown" };
  for (const purpose of SET_PASSWORD_PURPOSES) {
    const seen = await peekToken(db, { token, purpose, now });
    if (seen.ok) return { ...seen, purpose };
    if (seen.reason !== "unknown") last = seen;
  }
  return last;
}

/**
 * Uses a reset or invitation link once and stores the new password, in one transaction: a failure leaves the link
 * usable. Every other open reset or invitation link of the user stops working, their sessions end (the trigger), and
 * their failed sign-ins are forgotten. Throws GoneError (410) for a used, expired or unknown link.
 */
export async function setPasswordWithToken(
  db: Db,
  input: { token: string; password: string },
  context: Omit<AccountContext, "appUrl">,
): Promise<{ userId: string; email: string; purpose: TokenPurpose }> {
  const now = context.now ?? new Date();
  const passwordHash = await hashPassword(input.password);
  const result = await db.$transaction(async (tx) => {
    let reason: "used" | "expired" | "unknown" = "unknown";
    for (const purpose of SET_PASSWORD_PURPOSES) {
      const used = await consumeToken(tx, { token: input.token, purpose, now });
      if (!used.ok) {
        if (used.reason !== "unknown") reason = used.reason;
        continue;
      }
      const user = await tx.user.findUnique({ where: { id: used.userId }, select: { deactivatedAt: true } });
      if (!user || user.deactivatedAt) throw tokenGone("unknown");
      const updated = await tx.user.update({
        where: { id: used.userId },
        data: { passwordHash },
        select: { id: true, email: true, name: true, role: true, sessionVersion: true },
      });
      await tx.userToken.updateMany({
        where: { userId: updated.id, purpose: { in: [...SET_PASSWORD_PURPOSES] }, usedAt: null },
        data: { usedAt: now },
      });
      await writeAudit(tx, {
        actor: { id: updated.id, role: updated.role },
        action: purpose === "INVITATION" ? "password.set_from_invitation" : "password.reset",
        entityType: "User",
        entityId: updated.id,
        details: { sessionsEnded: true, sessionVersion: updated.sessionVersion },
        ipAddress: context.ipAddress,
      });
      // A staff member choosing their first password needs no warning; a reset does.
      if (purpose === "PASSWORD_RESET") await queuePasswordChangedNotice(tx, updated, "reset", now);
      return { userId: updated.id, email: updated.email, purpose };
    }
    throw tokenGone(reason);
  });
  await forgetSignInFailures(db, result.email);
  return result;
}

/** Tells the account's address that its password changed (a reset or a change on the account page), in the caller's transaction. */
export async function queuePasswordChangedNotice(tx: DbClient, user: { name: string; email: string }, how: "reset" | "changed", at: Date): Promise<void> {
  const settings = await getClinicSettings(tx);
  await enqueueMail(tx, passwordChangedNotice({ name: user.name, email: user.email, how, at, clinicName: settings.clinicName, timeZone: settings.timeZone }));
}
