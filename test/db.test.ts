// The test-database helper itself: each file's copy is migrated and private.
import { afterAll, expect, test } from "vitest";
import { readMigrations } from "@/lib/db/migrate";
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from "./db";

const opened: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((copy) => copy.close()));
});

async function open(): Promise<TestDatabase> {
  const copy = await createTestDatabase();
  opened.push(copy);
  return copy;
}

test("a copy has every migration applied", async () => {
  const { connection } = await open();
  const rows = await connection.raw.query<{ name: string }>(`SELECT name FROM "_clinic_migrations" ORDER BY name`);
  expect(rows.map((row) => row.name)).toEqual(readMigrations().map((migration) => migration.name));
});

test("two copies do not share data", async () => {
  const first = await open();
  const second = await open();
  await first.db.clinicSettings.create({ data: { id: 1, clinicName: "Only in the first copy" } });
  expect(await first.db.clinicSettings.count()).toBe(1);
  expect(await second.db.clinicSettings.count()).toBe(0);
});

test("an empty database has no tables at all", async () => {
  const empty = await createEmptyDatabase();
  try {
    const rows = await empty.connection.raw.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(rows[0]?.n).toBe(0);
  } finally {
    await empty.close();
  }
});
