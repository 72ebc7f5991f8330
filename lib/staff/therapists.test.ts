// The therapist functions the admin pages and the admin API share: the account and its invitation, edits,
// weekly hours, and what each does to who patients can book.
import { beforeAll, describe, expect, test } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { consumeToken } from "@/lib/auth/tokens";
import { findAvailability } from "@/lib/booking/availability";
import { listBookableTherapists } from "@/lib/catalogue/queries";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { ensureClinicSettings, ensureMassageTypes } from "@/lib/seed/factories";
import { therapistCreateSchema, therapistEditSchema, weeklyHoursSchema } from "@/lib/validation/staff";
import { useTestDatabase } from "@/test/db";
import { certificationNotices } from "./certification";
import { isPasswordUnset } from "./invite";
import { resendInvitation } from "./reinvite";
import { adminActor, APP_URL, invitationFor, NOW, uniqueEmail } from "./testing";
import { createTherapist, getTherapistForAdmin, setWeeklyHours, updateTherapist } from "./therapists";

const t = useTestDatabase();
let context: { actor: { id: string; role: "ADMIN" }; appUrl: string; ipAddress: string; now: Date };

beforeAll(async () => {
  await ensureMassageTypes(t.db);
  await ensureClinicSettings(t.db);
  const actor = await adminActor(t.db);
  context = { actor: { id: actor.id, role: "ADMIN" }, appUrl: APP_URL, ipAddress: "203.0.113.9", now: NOW };
});

const newTherapist = (overrides: Partial<Record<string, unknown>> = {}) =>
  therapistCreateSchema.parse({
    name: "Noor de Vries",
    email: uniqueEmail("noor"),
    certificationNumber: "LMT-2026-0001",
    certificationExpiresOn: "2028-06-30",
    massageTypes: ["swedish", "deep-tissue"],
    ...overrides,
  });

const failureOf = async (work: () => Promise<unknown>) => work().then(() => undefined, (error: unknown) => error);

describe("createTherapist", () => {
  test("makes a therapist account no password opens, and mails an invitation whose link sets the first password", async () => {
    const input = newTherapist();
    const created = await createTherapist(t.db, input, context);
    const user = await t.db.user.findUniqueOrThrow({ where: { id: created.userId } });
    expect(user).toMatchObject({ role: "THERAPIST", email: input.email, name: "Noor de Vries" });
    expect(isPasswordUnset(user.passwordHash)).toBe(true);
    // Signing in fails like a wrong password, whatever is typed (even the stored string itself).
    for (const password of ["anything at all", user.passwordHash]) {
      expect(await checkCredentials(t.db, { email: input.email, password }, "198.51.100.1")).toEqual({ ok: false, reason: "invalid" });
    }

    const { mail, link, token } = await invitationFor(t.db, input.email);
    expect(link).toBe(created.invitation.link);
    expect(link.startsWith(`${APP_URL}/password/set?token=`)).toBe(true);
    expect(mail.subject).toContain("Your account at");
    expect(mail.html).toContain("Set your password");
    expect(created.invitation.expiresAt).toEqual(new Date(NOW.getTime() + 7 * 86_400_000));
    // The token is an INVITATION for this user, usable once.
    expect(await consumeToken(t.db, { token, purpose: "INVITATION", now: NOW })).toEqual({ ok: true, userId: user.id, newEmail: null });
    expect(await consumeToken(t.db, { token, purpose: "INVITATION", now: NOW })).toEqual({ ok: false, reason: "used" });

    const therapist = await getTherapistForAdmin(t.db, created.id);
    expect(therapist).toMatchObject({ certificationNumber: "LMT-2026-0001", certificationExpiresOn: "2028-06-30", active: true, hours: [] });
    expect(therapist.massageTypes.toSorted()).toEqual(["deep-tissue", "swedish"]);
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { action: "therapist.created", entityId: created.id } });
    expect(audit).toMatchObject({ actorId: context.actor.id, ipAddress: "203.0.113.9", details: expect.objectContaining({ email: input.email }) });
  });

  test("an email already in use is 409 email_in_use with a field message, and nothing is written", async () => {
    const input = newTherapist();
    await createTherapist(t.db, input, context);
    const mailsBefore = await t.db.outboxMessage.count();
    const error = await failureOf(() => createTherapist(t.db, { ...input, name: "Someone Else" }, context));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "email_in_use", fields: { email: expect.any(String) } });
    expect(await t.db.outboxMessage.count()).toBe(mailsBefore);
    // Two admins adding the same person at once: one account, the other 409.
    const twice = newTherapist();
    const results = await Promise.allSettled([createTherapist(t.db, twice, context), createTherapist(t.db, twice, context)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")?.reason).toBeInstanceOf(ConflictError);
  });

  test("the schema refuses what the database could not hold or the clinic does not offer", () => {
    const bad = therapistCreateSchema.safeParse({ name: " ", email: "nope", certificationNumber: "", certificationExpiresOn: "2027-02-30", massageTypes: ["hot-stones"] });
    expect(bad.success).toBe(false);
    const fields = Object.fromEntries(bad.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(Object.keys(fields).toSorted()).toEqual(["certificationExpiresOn", "certificationNumber", "email", "massageTypes.0", "name"]);
    expect(therapistCreateSchema.safeParse({ ...newTherapist(), massageTypes: [] }).error?.issues[0]?.message).toBe("Choose at least one massage type.");
    expect(therapistCreateSchema.safeParse({ ...newTherapist(), name: "Ann\u0000" }).success).toBe(false);
  });
});

