// The signed-in person's own account (docs/decisions/0015): profile, email and password. Each function takes the
// guard's user and touches only that user's row; each change is audited in its transaction.
// - The email changes only when the link mailed to the NEW address is opened by the signed-in owner, so a mistyped
//   address's holder cannot take the account over; the old address is told once it is done.
// - Changing the email or the password needs the current password, checked under the sign-in throttle.
// - A new password ends every session (the "User_end_sessions" trigger, docs/decisions/0011); the page signs the
//   person in again with it, so only their other sessions stay ended.
import { writeAudit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/guards";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { beginSignInAttempt, signInSucceeded } from "@/lib/auth/throttle";
import { consumeToken, issueToken, peekToken } from "@/lib/auth/tokens";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Db, DbClient } from "@/lib/db/prisma";
import { ConflictError, GoneError, NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/outbox";
import { getClinicSettings } from "@/lib/settings";
import type { EmailChangeInput, PasswordChangeInput, ProfileInput } from "@/lib/validation/account";
import { dateToDay, dayToDate } from "@/lib/validation/staff";
import { emailChangedNotice, emailChangeMail } from "./mail";
import { queuePasswordChangedNotice } from "./password-reset";
import type { AccountContext } from "./password-reset";

const NOT_CURRENT_PASSWORD = "That is not your current password.";
export const EMAIL_TAKEN = "Another account uses this email address. Choose another one.";

export interface Profile {
  name: string;
  email: string;
  phone: string;
  /** "YYYY-MM-DD", or "" when not given. */
  dateOfBirth: string;
  /** Only patients give a date of birth (the physician reviewing a clearance sees their age). */
  asksDateOfBirth: boolean;
  /** The address waiting to be confirmed, if a change is under way. */
  pendingEmail: string | null;
}

export async function getProfile(db: DbClient, user: CurrentUser, now = new Date()): Promise<Profile> {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, email: true, phone: true, dateOfBirth: true, role: true } });
  const pending = await db.userToken.findFirst({
    where: { userId: user.id, purpose: "EMAIL_CHANGE", usedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { newEmail: true },
  });
  return {
    name: row.name,
    email: row.email,
    phone: row.phone ?? "",
    dateOfBirth: row.dateOfBirth ? dateToDay(row.dateOfBirth) : "",
    asksDateOfBirth: row.role === "PATIENT",
    pendingEmail: pending?.newEmail ?? null,
  };
}

/** Name, phone and (patients) date of birth. The audit names the fields changed, not their values. */
export async function updateProfile(db: Db, user: CurrentUser, input: ProfileInput, context: Omit<AccountContext, "appUrl">): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, phone: true, dateOfBirth: true, role: true } });
    const after = {
      name: input.name,
      phone: input.phone === "" ? null : input.phone,
      dateOfBirth: before.role !== "PATIENT" || input.dateOfBirth === "" ? null : dayToDate(input.dateOfBirth),
    };
    const changed = [
      before.name !== after.name && "name",
      before.phone !== after.phone && "phone",
      (before.dateOfBirth?.getTime() ?? null) !== (after.dateOfBirth?.getTime() ?? null) && "dateOfBirth",
    ].filter((field): field is string => Boolean(field));
    if (changed.length === 0) return;
    await tx.user.update({ where: { id: user.id }, data: after });
    await writeAudit(tx, { actor: { id: user.id, role: user.role }, action: "account.profile_updated", entityType: "User", entityId: user.id, details: { changed }, ipAddress: context.ipAddress });
  });
}

/** The current password, checked like a sign-in (counted, slowed, refused past the limits). */
async function checkCurrentPassword(db: Db, user: CurrentUser, password: string, ipAddress: string): Promise<void> {
  const gate = await beginSignInAttempt(db, user.email, ipAddress);
  if (gate.retryAfterSeconds > 0) throw new RateLimitedError(gate.retryAfterSeconds);
  if (gate.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, gate.delayMs));
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(row.passwordHash, password))) throw new ValidationError(NOT_CURRENT_PASSWORD, { currentPassword: NOT_CURRENT_PASSWORD });
  await signInSucceeded(db, user.email, ipAddress);
}

/** Stores a new password; every session of the user ends (the caller signs this one in again). */
export async function changePassword(db: Db, user: CurrentUser, input: PasswordChangeInput, context: Omit<AccountContext, "appUrl">): Promise<void> {
  const ipAddress = context.ipAddress ?? "unknown";
  await checkCurrentPassword(db, user, input.currentPassword, ipAddress);
  if (input.newPassword === input.currentPassword) {
    throw new ValidationError("Choose a new password.", { newPassword: "Choose a password different from your current one." });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: user.id }, data: { passwordHash }, select: { sessionVersion: true, name: true, email: true } });
    // A reset link mailed before the change would undo it: it stops working.
    await tx.userToken.updateMany({ where: { userId: user.id, purpose: "PASSWORD_RESET", usedAt: null }, data: { usedAt: context.now ?? new Date() } });
    await queuePasswordChangedNotice(tx, updated, "changed", context.now ?? new Date());
    await writeAudit(tx, {
      actor: { id: user.id, role: user.role },
      action: "password.changed",
      entityType: "User",
      entityId: user.id,
      details: { sessionsEnded: true, sessionVersion: updated.sessionVersion },
      ipAddress,
    });
  });
}

