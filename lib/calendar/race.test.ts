// A booking committed concurrently with a closure of its day never slips through: the closure takes every
// therapist's lock before it looks for appointments, a booking reads the closed days after its therapist's
// lock, so one of the two always sees the other. Run on PostgreSQL too (DATABASE_URL), where the two
// transactions really overlap; PGlite runs them one after the other.
import { beforeAll, expect, test } from "vitest";
import { at, book, createWorld, quickUser, type World } from "@/lib/clearance/testing";
import { ValidationError } from "@/lib/errors";
import { useTestDatabase } from "@/test/db";
import { createClosure } from "./closures";
import { AppointmentsInTheWayError } from "./in-the-way";

const t = useTestDatabase();
let world: World;

beforeAll(async () => {
  world = await createWorld(t.db);
});

test("a booking and a closure of its day, at the same moment: exactly one wins, never both", async () => {
  const days = Array.from({ length: 12 }, (_, index) => 3 + index); // 3 to 14 December
  const patients = await Promise.all(days.map(() => quickUser(t.db, "PATIENT")));
  const outcomes = await Promise.all(
    days.map(async (day, index) => {
      const date = `2026-12-${String(day).padStart(2, "0")}`;
      // Both start together; which one takes the lock first is up to the database.
      const [booking, closure] = await Promise.allSettled([
        book(t.db, world, patients[index]!, { start: at(day, 10) }),
        createClosure(t.db, world.admin, { date, reason: "Race" }),
      ]);
      return { date, booking, closure };
    }),
  );
  for (const { date, booking, closure } of outcomes) {
    if (booking.status === "fulfilled") {
      // The booking got in first: the closure saw it and listed it.
      expect(closure.status, date).toBe("rejected");
      const reason = (closure as PromiseRejectedResult).reason as unknown;
      expect(reason, date).toBeInstanceOf(AppointmentsInTheWayError);
      expect((reason as AppointmentsInTheWayError).appointments.map((a) => a.id)).toEqual([booking.value.id]);
    } else {
      // The closure got in first: the booking found the day closed.
      expect(closure.status, date).toBe("fulfilled");
      expect(booking.reason, date).toBeInstanceOf(ValidationError);
    }
  }
  // And in the database: no active appointment on any closed day.
  const slipped = await t.connection.raw.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "Appointment" a JOIN "Closure" c
       ON (a."startsAt" AT TIME ZONE 'Europe/Amsterdam')::date = c."date"
     WHERE a."status" IN ('HELD', 'CONFIRMED')`,
  );
  expect(slipped[0]!.count).toBe(0);
});