describe("updateTherapist and bookability", () => {
  test("a therapist with hours is bookable; an expired certification or inactive flag takes them out; each change is audited", async () => {
    const created = await createTherapist(t.db, newTherapist({ name: "Bookable Bea" }), context);
    const findSlots = () =>
      findAvailability(t.db, {
        therapistId: created.id,
        massageType: "swedish",
        duration: 60,
        from: new Date("2026-12-01T23:00:00Z"),
        to: new Date("2026-12-02T23:00:00Z"),
        now: NOW,
      });
    const bookable = async () => (await listBookableTherapists(t.db, { now: NOW })).some((therapist) => therapist.id === created.id);
    // No hours yet: listed (certified, active) but no free time.
    expect((await findSlots()).slots).toEqual([]);

    await setWeeklyHours(t.db, created.id, weeklyHoursSchema.parse([{ weekday: 3, start: "09:00", end: "12:00" }]), context);
    expect(await bookable()).toBe(true);
    expect((await findSlots()).slots.map((slot) => slot.start.toISOString())).toContain("2026-12-02T08:00:00.000Z");

    const base = { certificationNumber: "LMT-2026-0001", certificationExpiresOn: "2028-06-30", massageTypes: ["swedish"], bio: "", active: true, bufferMinutes: 15 };
    await updateTherapist(t.db, created.id, therapistEditSchema.parse({ ...base, certificationExpiresOn: "2026-11-30" }), context);
    expect(await bookable()).toBe(false);
    expect(await failureOf(findSlots)).toBeInstanceOf(ValidationError);
    const expiry = await t.db.auditEntry.findFirstOrThrow({ where: { action: "therapist.updated", entityId: created.id }, orderBy: { id: "desc" } });
    expect(expiry.details).toEqual({
      certificationExpiresOn: { from: "2028-06-30", to: "2026-11-30" },
      massageTypes: { from: ["deep-tissue", "swedish"], to: ["swedish"] },
    });

    await updateTherapist(t.db, created.id, therapistEditSchema.parse({ ...base, certificationNumber: "LMT-2026-0099", bio: "Renewed.", bufferMinutes: 10 }), context);
    expect(await bookable()).toBe(true);
    expect(await getTherapistForAdmin(t.db, created.id)).toMatchObject({ certificationNumber: "LMT-2026-0099", bio: "Renewed.", bufferMinutes: 10, massageTypes: ["swedish"] });

    await updateTherapist(t.db, created.id, therapistEditSchema.parse({ ...base, certificationNumber: "LMT-2026-0099", bio: "Renewed.", bufferMinutes: 10, active: false }), context);
    expect(await bookable()).toBe(false);
    const deactivated = await t.db.auditEntry.findFirstOrThrow({ where: { action: "therapist.updated", entityId: created.id }, orderBy: { id: "desc" } });
    expect(deactivated).toMatchObject({ fromState: "active", toState: "inactive", details: { active: { from: true, to: false } } });

    // Saving without a change writes no entry.
    const entries = await t.db.auditEntry.count({ where: { entityId: created.id } });
    await updateTherapist(t.db, created.id, therapistEditSchema.parse({ ...base, certificationNumber: "LMT-2026-0099", bio: "Renewed.", bufferMinutes: 10, active: false }), context);
    expect(await t.db.auditEntry.count({ where: { entityId: created.id } })).toBe(entries);
  });

  test("an unknown therapist is not found; the buffer has bounds", async () => {
    const edit = { certificationNumber: "X", certificationExpiresOn: "2030-01-01", massageTypes: ["swedish"], bio: "", active: true, bufferMinutes: 0 };
    expect(await failureOf(() => updateTherapist(t.db, "00000000-0000-4000-8000-000000000000", therapistEditSchema.parse(edit), context))).toBeInstanceOf(NotFoundError);
    expect(therapistEditSchema.safeParse({ ...edit, bufferMinutes: 121 }).success).toBe(false);
    expect(therapistEditSchema.safeParse({ ...edit, bufferMinutes: 1.5 }).success).toBe(false);
  });
});

