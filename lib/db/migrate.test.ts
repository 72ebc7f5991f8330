import { createHash } from "node:crypto";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { createEmptyDatabase, createTestDatabase, useTestDatabase, type EmptyDatabase } from "@/test/db";
import { failureOf, sqlState } from "@/test/errors";
import { appointmentRow, createPatient, createTherapist } from "@/test/fixtures";
import { isExclusionViolation } from "./errors";
import { migrate, readMigrations, type Migration } from "./migrate";

const migrationNames = () => readMigrations().map((migration) => migration.name);

describe("the migration runner", () => {
  let database: EmptyDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  const tables = async (raw: EmptyDatabase["connection"]["raw"]) =>
    (
      await raw.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      )
    ).map((row) => row.table_name);

  test("applies every migration to an empty database, in order, and records each", async () => {
    database = await createEmptyDatabase();
    const { raw } = database.connection;

    expect(await migrate(raw)).toEqual(migrationNames());

    const recorded = await raw.query<{ name: string; checksum: string }>(
      `SELECT name, checksum FROM "_clinic_migrations" ORDER BY name`,
    );
    expect(recorded).toEqual(readMigrations().map(({ name, checksum }) => ({ name, checksum })));
    expect(await tables(raw)).toEqual(expect.arrayContaining(["Appointment", "AuditEntry", "User", "_clinic_migrations"]));
  });

  test("running again applies nothing", async () => {
    database = await createEmptyDatabase();
    await migrate(database.connection.raw);
    expect(await migrate(database.connection.raw)).toEqual([]);
    await database.close();
    // The copies every other test file uses are in the same state.
    database = await createTestDatabase();
    expect(await migrate(database.connection.raw)).toEqual([]);
  });

  test("a new migration after the applied ones is the only one applied", async () => {
    database = await createTestDatabase();
    const { raw } = database.connection;
    const added: Migration = { name: "99990101000000_probe", sql: `CREATE TABLE "Probe" (id int)`, checksum: "probe" };

    expect(await migrate(raw, [...readMigrations(), added])).toEqual([added.name]);
    expect(await tables(raw)).toContain("Probe");
  });

  test("refuses a migration whose file changed after it was applied", async () => {
    database = await createTestDatabase();
    const { raw } = database.connection;
    const [first, ...rest] = readMigrations();
    if (!first) throw new Error("there are no migrations");
    const sql = `${first.sql}\n-- edited afterwards\n`;
    const edited = { ...first, sql, checksum: createHash("sha256").update(sql).digest("hex") };

    await expect(migrate(raw, [edited, ...rest])).rejects.toThrow(
      `Migration ${first.name} was changed after it was applied; add a new migration instead.`,
    );
  });

  test("a failing migration leaves nothing behind and is not recorded", async () => {
    database = await createTestDatabase();
    const { raw } = database.connection;
    const broken: Migration = {
      name: "99990101000000_broken",
      sql: `CREATE TABLE "HalfDone" (id int); SELECT 1 / 0;`,
      checksum: "broken",
    };

    await expect(migrate(raw, [...readMigrations(), broken])).rejects.toThrow(/division by zero/);
    expect(await tables(raw)).not.toContain("HalfDone");
    const recorded = await raw.query(`SELECT name FROM "_clinic_migrations" WHERE name = $1`, [broken.name]);
    expect(recorded).toEqual([]);
    // The advisory lock was released: the next run proceeds.
    expect(await migrate(raw)).toEqual([]);
  });
});

