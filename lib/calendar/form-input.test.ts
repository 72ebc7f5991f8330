// The admin forms' wall-clock inputs become instants in the clinic's zone; what does not parse is passed on
// unchanged so the schema answers it with its field message.
import { describe, expect, test } from "vitest";
import { isoToLocalInput, localInputToIso, numberInput } from "./form-input";

describe("the admin forms' inputs", () => {
  test("a datetime-local value is read on the clinic's wall clock", () => {
    expect(localInputToIso("2026-12-24T09:00", "Europe/Amsterdam")).toBe("2026-12-24T08:00:00.000Z");
    expect(localInputToIso("2026-07-01T09:30", "Europe/Amsterdam")).toBe("2026-07-01T07:30:00.000Z");
    expect(localInputToIso("2026-12-24T09:00", "America/New_York")).toBe("2026-12-24T14:00:00.000Z");
    // 02:30 does not exist on 29 March 2026 in Amsterdam: the moment the clock jumped.
    expect(localInputToIso("2026-03-29T02:30", "Europe/Amsterdam")).toBe("2026-03-29T01:00:00.000Z");
    expect(isoToLocalInput(new Date("2026-12-24T08:00:00Z"), "Europe/Amsterdam")).toBe("2026-12-24T09:00");
  });

  test("anything else is passed on as given", () => {
    expect(localInputToIso("tomorrow", "Europe/Amsterdam")).toBe("tomorrow");
    expect(localInputToIso("2026-12-24T25:00", "Europe/Amsterdam")).toBe("2026-12-24T25:00");
    expect(localInputToIso(null, "Europe/Amsterdam")).toBe("");
    expect(numberInput("12")).toBe(12);
    expect(numberInput(" ")).toBe("");
    expect(numberInput("twelve")).toBe("twelve");
  });
});