describe("setWeeklyHours", () => {
  test("replaces the whole week, sorted, and audits from and to", async () => {
    const created = await createTherapist(t.db, newTherapist(), context);
    await setWeeklyHours(t.db, created.id, weeklyHoursSchema.parse([{ weekday: 1, start: "09:00", end: "17:00" }]), context);
    const week = await setWeeklyHours(
      t.db,
      created.id,
      weeklyHoursSchema.parse([
        { weekday: 5, start: "13:00", end: "18:00" },
        { weekday: 2, start: "13:00", end: "17:00" },
        { weekday: 2, start: "08:00", end: "12:00" },
      ]),
      context,
    );
    expect(week).toEqual([
      { weekday: 2, start: "08:00", end: "12:00" },
      { weekday: 2, start: "13:00", end: "17:00" },
      { weekday: 5, start: "13:00", end: "18:00" },
    ]);
    expect((await getTherapistForAdmin(t.db, created.id)).hours).toEqual(week);
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { action: "therapist.hours_set", entityId: created.id }, orderBy: { id: "desc" } });
    expect(audit.details).toEqual({ from: [{ weekday: 1, start: "09:00", end: "17:00" }], to: week });
    expect(await setWeeklyHours(t.db, created.id, [], context)).toEqual([]);
  });

  test("refuses a shift that ends before it starts, overlapping shifts of a day, and times off the slot grid, naming each field", async () => {
    const parsed = weeklyHoursSchema.safeParse([
      { weekday: 1, start: "10:00", end: "09:00" },
      { weekday: 2, start: "09:00", end: "13:00" },
      { weekday: 2, start: "12:00", end: "17:00" },
      { weekday: 3, start: "12:00", end: "24:00" },
      { weekday: 8, start: "9:00", end: "25:00" },
    ]);
    const fields = Object.fromEntries(parsed.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(fields).toEqual({
      "0.end": "End the shift after it starts.",
      "1.start": expect.stringContaining("overlaps another shift that day (12:00–17:00)"),
      "2.start": expect.stringContaining("overlaps another shift that day (09:00–13:00)"),
      "4.weekday": expect.any(String),
      "4.start": "Give a time like 09:00.",
      "4.end": "Give a time like 17:00.",
    });
    // Monday and Tuesday shifts that touch (one ends as the other starts) are fine.
    expect(weeklyHoursSchema.safeParse([{ weekday: 2, start: "09:00", end: "12:00" }, { weekday: 2, start: "12:00", end: "17:00" }]).success).toBe(true);

    const created = await createTherapist(t.db, newTherapist(), context);
    const error = await failureOf(() => setWeeklyHours(t.db, created.id, weeklyHoursSchema.parse([{ weekday: 1, start: "09:15", end: "17:00" }, { weekday: 2, start: "09:00", end: "16:45" }]), context));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ "0.start": expect.stringContaining("30-minute steps"), "1.end": expect.stringContaining("30-minute steps") });
    expect(await failureOf(() => setWeeklyHours(t.db, "00000000-0000-4000-8000-000000000000", [], context))).toBeInstanceOf(NotFoundError);
  });

  test("two saves at once leave one of the two weeks, never both mixed", async () => {
    const created = await createTherapist(t.db, newTherapist(), context);
    const first = weeklyHoursSchema.parse([{ weekday: 1, start: "09:00", end: "12:00" }]);
    const second = weeklyHoursSchema.parse([{ weekday: 1, start: "11:00", end: "15:00" }]);
    await Promise.all([setWeeklyHours(t.db, created.id, first, context), setWeeklyHours(t.db, created.id, second, context)]);
    const hours = (await getTherapistForAdmin(t.db, created.id)).hours;
    expect([JSON.stringify(hours)]).toContainEqual(expect.stringMatching(/^\[\{"weekday":1,"start":"(09:00","end":"12:00|11:00","end":"15:00)"\}\]$/));
  });
});

