import { describe, expect, test } from "vitest";
import {
  addDays,
  isoWeekdayAt,
  isoWeekdayOfDate,
  isValidTimeZone,
  localDateOf,
  localDatesBetween,
  minuteOfDayAt,
  offsetMinutesAt,
  wallClockOn,
  wallClockToUtc,
  wallClockToUtcAtOrAfter,
} from "./zoned";

const AMS = "Europe/Amsterdam";
const NYC = "America/New_York";
const at = (iso: string) => new Date(iso);
const hm = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const utc = (date: string, hhmm: string, zone: string) => wallClockToUtc(date, hm(hhmm), zone)?.toISOString() ?? null;

describe("wallClockToUtc", () => {
  test.each([
    // Ordinary days, winter and summer time.
    [AMS, "2026-01-15", "09:00", "2026-01-15T08:00:00.000Z"],
    [AMS, "2026-07-15", "09:00", "2026-07-15T07:00:00.000Z"],
    [AMS, "2026-07-15", "00:00", "2026-07-14T22:00:00.000Z"],
    [AMS, "2026-07-15", "23:59", "2026-07-15T21:59:00.000Z"],
    [NYC, "2026-01-15", "09:00", "2026-01-15T14:00:00.000Z"],
    [NYC, "2026-07-15", "09:00", "2026-07-15T13:00:00.000Z"],
    ["UTC", "2026-07-15", "09:30", "2026-07-15T09:30:00.000Z"],
    ["Asia/Kolkata", "2026-07-15", "09:00", "2026-07-15T03:30:00.000Z"],
    ["Australia/Sydney", "2026-01-15", "09:00", "2026-01-14T22:00:00.000Z"],
  ])("%s %s %s is %s", (zone, date, time, expected) => {
    expect(utc(date, time, zone)).toBe(expected);
  });

  test("minute 1440 is the next day's midnight", () => {
    expect(utc("2026-07-15", "24:00", AMS)).toBe("2026-07-15T22:00:00.000Z");
    expect(utc("2026-12-31", "24:00", "UTC")).toBe("2027-01-01T00:00:00.000Z");
  });

  describe("Europe/Amsterdam, spring forward on 2026-03-29 (02:00 CET -> 03:00 CEST, at 01:00 UTC)", () => {
    const day = "2026-03-29";
    test.each([
      ["00:00", "2026-03-28T23:00:00.000Z"],
      ["01:00", "2026-03-29T00:00:00.000Z"],
      ["01:59", "2026-03-29T00:59:00.000Z"],
      ["03:00", "2026-03-29T01:00:00.000Z"],
      ["03:30", "2026-03-29T01:30:00.000Z"],
      ["09:00", "2026-03-29T07:00:00.000Z"],
    ])("%s exists: %s", (time, expected) => {
      expect(utc(day, time, AMS)).toBe(expected);
    });

    test.each(["02:00", "02:01", "02:30", "02:59"])("%s does not exist: null", (time) => {
      expect(wallClockToUtc(day, hm(time), AMS)).toBeNull();
    });

    test("01:59 and 03:00 are one minute apart", () => {
      const before = wallClockToUtc(day, hm("01:59"), AMS)!;
      const after = wallClockToUtc(day, hm("03:00"), AMS)!;
      expect(after.getTime() - before.getTime()).toBe(60_000);
    });

    test("the day before and after are unaffected", () => {
      expect(utc("2026-03-28", "02:30", AMS)).toBe("2026-03-28T01:30:00.000Z");
      expect(utc("2026-03-30", "02:30", AMS)).toBe("2026-03-30T00:30:00.000Z");
    });
  });

  describe("Europe/Amsterdam, fall back on 2026-10-25 (03:00 CEST -> 02:00 CET, at 01:00 UTC)", () => {
    const day = "2026-10-25";
    test.each([
      ["00:00", "2026-10-24T22:00:00.000Z"],
      ["01:59", "2026-10-24T23:59:00.000Z"],
      // 02:00-02:59 happens twice: the first (summer time) is chosen.
      ["02:00", "2026-10-25T00:00:00.000Z"],
      ["02:30", "2026-10-25T00:30:00.000Z"],
      ["02:59", "2026-10-25T00:59:00.000Z"],
      ["03:00", "2026-10-25T02:00:00.000Z"],
      ["09:00", "2026-10-25T08:00:00.000Z"],
    ])("%s is %s", (time, expected) => {
      expect(utc(day, time, AMS)).toBe(expected);
    });

    test("both readings of 02:30 really read 02:30", () => {
      expect(minuteOfDayAt(at("2026-10-25T00:30:00Z"), AMS)).toBe(hm("02:30"));
      expect(minuteOfDayAt(at("2026-10-25T01:30:00Z"), AMS)).toBe(hm("02:30"));
    });
  });

  describe("America/New_York", () => {
    test("spring forward on 2026-03-08: 02:00-02:59 do not exist", () => {
      expect(utc("2026-03-08", "01:59", NYC)).toBe("2026-03-08T06:59:00.000Z");
      expect(utc("2026-03-08", "02:00", NYC)).toBeNull();
      expect(utc("2026-03-08", "02:30", NYC)).toBeNull();
      expect(utc("2026-03-08", "03:00", NYC)).toBe("2026-03-08T07:00:00.000Z");
    });

    test("fall back on 2026-11-01: 01:00-01:59 happen twice, the first (EDT) is chosen", () => {
      expect(utc("2026-11-01", "00:30", NYC)).toBe("2026-11-01T04:30:00.000Z");
      expect(utc("2026-11-01", "01:00", NYC)).toBe("2026-11-01T05:00:00.000Z");
      expect(utc("2026-11-01", "01:30", NYC)).toBe("2026-11-01T05:30:00.000Z");
      expect(utc("2026-11-01", "02:00", NYC)).toBe("2026-11-01T07:00:00.000Z");
    });
  });

  test("a zone whose jump is at midnight: America/Santiago skips 00:00-00:59 on 2026-09-06", () => {
    expect(utc("2026-09-06", "00:00", "America/Santiago")).toBeNull();
    expect(utc("2026-09-06", "01:00", "America/Santiago")).toBe("2026-09-06T04:00:00.000Z");
  });

  test("every wall-clock minute of a whole transition day round-trips or is null only in the gap", () => {
    for (const [zone, date, gapStart, gapEnd] of [
      [AMS, "2026-03-29", hm("02:00"), hm("03:00")],
      [AMS, "2026-10-25", -1, -1],
      [NYC, "2026-03-08", hm("02:00"), hm("03:00")],
      [NYC, "2026-11-01", -1, -1],
    ] as const) {
      for (let minute = 0; minute < 1440; minute++) {
        const instant = wallClockToUtc(date, minute, zone);
        if (minute >= gapStart && minute < gapEnd) {
          expect(instant, `${zone} ${date} minute ${minute}`).toBeNull();
        } else {
          expect(instant, `${zone} ${date} minute ${minute}`).not.toBeNull();
          expect(localDateOf(instant!, zone)).toBe(date);
          expect(minuteOfDayAt(instant!, zone)).toBe(minute);
        }
      }
    }
  });

  test("rejects a date that is not a calendar date", () => {
    expect(() => wallClockToUtc("2026-02-30", 0, AMS)).toThrow(RangeError);
    expect(() => wallClockToUtc("26-1-1", 0, AMS)).toThrow(RangeError);
  });

  test("rejects an unknown zone", () => {
    expect(() => wallClockToUtc("2026-01-01", 0, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("wallClockOn", () => {
  test.each([
    [AMS, "2026-03-28"],
    [AMS, "2026-03-29"],
    [AMS, "2026-03-30"],
    [AMS, "2026-10-25"],
    [AMS, "2026-07-15"],
    [NYC, "2026-03-08"],
    [NYC, "2026-11-01"],
    ["America/Santiago", "2026-09-06"],
    ["Australia/Lord_Howe", "2026-04-05"],
  ])("%s %s: the same answer as wallClockToUtc for every minute", (zone, date) => {
    const onDay = wallClockOn(date, zone);
    for (let minute = 0; minute <= 1440; minute++) {
      expect(onDay(minute)?.toISOString() ?? null, `minute ${minute}`).toBe(wallClockToUtc(date, minute, zone)?.toISOString() ?? null);
    }
  });
});

describe("wallClockToUtcAtOrAfter", () => {
  test("is wallClockToUtc for a time that exists, the first reading for an ambiguous one", () => {
    expect(wallClockToUtcAtOrAfter("2026-07-15", hm("09:00"), AMS).toISOString()).toBe("2026-07-15T07:00:00.000Z");
    expect(wallClockToUtcAtOrAfter("2026-10-25", hm("02:30"), AMS).toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  test("a skipped time gives the moment of the jump", () => {
    expect(wallClockToUtcAtOrAfter("2026-03-29", hm("02:00"), AMS).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(wallClockToUtcAtOrAfter("2026-03-29", hm("02:30"), AMS).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(wallClockToUtcAtOrAfter("2026-03-08", hm("02:15"), NYC).toISOString()).toBe("2026-03-08T07:00:00.000Z");
    // Santiago's day starts at 01:00, when the clock jumps from 23:59:59 the day before.
    expect(wallClockToUtcAtOrAfter("2026-09-06", 0, "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });
});

describe("offsetMinutesAt", () => {
  test.each([
    [AMS, "2026-03-29T00:59:59Z", 60],
    [AMS, "2026-03-29T01:00:00Z", 120],
    [AMS, "2026-10-25T00:59:59Z", 120],
    [AMS, "2026-10-25T01:00:00Z", 60],
    [NYC, "2026-03-08T06:59:59Z", -300],
    [NYC, "2026-03-08T07:00:00Z", -240],
    [NYC, "2026-11-01T05:59:59Z", -240],
    [NYC, "2026-11-01T06:00:00Z", -300],
    ["Asia/Kathmandu", "2026-01-01T00:00:00Z", 345],
    ["UTC", "2026-01-01T00:00:00Z", 0],
  ])("%s at %s is %i", (zone, iso, expected) => {
    expect(offsetMinutesAt(at(iso), zone)).toBe(expected);
  });
});

describe("localDateOf, minuteOfDayAt, isoWeekdayAt", () => {
  test.each([
    // 23:30 UTC on Sunday 2026-03-29 is already Monday in Amsterdam.
    ["2026-03-29T23:30:00Z", AMS, "2026-03-30", hm("01:30"), 1],
    ["2026-03-29T21:59:00Z", AMS, "2026-03-29", hm("23:59"), 7],
    ["2026-03-29T22:00:00Z", AMS, "2026-03-30", 0, 1],
    // 03:00 UTC on Monday is still Sunday evening in New York.
    ["2026-03-09T03:00:00Z", NYC, "2026-03-08", hm("23:00"), 7],
    ["2026-03-09T04:00:00Z", NYC, "2026-03-09", 0, 1],
    ["2026-01-03T12:00:00Z", "UTC", "2026-01-03", hm("12:00"), 6],
    ["2026-01-01T00:00:00.999Z", "UTC", "2026-01-01", 0, 4],
  ])("%s in %s is %s, minute %i, weekday %i", (iso, zone, date, minute, weekday) => {
    expect(localDateOf(at(iso), zone)).toBe(date);
    expect(minuteOfDayAt(at(iso), zone)).toBe(minute);
    expect(isoWeekdayAt(at(iso), zone)).toBe(weekday);
  });
});

describe("calendar dates", () => {
  test("isoWeekdayOfDate counts Monday as 1 and Sunday as 7", () => {
    expect(["2026-03-23", "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27", "2026-03-28", "2026-03-29"].map(isoWeekdayOfDate)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
    expect(isoWeekdayOfDate("2024-02-29")).toBe(4);
  });

  test("addDays crosses months, years and leap days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-29", 0)).toBe("2026-03-29");
    expect(addDays("2026-01-01", 365)).toBe("2027-01-01");
  });
});

describe("localDatesBetween", () => {
  test("every local date touched, both ends included", () => {
    expect(localDatesBetween(at("2026-03-27T12:00:00Z"), at("2026-03-30T12:00:00Z"), AMS)).toEqual([
      "2026-03-27",
      "2026-03-28",
      "2026-03-29",
      "2026-03-30",
    ]);
  });

  test("uses the zone's dates, not UTC's", () => {
    // 23:30 UTC on the 28th is the 29th in Amsterdam and still the 28th in New York.
    expect(localDatesBetween(at("2026-03-28T23:30:00Z"), at("2026-03-29T03:00:00Z"), AMS)).toEqual(["2026-03-29"]);
    expect(localDatesBetween(at("2026-03-28T23:30:00Z"), at("2026-03-29T03:00:00Z"), NYC)).toEqual([
      "2026-03-28",
    ]);
  });

  test("a fall-back day (25 hours) is listed once", () => {
    expect(localDatesBetween(at("2026-10-24T22:00:00Z"), at("2026-10-25T22:59:59Z"), AMS)).toEqual(["2026-10-25"]);
  });

  test("one instant gives its own date; a reversed range gives none", () => {
    expect(localDatesBetween(at("2026-05-01T10:00:00Z"), at("2026-05-01T10:00:00Z"), AMS)).toEqual(["2026-05-01"]);
    expect(localDatesBetween(at("2026-05-02T10:00:00Z"), at("2026-05-01T10:00:00Z"), AMS)).toEqual([]);
  });

  test("28 days in a zone with a transition give 28 dates", () => {
    const dates = localDatesBetween(at("2026-03-15T23:00:00Z"), at("2026-04-12T21:59:59Z"), AMS);
    expect(dates).toHaveLength(28);
    expect(dates[0]).toBe("2026-03-16");
    expect(dates.at(-1)).toBe("2026-04-12");
  });
});

describe("isValidTimeZone", () => {
  test.each([
    [AMS, true],
    [NYC, true],
    ["UTC", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
  ])("%s: %s", (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});
