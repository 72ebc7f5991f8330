import { describe, expect, it } from "vitest";
import { scheduleWindow } from "./schedule";

const AMSTERDAM = "Europe/Amsterdam";

describe("scheduleWindow", () => {
  it("is the clinic's ISO week around today by default, from local midnight Monday to local midnight Monday", () => {
    // Wednesday 2 December 2026, 00:30 in Amsterdam (still Tuesday in UTC).
    const window = scheduleWindow({}, new Date("2026-12-01T23:30:00Z"), AMSTERDAM);
    expect(window.today).toBe("2026-12-02");
    expect(window.days).toEqual(["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    expect(window.from).toEqual(new Date("2026-11-29T23:00:00Z"));
    expect(window.to).toEqual(new Date("2026-12-06T23:00:00Z"));
    expect([window.previous, window.next]).toEqual(["2026-11-23", "2026-12-07"]);
  });

  it("gives one day on request, and a week across the change to summer time is 167 hours", () => {
    const day = scheduleWindow({ view: "day", date: "2027-03-28" }, new Date("2026-12-01T12:00:00Z"), AMSTERDAM);
    expect(day.days).toEqual(["2027-03-28"]);
    expect(day.to.getTime() - day.from.getTime()).toBe(23 * 3_600_000);
    expect([day.previous, day.next]).toEqual(["2027-03-27", "2027-03-29"]);
    const week = scheduleWindow({ view: "week", date: "2027-03-28" }, new Date("2026-12-01T12:00:00Z"), AMSTERDAM);
    expect(week.to.getTime() - week.from.getTime()).toBe(167 * 3_600_000);
  });

  it("falls back to today for a date that is not one", () => {
    const window = scheduleWindow({ view: "day", date: "2026-13-45x" }, new Date("2026-12-01T12:00:00Z"), AMSTERDAM);
    expect(window.days).toEqual(["2026-12-01"]);
  });
});