describe("resendInvitation", () => {
  test("a new link replaces the old one while no password is set; afterwards it is refused", async () => {
    const created = await createTherapist(t.db, newTherapist(), context);
    const email = (await t.db.user.findUniqueOrThrow({ where: { id: created.userId } })).email;
    const first = await invitationFor(t.db, email);
    const again = await resendInvitation(t.db, created.userId, { ...context, now: new Date(NOW.getTime() + 60_000) });
    expect(again.link).not.toBe(first.link);
    expect(await consumeToken(t.db, { token: first.token, purpose: "INVITATION", now: NOW })).toMatchObject({ ok: false });
    expect(await t.db.auditEntry.count({ where: { action: "staff.reinvited", entityId: created.userId } })).toBe(1);
    await t.db.user.update({ where: { id: created.userId }, data: { passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$set" } });
    expect(await failureOf(() => resendInvitation(t.db, created.userId, context))).toMatchObject({ code: "already_set" });
    expect(await failureOf(() => resendInvitation(t.db, context.actor.id, context))).toBeInstanceOf(NotFoundError);
  });
});

describe("certificationNotices", () => {
  test("lists active therapists whose certification lapsed or lapses within 30 days, soonest first", async () => {
    const make = async (name: string, certificationExpiresOn: string) => (await createTherapist(t.db, newTherapist({ name, certificationExpiresOn }), context)).id;
    const lapsed = await make("Lapsed Lou", "2026-11-30");
    const today = await make("Today Tess", "2026-12-01");
    const soon = await make("Soon Sam", "2026-12-31");
    const later = await make("Later Liv", "2027-01-01");
    const notices = await certificationNotices(t.db, NOW);
    const ids = notices.map((notice) => notice.therapistId);
    expect(ids).toEqual(expect.arrayContaining([lapsed, today, soon]));
    expect(ids).not.toContain(later);
    const byId = new Map(notices.map((notice) => [notice.therapistId, notice]));
    expect(byId.get(lapsed)).toMatchObject({ expired: true, daysLeft: -1 });
    expect(byId.get(today)).toMatchObject({ expired: false, daysLeft: 0 });
    expect(byId.get(soon)).toMatchObject({ expired: false, daysLeft: 30 });
    expect(ids.indexOf(lapsed)).toBeLessThan(ids.indexOf(soon));
  });
});
