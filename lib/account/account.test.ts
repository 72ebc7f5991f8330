// The account on a real database (docs/decisions/0015): the reset by mail (same answer for an unknown email,
// single use, 30 minutes on a frozen clock, sessions ended, throttled), links from invitations, the email change
// confirmed from the new address, the password change and the profile.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { userForSession } from "@/lib/auth/sessions";
import { RESET_THROTTLE, THROTTLE } from "@/lib/auth/throttle";
import { issueToken } from "@/lib/auth/tokens";
import type { CurrentUser } from "@/lib/auth/guards";
import { GoneError, NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { profileSchema } from "@/lib/validation/account";
import { useTestDatabase } from "@/test/db";
import { createPatient, TEST_PASSWORD } from "@/test/fixtures";
import { requestPasswordReset, setPasswordWithToken } from "./password-reset";
import { changePassword, confirmEmailChange, getProfile, requestEmailChange, updateProfile } from "./profile";

const t = useTestDatabase();
const NOW = new Date("2026-12-03T10:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const APP = "https://clinic.example";
const NEW_PASSWORD = "a walk along the dunes";
/** Each test asks from its own address, so the per-address throttle of one test never reaches another. */
const address = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

const mailsTo = (to: string) => t.db.outboxMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
/** The token of the newest mail's link of this shape. */
async function linkToken(to: string, path: string): Promise<string> {
  const mails = await mailsTo(to);
  const text = mails.at(-1)?.text ?? "";
  const match = new RegExp(`${APP}${path}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in the mail to ${to}: ${text}`);
  return match[1]!;
}
const current = (user: { id: string; email: string; name: string; role: CurrentUser["role"] }): CurrentUser => ({ id: user.id, email: user.email, name: user.name, role: user.role });
const claims = (user: { id: string; sessionVersion: number }) => ({ uid: user.id, sv: user.sessionVersion, seen: Math.floor(NOW.getTime() / 1000) });
const SESSION = { now: NOW, idleMinutes: 30 };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

afterEach(() => {
  vi.useRealTimers();
});

describe("password reset by mail", () => {
  it("mails a single-use link to a known email; the new password works and the old one does not", async () => {
    const patient = await createPatient(t.db);
    const ip = address();
    await requestPasswordReset(t.db, patient.email, { appUrl: APP, ipAddress: ip, now: NOW });
    const [mail] = await mailsTo(patient.email);
    expect(mail?.subject).toContain("Choose a new password");
    expect(mail?.text).not.toContain(TEST_PASSWORD);
    const token = await linkToken(patient.email, "/password/set");

    await setPasswordWithToken(t.db, { token, password: NEW_PASSWORD }, { ipAddress: ip, now: later(5) });
    expect(await checkCredentials(t.db, { email: patient.email, password: NEW_PASSWORD }, ip)).toMatchObject({ ok: true });
    // The address is told, in case it was not its owner who reset it.
    const notice = (await mailsTo(patient.email)).at(-1);
    expect(notice?.subject).toContain("Your password for");
    expect(notice?.text).toContain("was reset through a link we mailed you");
    expect(notice?.text).toContain("Forgot your password?");
    expect(notice?.text).not.toContain(NEW_PASSWORD);
    expect(await checkCredentials(t.db, { email: patient.email, password: TEST_PASSWORD }, ip)).toEqual({ ok: false, reason: "invalid" });

    const again = await rejection(setPasswordWithToken(t.db, { token, password: "yet another long password" }, { now: later(6) }));
    expect(again).toBeInstanceOf(GoneError);
    expect(again).toMatchObject({ status: 410, code: "token_used" });
    expect(await checkCredentials(t.db, { email: patient.email, password: NEW_PASSWORD }, ip)).toMatchObject({ ok: true });
  });

  it("gives an unknown or deactivated email the same answer, and sends nothing", async () => {
    const unknown = `nobody-${randomUUID()}@example.test`;
    await expect(requestPasswordReset(t.db, unknown, { appUrl: APP, ipAddress: address(), now: NOW })).resolves.toBeUndefined();
    expect(await mailsTo(unknown)).toEqual([]);

    const gone = await createPatient(t.db);
    await t.db.user.update({ where: { id: gone.id }, data: { deactivatedAt: NOW } });
    await expect(requestPasswordReset(t.db, gone.email, { appUrl: APP, ipAddress: address(), now: NOW })).resolves.toBeUndefined();
    expect(await mailsTo(gone.email)).toEqual([]);
    expect(await t.db.userToken.count({ where: { userId: gone.id } })).toBe(0);
  });

  it("the link expires after 30 minutes on the clock", async () => {
    const patient = await createPatient(t.db);
    await requestPasswordReset(t.db, patient.email, { appUrl: APP, ipAddress: address(), now: NOW });
    const token = await linkToken(patient.email, "/password/set");
    const expired = await rejection(setPasswordWithToken(t.db, { token, password: NEW_PASSWORD }, { now: later(30) }));
    expect(expired).toMatchObject({ status: 410, code: "token_expired" });
    // Refused without using it: a moment before expiry it still works.
    await expect(setPasswordWithToken(t.db, { token, password: NEW_PASSWORD }, { now: later(29) })).resolves.toMatchObject({ purpose: "PASSWORD_RESET" });
  });

  it("a made-up token is gone too, and a newer mail replaces the older link", async () => {
    expect(await rejection(setPasswordWithToken(t.db, { token: "made-up-token", password: NEW_PASSWORD }, { now: NOW }))).toMatchObject({ code: "token_unknown" });
    const patient = await createPatient(t.db);
    await requestPasswordReset(t.db, patient.email, { appUrl: APP, ipAddress: address(), now: NOW });
    const first = await linkToken(patient.email, "/password/set");
    await requestPasswordReset(t.db, patient.email, { appUrl: APP, ipAddress: address(), now: later(1) });
    const second = await linkToken(patient.email, "/password/set");
    expect(second).not.toBe(first);
    expect(await rejection(setPasswordWithToken(t.db, { token: first, password: NEW_PASSWORD }, { now: later(2) }))).toMatchObject({ code: "token_used" });
    await expect(setPasswordWithToken(t.db, { token: second, password: NEW_PASSWORD }, { now: later(2) })).resolves.toMatchObject({ userId: patient.id });
  });

  it("ends every session of the user, and forgets their failed sign-ins", async () => {
    const patient = await createPatient(t.db);
    const ip = address();
    const before = await t.db.user.findUniqueOrThrow({ where: { id: patient.id } });
    expect(await userForSession(t.db, claims(before), SESSION)).not.toBeNull();
    // Ten failures from this address so far (lib/auth/throttle.ts's pair counter, written as it would be).
    await t.db.throttleCounter.create({ data: { key: `signin:${patient.email}|${ip}`, count: THROTTLE.pair.limit, expiresAt: new Date(Date.now() + 15 * 60_000) } });
    expect(await checkCredentials(t.db, { email: patient.email, password: TEST_PASSWORD }, ip)).toMatchObject({ reason: "rate_limited" });

    await requestPasswordReset(t.db, patient.email, { appUrl: APP, ipAddress: ip, now: NOW });
    await setPasswordWithToken(t.db, { token: await linkToken(patient.email, "/password/set"), password: NEW_PASSWORD }, { now: later(1) });

    expect(await userForSession(t.db, claims(before), SESSION)).toBeNull();
    const after = await t.db.user.findUniqueOrThrow({ where: { id: patient.id } });
    expect(after.sessionVersion).toBeGreaterThan(before.sessionVersion);
    expect(await checkCredentials(t.db, { email: patient.email, password: NEW_PASSWORD }, ip)).toMatchObject({ ok: true });
    const audit = await t.db.auditEntry.findMany({ where: { entityId: patient.id }, select: { action: true } });
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(["password.reset_requested", "password.reset"]));
  });

  it("throttles requests per email, known or not, and per client address", async () => {
    for (const email of [(await createPatient(t.db)).email, `nobody-${randomUUID()}@example.test`]) {
      for (let i = 0; i < RESET_THROTTLE.email.limit; i++) await requestPasswordReset(t.db, email, { appUrl: APP, ipAddress: address(), now: later(i) });
      const refused = await rejection(requestPasswordReset(t.db, email, { appUrl: APP, ipAddress: address(), now: later(10) }));
      expect(refused).toBeInstanceOf(RateLimitedError);
      expect(refused).toMatchObject({ status: 429 });
      // The window passes: asked again, answered again.
      await expect(requestPasswordReset(t.db, email, { appUrl: APP, ipAddress: address(), now: later(61) })).resolves.toBeUndefined();
    }
    const ip = address();
    for (let i = 0; i < RESET_THROTTLE.address.limit; i++) {
      await requestPasswordReset(t.db, `sprayed-${randomUUID()}@example.test`, { appUrl: APP, ipAddress: ip, now: NOW });
    }
    expect(await rejection(requestPasswordReset(t.db, `sprayed-${randomUUID()}@example.test`, { appUrl: APP, ipAddress: ip, now: NOW }))).toBeInstanceOf(RateLimitedError);
  });

  it("sets a staff member's first password from an invitation link the same way", async () => {
    const staff = await t.db.user.create({ data: { email: `staff-${randomUUID()}@example.test`, name: "New Therapist", role: "THERAPIST", passwordHash: "!unset:x" } });
    const invitation = await issueToken(t.db, { userId: staff.id, purpose: "INVITATION", now: NOW });
    await expect(setPasswordWithToken(t.db, { token: invitation.token, password: NEW_PASSWORD }, { now: later(60) })).resolves.toMatchObject({ purpose: "INVITATION" });
    expect(await checkCredentials(t.db, { email: staff.email, password: NEW_PASSWORD }, address())).toMatchObject({ ok: true });
    // Choosing a first password is no change to warn about.
    expect(await mailsTo(staff.email)).toEqual([]);
    expect(await rejection(setPasswordWithToken(t.db, { token: invitation.token, password: NEW_PASSWORD }, { now: later(61) }))).toMatchObject({ code: "token_used" });
  });
});

describe("changing the email", () => {
  it("mails the new address; changes on the owner's confirmation only; tells the old address", async () => {
    const patient = await createPatient(t.db);
    const stranger = await createPatient(t.db);
    const newEmail = `moved-${randomUUID()}@example.test`;
    const me = current(patient);

    expect(await rejection(requestEmailChange(t.db, me, { newEmail, currentPassword: "not my password" }, { appUrl: APP, ipAddress: address(), now: NOW }))).toMatchObject({
      fields: { currentPassword: "That is not your current password." },
    });
    expect(await rejection(requestEmailChange(t.db, me, { newEmail: stranger.email, currentPassword: TEST_PASSWORD }, { appUrl: APP, ipAddress: address(), now: NOW }))).toBeInstanceOf(ValidationError);

    await requestEmailChange(t.db, me, { newEmail, currentPassword: TEST_PASSWORD }, { appUrl: APP, ipAddress: address(), now: NOW });
    const token = await linkToken(newEmail, "/account/email");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: patient.id } })).email).toBe(patient.email);
    expect((await getProfile(t.db, me, later(1))).pendingEmail).toBe(newEmail);

    // Someone else signed in who opens the link changes nothing, and the link stays usable for its owner.
    expect(await rejection(confirmEmailChange(t.db, current(stranger), token, { now: later(2) }))).toBeInstanceOf(NotFoundError);
    await expect(confirmEmailChange(t.db, me, token, { now: later(3) })).resolves.toEqual({ email: newEmail });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: patient.id } })).email).toBe(newEmail);
    const [notice] = await mailsTo(patient.email);
    expect(notice?.subject).toContain("has changed");
    expect(notice?.text).toContain(newEmail);
    expect(await rejection(confirmEmailChange(t.db, me, token, { now: later(4) }))).toMatchObject({ status: 410, code: "token_used" });
  });

  it("the confirmation link expires after 24 hours", async () => {
    const patient = await createPatient(t.db);
    const newEmail = `late-${randomUUID()}@example.test`;
    await requestEmailChange(t.db, current(patient), { newEmail, currentPassword: TEST_PASSWORD }, { appUrl: APP, ipAddress: address(), now: NOW });
    expect(await rejection(confirmEmailChange(t.db, current(patient), await linkToken(newEmail, "/account/email"), { now: later(24 * 60) }))).toMatchObject({ code: "token_expired" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: patient.id } })).email).toBe(patient.email);
  });
});

