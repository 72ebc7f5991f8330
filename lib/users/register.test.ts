import { expect, test } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { ConflictError } from "@/lib/errors";
import { registerSchema } from "@/lib/validation/auth";
import { useTestDatabase } from "@/test/db";
import { failureOf } from "@/test/errors";
import { EMAIL_IN_USE_MESSAGE, registerPatient } from "./register";

const t = useTestDatabase();
const PASSWORD = "stroll-Harbour-42";

// As the form and the API do: parse with the shared schema, then register.
const register = (input: { name: string; email: string; password: string }) =>
  registerPatient(t.db, registerSchema.parse(input), "203.0.113.20", 1_000);

test("creates a patient with an argon2id hash and one audit entry", async () => {
  const { id } = await register({ name: "Pat Jensen", email: "pat@example.test", password: PASSWORD });

  const user = await t.db.user.findUniqueOrThrow({ where: { id } });
  expect(user).toMatchObject({ email: "pat@example.test", name: "Pat Jensen", role: "PATIENT" });
  expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  expect(user.passwordHash).not.toContain(PASSWORD);
  expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
  expect(await verifyPassword(user.passwordHash, "something-else-1")).toBe(false);

  const audit = await t.db.auditEntry.findMany({ where: { entityId: id } });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({
    action: "user.registered",
    entityType: "User",
    actorId: id,
    actorRole: "PATIENT",
    toState: "PATIENT",
    ipAddress: "203.0.113.20",
  });
});

test("the same email in another case is refused with email_in_use, and nothing is written", async () => {
  await register({ name: "Sam Berg", email: "sam@example.test", password: PASSWORD });
  const usersBefore = await t.db.user.count();
  const auditBefore = await t.db.auditEntry.count();

  const error = await failureOf(() => register({ name: "Sam Again", email: "  SAM@Example.TEST", password: PASSWORD }));

  expect(error).toBeInstanceOf(ConflictError);
  expect(error).toMatchObject({ code: "email_in_use", status: 409, fields: { email: EMAIL_IN_USE_MESSAGE } });
  expect(await t.db.user.count()).toBe(usersBefore);
  expect(await t.db.user.count({ where: { email: "sam@example.test" } })).toBe(1);
  expect(await t.db.auditEntry.count()).toBe(auditBefore);
  expect(await t.db.auditEntry.count({ where: { action: "user.registered", actorId: { not: null } } })).toBe(auditBefore);
});