describe("no two active appointments of one therapist overlap", () => {
  const t = useTestDatabase();
  let patientId: string;
  let therapistId: string;
  let otherTherapistId: string;

  beforeAll(async () => {
    patientId = (await createPatient(t.db)).id;
    therapistId = (await createTherapist(t.db)).id;
    otherTherapistId = (await createTherapist(t.db)).id;
  });

  // A different day per test keeps the tests independent while they share a database.
  const at = (day: number, hhmm: string) => new Date(`2030-01-${String(day).padStart(2, "0")}T${hhmm}:00Z`);

  function book(
    day: number,
    from: string,
    to: string,
    options: { therapistId?: string; status?: "HELD" | "CONFIRMED" | "CANCELLED" | "COMPLETED" } = {},
  ) {
    return t.db.appointment.create({
      data: appointmentRow({
        therapistId: options.therapistId ?? therapistId,
        patientId,
        massageTypeSlug: "swedish",
        startsAt: at(day, from),
        endsAt: at(day, to),
        status: options.status ?? "CONFIRMED",
      }),
    });
  }

  const countOn = (day: number) =>
    t.db.appointment.count({ where: { startsAt: { gte: at(day, "00:00"), lt: at(day + 1, "00:00") } } });

  test("the exclusion constraint exists on Appointment", async () => {
    const rows = await t.connection.raw.query<{ conname: string }>(
      `SELECT conname FROM pg_constraint WHERE conrelid = '"Appointment"'::regclass AND contype = 'x'`,
    );
    expect(rows).toEqual([{ conname: "Appointment_no_overlap_per_therapist" }]);
  });

  test.each([
    ["CONFIRMED", "CONFIRMED"],
    ["HELD", "CONFIRMED"],
    ["CONFIRMED", "HELD"],
    ["HELD", "HELD"],
  ] as const)("a %s appointment refuses an overlapping %s one (SQLSTATE 23P01)", async (first, second) => {
    const day = { CONFIRMED: 0, HELD: 1 }[first] * 2 + { CONFIRMED: 0, HELD: 1 }[second] + 2;
    await book(day, "10:00", "11:00", { status: first });

    const error = await failureOf(() => book(day, "10:30", "11:30", { status: second }));
    expect(isExclusionViolation(error)).toBe(true);
    expect(await countOn(day)).toBe(1);
  });

  test("a slot inside another one is refused too", async () => {
    await book(10, "09:00", "12:00");
    expect(isExclusionViolation(await failureOf(() => book(10, "10:00", "10:30")))).toBe(true);
    expect(await countOn(10)).toBe(1);
  });

  test("back-to-back appointments [10:00, 11:00) and [11:00, 12:00) are both accepted", async () => {
    await book(11, "10:00", "11:00");
    await book(11, "11:00", "12:00");
    expect(await countOn(11)).toBe(2);
  });

  test("a cancelled appointment does not block its time", async () => {
    await book(12, "10:00", "11:00", { status: "CANCELLED" });
    await book(12, "10:00", "11:00");
    expect(await countOn(12)).toBe(2);
  });

  test("a completed appointment is outside the constraint", async () => {
    await book(13, "10:00", "11:00", { status: "COMPLETED" });
    await book(13, "10:30", "11:30");
    expect(await countOn(13)).toBe(2);
  });

  test("another therapist may be booked at the same time", async () => {
    await book(14, "10:00", "11:00");
    await book(14, "10:00", "11:00", { therapistId: otherTherapistId });
    expect(await countOn(14)).toBe(2);
  });

  test("cancelling frees the slot for a new booking", async () => {
    const first = await book(15, "10:00", "11:00");
    await t.db.appointment.update({ where: { id: first.id }, data: { status: "CANCELLED" } });
    await book(15, "10:00", "11:00");
    expect(await countOn(15)).toBe(2);
  });

  test("an appointment that ends when it starts is refused by the CHECK constraint", async () => {
    const error = await failureOf(() => book(16, "10:00", "10:00"));
    expect(sqlState(error)).toBe("23514");
    expect(String((error as Error).message)).toContain("Appointment_ends_after_start");
    expect(await countOn(16)).toBe(0);
  });

  test("an appointment that ends before it starts is refused", async () => {
    // The generated range column rejects it (22000) before the CHECK is evaluated.
    const error = await failureOf(() => book(17, "11:00", "10:00"));
    expect(["22000", "23514"]).toContain(sqlState(error));
    expect(await countOn(17)).toBe(0);
  });

  test("the database derives the range itself from startsAt and endsAt", async () => {
    const appointment = await book(18, "10:00", "11:00");
    const [row] = await t.connection.raw.query<{ lower: boolean; upper: boolean; kind: string }>(
      `SELECT lower("during") = "startsAt" AS lower, upper("during") = "endsAt" AS upper,
              (lower_inc("during") AND NOT upper_inc("during"))::text AS kind
         FROM "Appointment" WHERE id = $1`,
      [appointment.id],
    );
    expect(row).toEqual({ lower: true, upper: true, kind: "true" });
  });
});
