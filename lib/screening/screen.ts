// screenIntake: the clinic's rules applied to one intake, on the server, every
// time. Contraindications refuse; serious conditions need a physician's
// clearance; anything else is confirmed. Reasons carry the same words the
// pages show (lib/screening/conditions.ts).
import type { Intake } from "@/lib/validation/intake";
import { CONDITION_RULES, type ConditionRule } from "./conditions";

export type ConditionKey = ConditionRule["key"];

export interface ScreeningReason {
  key: ConditionKey;
  label: string;
  why: string;
}

export type ScreeningResult =
  | { outcome: "refused"; reasons: ScreeningReason[] }
  | { outcome: "clearance"; reasons: ScreeningReason[]; conditions: ConditionKey[] }
  | { outcome: "clear"; reasons: [] };

function declared(intake: Intake, key: ConditionKey): boolean {
  switch (key) {
    case "fever":
    case "contagiousIllness":
    case "acuteInjury":
      return intake.symptoms[key];
    case "cardiovascular":
    case "cancer":
    case "diabetes":
    case "osteoporosis":
      return intake.conditions[key];
    case "otherSerious":
      return Boolean(intake.conditions.otherSerious?.trim());
  }
}

const toReason = ({ key, label, why }: ConditionRule): ScreeningReason => ({ key, label, why });

export function screenIntake(intake: Intake): ScreeningResult {
  const present = CONDITION_RULES.filter((rule) => declared(intake, rule.key));
  const refusing = present.filter((rule) => rule.outcome === "refuse");
  if (refusing.length > 0) return { outcome: "refused", reasons: refusing.map(toReason) };
  const clearance = present.filter((rule) => rule.outcome === "clearance");
  if (clearance.length > 0) {
    return { outcome: "clearance", reasons: clearance.map(toReason), conditions: clearance.map((rule) => rule.key) };
  }
  return { outcome: "clear", reasons: [] };
}