describe("changing the password", () => {
  it("needs the current password, then ends every session and only the new password works", async () => {
    const patient = await createPatient(t.db);
    const ip = address();
    const before = await t.db.user.findUniqueOrThrow({ where: { id: patient.id } });
    const wrong = await rejection(changePassword(t.db, current(patient), { currentPassword: "not my password", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, { ipAddress: ip }));
    expect(wrong).toMatchObject({ status: 422, fields: { currentPassword: "That is not your current password." } });
    expect(await userForSession(t.db, claims(before), SESSION)).not.toBeNull();

    await changePassword(t.db, current(patient), { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, { ipAddress: ip });
    expect(await userForSession(t.db, claims(before), SESSION)).toBeNull();
    expect(await checkCredentials(t.db, { email: patient.email, password: NEW_PASSWORD }, ip)).toMatchObject({ ok: true });
    expect(await checkCredentials(t.db, { email: patient.email, password: TEST_PASSWORD }, ip)).toEqual({ ok: false, reason: "invalid" });
    expect(await t.db.auditEntry.count({ where: { entityId: patient.id, action: "password.changed" } })).toBe(1);
    const notices = (await mailsTo(patient.email)).filter((mail) => mail.subject.includes("Your password for"));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain("was changed on your account page");
  });

  it("a reset link mailed before the change stops working", async () => {
    const patient = await createPatient(t.db);
    await requestPasswordReset(t.db, patient.email, { appUrl: APP, ipAddress: address(), now: new Date() });
    const token = await linkToken(patient.email, "/password/set");
    await changePassword(t.db, current(patient), { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, { ipAddress: address() });
    expect(await rejection(setPasswordWithToken(t.db, { token, password: "someone else's password" }, {}))).toMatchObject({ code: "token_used" });
  });
});

describe("the profile", () => {
  it("stores name, phone and date of birth, and audits which fields changed (not their values)", async () => {
    const patient = await createPatient(t.db);
    const me = current(patient);
    await updateProfile(t.db, me, { name: "Renamed Patient", phone: "+31 20 123 4567", dateOfBirth: "1961-12-04" }, { ipAddress: address() });
    expect(await getProfile(t.db, me)).toMatchObject({ name: "Renamed Patient", phone: "+31 20 123 4567", dateOfBirth: "1961-12-04", asksDateOfBirth: true });
    const [entry] = await t.db.auditEntry.findMany({ where: { entityId: patient.id, action: "account.profile_updated" } });
    expect(entry?.details).toEqual({ changed: ["name", "phone", "dateOfBirth"] });
    expect(JSON.stringify(entry?.details)).not.toContain("1961");

    await updateProfile(t.db, me, { name: "Renamed Patient", phone: "", dateOfBirth: "" }, { ipAddress: address() });
    expect(await getProfile(t.db, me)).toMatchObject({ phone: "", dateOfBirth: "" });
  });

  it("refuses a date of birth in the future of the clock, and a phone number that is not one", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const valid = { name: "A Patient", phone: "", dateOfBirth: "2026-12-03" };
    expect(profileSchema.safeParse(valid).success).toBe(true);
    expect(profileSchema.safeParse({ ...valid, dateOfBirth: "2026-12-04" }).error?.issues[0]?.message).toBe("A date of birth cannot be in the future.");
    expect(profileSchema.safeParse({ ...valid, dateOfBirth: "1899-12-31" }).success).toBe(false);
    expect(profileSchema.safeParse({ ...valid, dateOfBirth: "04/12/1961" }).success).toBe(false);
    expect(profileSchema.safeParse({ ...valid, phone: "call me" }).success).toBe(false);
    expect(profileSchema.safeParse({ ...valid, phone: "12345" }).success).toBe(false);
    expect(profileSchema.safeParse({ ...valid, phone: "(020) 123-4567" }).success).toBe(true);
  });
});
