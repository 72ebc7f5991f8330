import { describe, expect, test } from "vitest";
import { assertChangeable } from "./cancel";
import { changeDeadline, formatDeadline, freeToCancelUntil, holdCutoffAt, patientMayChange } from "./deadlines";

const settings = { cancellationNoticeHours: 24, holdCutoffHours: 48, timeZone: "Europe/Amsterdam" };
// Tuesday 8 December 2026, 10:00 in Amsterdam (CET, UTC+1).
const start = new Date("2026-12-08T09:00:00Z");

describe("the cancellation notice, said before it bites", () => {
  test("the deadline is the start less the notice", () => {
    expect(changeDeadline(start, settings).toISOString()).toBe("2026-12-07T09:00:00.000Z");
    expect(changeDeadline(start, { cancellationNoticeHours: 0 }).toISOString()).toBe(start.toISOString());
  });

  test("the line names the day and time in the clinic's zone", () => {
    expect(freeToCancelUntil(start, settings)).toBe("free to cancel or move until Mon 7 Dec, 10:00 (Europe/Amsterdam time)");
    expect(freeToCancelUntil(start, { ...settings, timeZone: "America/New_York" })).toBe(
      "free to cancel or move until Mon 7 Dec, 04:00 (America/New_York time)",
    );
  });

  test("summer time is read in the zone, not in UTC", () => {
    expect(formatDeadline(new Date("2026-07-01T22:30:00Z"), "Europe/Amsterdam")).toBe("Thu 2 Jul, 00:30");
  });

  test("the hold's cut-off in the same words", () => {
    expect(holdCutoffAt(start, settings)).toBe("Sun 6 Dec, 10:00 (Europe/Amsterdam time)");
  });

  test("a patient may change up to the deadline itself, not a millisecond after", () => {
    const deadline = changeDeadline(start, settings);
    expect(patientMayChange(start, deadline, settings)).toBe(true);
    expect(patientMayChange(start, new Date(deadline.getTime() + 1), settings)).toBe(false);
  });
});

describe("the lifecycle enforces the same deadline", () => {
  // assertChangeable reads the notice from the database; a stub answers with these settings.
  const db = { clinicSettings: { findUnique: () => Promise.resolve({ ...settings, id: 1 }) } } as never;
  const patient = { id: "p", role: "PATIENT" as const };
  const deadline = changeDeadline(start, settings);

  test("at the deadline the patient may still cancel", async () => {
    await expect(assertChangeable(db, patient, { status: "CONFIRMED", startsAt: start }, deadline)).resolves.toBeUndefined();
  });

  test("a minute later the refusal names the deadline", async () => {
    await expect(
      assertChangeable(db, patient, { status: "CONFIRMED", startsAt: start }, new Date(deadline.getTime() + 60_000)),
    ).rejects.toThrow("until Mon 7 Dec, 10:00 (Europe/Amsterdam time)");
  });
});
