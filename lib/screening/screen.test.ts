import { describe, expect, it } from "vitest";
import { intakeSchema, type Intake } from "@/lib/validation/intake";
import { CONDITION_RULES } from "./conditions";
import { screenIntake } from "./screen";

const base: Intake = intakeSchema.parse({
  painOnset: "chronic",
  painAreas: ["lower-back"],
  painLevel: 5,
  symptoms: { fever: false, contagiousIllness: false, acuteInjury: false },
  conditions: { cardiovascular: false, cancer: false, diabetes: false, osteoporosis: false },
});

function withAnswers(keys: string[]): Intake {
  const intake = structuredClone(base);
  for (const key of keys) {
    if (key in intake.symptoms) intake.symptoms[key as keyof Intake["symptoms"]] = true;
    else if (key === "otherSerious") intake.conditions.otherSerious = "Epilepsy";
    else (intake.conditions as Record<string, unknown>)[key] = true;
  }
  return intake;
}

const refusing = CONDITION_RULES.filter((r) => r.outcome === "refuse").map((r) => r.key);
const clearing = CONDITION_RULES.filter((r) => r.outcome === "clearance").map((r) => r.key);

/** Every subset of the eight answers: 256 intakes, each with a known right answer. */
function* subsets<T>(items: readonly T[]): Generator<T[]> {
  for (let mask = 0; mask < 1 << items.length; mask++) yield items.filter((_, i) => mask & (1 << i));
}

describe("screenIntake", () => {
  it("confirms an intake with nothing declared", () => {
    expect(screenIntake(base)).toEqual({ outcome: "clear", reasons: [] });
  });

  it.each(refusing)("refuses for %s, with the clinic's words as the reason", (key) => {
    const result = screenIntake(withAnswers([key]));
    const rule = CONDITION_RULES.find((r) => r.key === key)!;
    expect(result).toEqual({ outcome: "refused", reasons: [{ key, label: rule.label, why: rule.why }] });
  });

  it.each(clearing)("needs clearance for %s", (key) => {
    const result = screenIntake(withAnswers([key]));
    expect(result.outcome).toBe("clearance");
    expect(result.outcome === "clearance" && result.conditions).toEqual([key]);
  });

  it("decides every combination of answers: any contraindication refuses, else any condition holds", () => {
    const all = [...refusing, ...clearing];
    let checked = 0;
    for (const subset of subsets(all)) {
      const result = screenIntake(withAnswers(subset));
      const refusals = subset.filter((k) => refusing.includes(k));
      const conditions = subset.filter((k) => clearing.includes(k));
      if (refusals.length > 0) {
        expect(result.outcome).toBe("refused");
        expect(result.reasons.map((r) => r.key).sort()).toEqual([...refusals].sort());
      } else if (conditions.length > 0) {
        expect(result.outcome).toBe("clearance");
        expect(result.outcome === "clearance" && [...result.conditions].sort()).toEqual([...conditions].sort());
      } else {
        expect(result.outcome).toBe("clear");
      }
      checked++;
    }
    expect(checked).toBe(256);
  });

  it("treats a blank 'other serious condition' as none", () => {
    const intake = intakeSchema.parse({ ...base, conditions: { ...base.conditions, otherSerious: "   " } });
    expect(intake.conditions.otherSerious).toBeUndefined();
    expect(screenIntake(intake).outcome).toBe("clear");
  });
});

describe("intakeSchema", () => {
  it.each([
    ["pain level above 10", { painLevel: 11 }, "painLevel"],
    ["pain level below 0", { painLevel: -1 }, "painLevel"],
    ["a fractional pain level", { painLevel: 4.5 }, "painLevel"],
    ["no pain areas", { painAreas: [] }, "painAreas"],
    ["an unknown pain area", { painAreas: ["knee"] }, "painAreas.0"],
    ["an unknown onset", { painOnset: "sudden" }, "painOnset"],
    ["a missing symptom answer", { symptoms: { fever: false, acuteInjury: false } }, "symptoms.contagiousIllness"],
  ])("refuses %s with a message for that field", (_label, change, path) => {
    const result = intakeSchema.safeParse({ ...base, ...change });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path.join(".") === path);
    expect(issue?.message).toMatch(/^[A-Z].+[.?]$/);
  });
});
