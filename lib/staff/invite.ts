// Staff accounts are made by the clinic, never by the person (ADR 0017): the account starts with a password
// hash that no password matches, and an INVITATION token whose link (/password/set?token=…) lets its owner
// choose the first password. The mail is queued in the transaction that makes the account.
import { randomBytes } from "node:crypto";
import { issueToken } from "@/lib/auth/tokens";
import { isUniqueViolation } from "@/lib/db/errors";
import type { DbClient } from "@/lib/db/prisma";
import { ConflictError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { enqueueMail } from "@/lib/mail/outbox";
import { getClinicSettings } from "@/lib/settings";
import { invitationMail } from "./mail";

/**
 * Not an argon2 string, so verifyPassword answers false for every password (it never throws to its caller:
 * lib/auth/password.ts), and sign-in fails like a wrong password until the invitation is used.
 */
const UNSET_PREFIX = "!unset:";
export const unusablePasswordHash = () => `${UNSET_PREFIX}${randomBytes(24).toString("base64url")}`;
/** Whether the account still waits for its first password (the invitation has not been used). */
export const isPasswordUnset = (passwordHash: string) => passwordHash.startsWith(UNSET_PREFIX);

export const STAFF_EMAIL_IN_USE = "An account with this email already exists. Use another email.";

export function emailInUse(): ConflictError {
  const conflict = new ConflictError("email_in_use", STAFF_EMAIL_IN_USE);
  conflict.fields = { email: STAFF_EMAIL_IN_USE };
  return conflict;
}

/** Runs the work; a unique violation on the email (two admins adding one person at once) becomes 409 email_in_use. */
export async function withEmailConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw emailInUse();
    throw error;
  }
}

/** The set-password page's address for a token: the one link shape every invitation and reset uses. */
export function setPasswordLink(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, "")}/password/set?token=${encodeURIComponent(token)}`;
}

/** A new account of a staff role with no usable password. Refuses an email already in use (409). */
export async function createStaffUser(tx: DbClient, input: { name: string; email: string; role: Role }) {
  const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (taken) throw emailInUse();
  return tx.user.create({
    data: { name: input.name, email: input.email, role: input.role, passwordHash: unusablePasswordHash() },
    select: { id: true, name: true, email: true, role: true },
  });
}

export interface Invitation {
  link: string;
  expiresAt: Date;
}

/** Issues a fresh INVITATION token (earlier ones stop working) and queues the mail with its link. */
export async function sendInvitation(
  tx: DbClient,
  user: { id: string; name: string; email: string; role: Role },
  options: { appUrl: string; now?: Date },
): Promise<Invitation> {
  const issued = await issueToken(tx, { userId: user.id, purpose: "INVITATION", now: options.now });
  const settings = await getClinicSettings(tx);
  const link = setPasswordLink(options.appUrl, issued.token);
  await enqueueMail(
    tx,
    invitationMail({ name: user.name, email: user.email, role: user.role, link, expiresAt: issued.expiresAt, clinicName: settings.clinicName, timeZone: settings.timeZone }),
  );
  return { link, expiresAt: issued.expiresAt };
}