/** Mails a confirmation link to the new address; nothing changes until it is opened. */
export async function requestEmailChange(db: Db, user: CurrentUser, input: EmailChangeInput, context: AccountContext): Promise<{ expiresAt: Date }> {
  if (input.newEmail === user.email) throw new ValidationError("That is your email already.", { newEmail: "This is the address you sign in with now." });
  await checkCurrentPassword(db, user, input.currentPassword, context.ipAddress ?? "unknown");
  const taken = await db.user.findUnique({ where: { email: input.newEmail }, select: { id: true } });
  if (taken) throw new ValidationError(EMAIL_TAKEN, { newEmail: EMAIL_TAKEN });
  return db.$transaction(async (tx) => {
    const issued = await issueToken(tx, { userId: user.id, purpose: "EMAIL_CHANGE", newEmail: input.newEmail, now: context.now });
    const settings = await getClinicSettings(tx);
    await enqueueMail(
      tx,
      emailChangeMail({
        name: user.name,
        newEmail: input.newEmail,
        link: emailConfirmLink(context.appUrl, issued.token),
        expiresAt: issued.expiresAt,
        clinicName: settings.clinicName,
        timeZone: settings.timeZone,
      }),
    );
    await writeAudit(tx, {
      actor: { id: user.id, role: user.role },
      action: "account.email_change_requested",
      entityType: "User",
      entityId: user.id,
      details: { expiresAt: issued.expiresAt.toISOString() },
      ipAddress: context.ipAddress,
    });
    return { expiresAt: issued.expiresAt };
  });
}

const EMAIL_LINK_GONE = {
  used: "This link has been used already: if your email changed, sign in with the new one.",
  expired: "This link has expired. Ask for the change again on your account page.",
  unknown: "This link does not work: it was replaced by a newer mail, or it is incomplete. Use the newest mail, or ask for the change again.",
} as const;

function emailLinkGone(reason: keyof typeof EMAIL_LINK_GONE): GoneError {
  return new GoneError(`token_${reason}`, EMAIL_LINK_GONE[reason]);
}

/** For the confirmation page: the address the link would confirm, or why it no longer works (nothing is used). */
export async function peekEmailChange(db: DbClient, token: string, now = new Date()): Promise<{ ok: true; newEmail: string } | { ok: false; message: string }> {
  const seen = await peekToken(db, { token, purpose: "EMAIL_CHANGE", now });
  if (!seen.ok) return { ok: false, message: EMAIL_LINK_GONE[seen.reason] };
  return seen.newEmail ? { ok: true, newEmail: seen.newEmail } : { ok: false, message: EMAIL_LINK_GONE.unknown };
}

export function emailConfirmLink(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, "")}/account/email?token=${encodeURIComponent(token)}`;
}

/**
 * The signed-in owner opened the link: the email becomes the new one, reset links sent to the old one stop working,
 * and the old address is told. Another account's link is not found (and stays unused); a used or expired one is gone.
 */
export async function confirmEmailChange(db: Db, user: CurrentUser, token: string, context: Omit<AccountContext, "appUrl">): Promise<{ email: string }> {
  const now = context.now ?? new Date();
  try {
    return await db.$transaction(async (tx) => {
      const used = await consumeToken(tx, { token, purpose: "EMAIL_CHANGE", now });
      if (!used.ok) throw emailLinkGone(used.reason);
      if (used.userId !== user.id || !used.newEmail) throw new NotFoundError("This link belongs to another account. Sign in with the account that asked for the change.");
      const before = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true, name: true } });
      await tx.user.update({ where: { id: user.id }, data: { email: used.newEmail } });
      await tx.userToken.updateMany({ where: { userId: user.id, purpose: { in: ["PASSWORD_RESET", "EMAIL_CHANGE"] }, usedAt: null }, data: { usedAt: now } });
      const settings = await getClinicSettings(tx);
      await enqueueMail(tx, emailChangedNotice({ name: before.name, oldEmail: before.email, newEmail: used.newEmail, clinicName: settings.clinicName, timeZone: settings.timeZone }));
      await writeAudit(tx, {
        actor: { id: user.id, role: user.role },
        action: "account.email_changed",
        entityType: "User",
        entityId: user.id,
        details: { from: before.email, to: used.newEmail },
        ipAddress: context.ipAddress,
      });
      return { email: used.newEmail };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("email_in_use", EMAIL_TAKEN);
    throw error;
  }
}
