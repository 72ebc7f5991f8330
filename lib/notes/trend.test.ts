import { describe, expect, it } from "vitest";
import { painTrendWords, reliefWords } from "./trend";

const sessions = (...after: number[]) => after.map((painAfter) => ({ painBefore: 7, painAfter }));

describe("painTrendWords", () => {
  it("says there is nothing yet, and describes a single visit by itself", () => {
    expect(painTrendWords([])).toBe("No completed sessions with notes yet.");
    expect(painTrendWords([{ painBefore: 6, painAfter: 3 }])).toBe("1 visit so far: pain 6 before and 3 after the session.");
  });

  it("compares the earlier half of the visits with the later half, in whole points", () => {
    // Earlier (6, 6) average 6; later (3, 3) average 3; the middle visit counts in neither.
    expect(painTrendWords(sessions(6, 6, 9, 3, 3))).toBe("Average pain after sessions down from 6 to 3 over 5 visits.");
    expect(painTrendWords(sessions(2, 5))).toBe("Average pain after sessions up from 2 to 5 over 2 visits.");
    expect(painTrendWords(sessions(4, 5, 5, 4))).toBe("Average pain after sessions steady at 5 over 4 visits.");
    // 5.5 rounds to 6, 2.5 to 3.
    expect(painTrendWords(sessions(5, 6, 2, 3))).toBe("Average pain after sessions down from 6 to 3 over 4 visits.");
  });
});

describe("reliefWords", () => {
  it("says how much lower (or higher) pain was after a session, on average", () => {
    expect(reliefWords([])).toBeNull();
    expect(reliefWords([{ painBefore: 7, painAfter: 4 }, { painBefore: 6, painAfter: 4 }])).toBe(
      "On average pain was 2.5 points lower after a session than before.",
    );
    expect(reliefWords([{ painBefore: 3, painAfter: 4 }])).toBe("On average pain was 1 point higher after a session than before.");
    expect(reliefWords([{ painBefore: 3, painAfter: 3 }])).toBe("On average pain was the same before and after a session.");
  });
});
