import { beforeAll, expect, test } from "vitest";
import { useTestDatabase } from "@/test/db";
import { failureOf, sqlState } from "@/test/errors";
import { createPatient } from "@/test/fixtures";
import { writeAudit } from "./audit";

const t = useTestDatabase();
let entryId: bigint;
let actorId: string;

beforeAll(async () => {
  actorId = (await createPatient(t.db)).id;
  await writeAudit(t.db, {
    actor: { id: actorId, role: "PATIENT" },
    action: "appointment.confirmed",
    entityType: "Appointment",
    entityId: "a1",
    fromState: "HELD",
    toState: "CONFIRMED",
    details: { reason: "paid" },
    ipAddress: "203.0.113.7",
  });
  entryId = (await t.db.auditEntry.findFirstOrThrow({ where: { action: "appointment.confirmed" } })).id;
});

const refusal = /The audit log is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/;

test("writeAudit appends an entry with what it was given", async () => {
  const entry = await t.db.auditEntry.findUniqueOrThrow({ where: { id: entryId } });
  expect(entry).toMatchObject({
    actorId,
    actorRole: "PATIENT",
    action: "appointment.confirmed",
    entityType: "Appointment",
    entityId: "a1",
    fromState: "HELD",
    toState: "CONFIRMED",
    details: { reason: "paid" },
    ipAddress: "203.0.113.7",
  });
  expect(entry.at).toBeInstanceOf(Date);
});

test("an entry without an actor (the system) is accepted", async () => {
  await writeAudit(t.db, { actor: null, action: "hold.expired", entityType: "Appointment" });
  expect(await t.db.auditEntry.count({ where: { action: "hold.expired", actorId: null } })).toBe(1);
});

test("Prisma cannot update an entry", async () => {
  const error = await failureOf(() => t.db.auditEntry.update({ where: { id: entryId }, data: { action: "rewritten" } }));
  expect((error as Error).message).toMatch(refusal);
  expect(sqlState(error)).toBe("42501");
  expect((await t.db.auditEntry.findUniqueOrThrow({ where: { id: entryId } })).action).toBe("appointment.confirmed");
});

test("Prisma cannot delete entries", async () => {
  const before = await t.db.auditEntry.count();
  expect((await failureOf(() => t.db.auditEntry.delete({ where: { id: entryId } }))) as Error).toHaveProperty(
    "message",
    expect.stringMatching(refusal),
  );
  expect((await failureOf(() => t.db.auditEntry.deleteMany({}))) as Error).toHaveProperty(
    "message",
    expect.stringMatching(refusal),
  );
  expect(await t.db.auditEntry.count()).toBe(before);
});

test("raw SQL cannot update, delete or truncate entries", async () => {
  const before = await t.db.auditEntry.count();
  const { raw } = t.connection;
  for (const statement of [
    `UPDATE "AuditEntry" SET "action" = 'rewritten'`,
    `DELETE FROM "AuditEntry"`,
    `TRUNCATE "AuditEntry"`,
  ]) {
    const error = await failureOf(() => raw.exec(statement));
    expect((error as Error).message, statement).toMatch(refusal);
    expect(sqlState(error), statement).toBe("42501");
  }
  expect(await t.db.auditEntry.count()).toBe(before);
});

test("raw SQL can still insert", async () => {
  await t.connection.raw.query(`INSERT INTO "AuditEntry" ("action", "entityType") VALUES ($1, $2)`, ["raw.insert", "Test"]);
  expect(await t.db.auditEntry.count({ where: { action: "raw.insert" } })).toBe(1);
});
