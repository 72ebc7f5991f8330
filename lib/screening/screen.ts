// screenIntake: the clinic's rules applied to one intake, on the server, every
// time. Contraindications refuse; serious conditions need a physician's
// clearance; anything else is confirmed. Reasons carry the same words the
// pages show (lib/screening/conditions.ts). A booking is screened with the
// patient's health record as well (lib/screening/record.ts).
import type { Intake } from "@/lib/validation/intake";
import {
  CONDITION_RULES,
  DESCRIBED_CONDITION_KEY,
  SYMPTOM_KEYS,
  YES_NO_CONDITION_KEYS,
  type ConditionKey,
  type ConditionRule,
  type SeriousConditionKey,
} from "./conditions";
import type { ConditionRef } from "./record";

export type { ConditionKey } from "./conditions";

export interface ScreeningReason {
  key: ConditionKey;
  label: string;
  why: string;
}

export type ScreeningResult =
  | { outcome: "refused"; reasons: ScreeningReason[] }
  | { outcome: "clearance"; reasons: ScreeningReason[]; conditions: SeriousConditionKey[] }
  | { outcome: "clear"; reasons: [] };

function declared(intake: Intake, key: ConditionKey): boolean {
  if (key === DESCRIBED_CONDITION_KEY) return Boolean(intake.conditions.otherSerious?.trim());
  if ((SYMPTOM_KEYS as readonly string[]).includes(key)) return intake.symptoms[key as (typeof SYMPTOM_KEYS)[number]];
  return intake.conditions[key as (typeof YES_NO_CONDITION_KEYS)[number]];
}

const toReason = ({ key, label, why }: ConditionRule): ScreeningReason => ({ key, label, why });

export function screenIntake(intake: Intake): ScreeningResult {
  const present = CONDITION_RULES.filter((rule) => declared(intake, rule.key));
  const refusing = present.filter((rule) => rule.outcome === "refuse");
  if (refusing.length > 0) return { outcome: "refused", reasons: refusing.map(toReason) };
  const clearance = present.filter((rule) => rule.outcome === "clearance");
  if (clearance.length > 0) {
    return { outcome: "clearance", reasons: clearance.map(toReason), conditions: clearance.map((rule) => rule.key as SeriousConditionKey) };
  }
  return { outcome: "clear", reasons: [] };
}

/** The serious conditions an intake declares, "another serious condition" with its description. */
export function declaredConditions(intake: Intake): ConditionRef[] {
  const result = screenIntake(intake);
  if (result.outcome !== "clearance") return [];
  return result.conditions.map((key) =>
    key === DESCRIBED_CONDITION_KEY ? { key, description: intake.conditions.otherSerious?.trim() } : { key },
  );
}

/** The Intake table's columns: one per key of the table of conditions. */
export type IntakeColumns = {
  painOnset: "RECENT" | "CHRONIC";
  painAreas: string[];
  painLevel: number;
  otherSerious: string | null;
  notes: string | null;
} & { [K in (typeof SYMPTOM_KEYS)[number] | (typeof YES_NO_CONDITION_KEYS)[number]]: boolean };

const pick = <K extends string>(row: Record<K, boolean>, keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, row[key]])) as Record<K, boolean>;

export function intakeColumns(intake: Intake): IntakeColumns {
  return {
    painOnset: intake.painOnset === "recent" ? "RECENT" : "CHRONIC",
    painAreas: intake.painAreas,
    painLevel: intake.painLevel,
    ...pick(intake.symptoms, SYMPTOM_KEYS),
    ...pick(intake.conditions, YES_NO_CONDITION_KEYS),
    otherSerious: intake.conditions.otherSerious ?? null,
    notes: intake.notes ?? null,
  };
}

/** A stored intake read back as the schema's value (for screening an earlier intake again). */
export function intakeFromColumns(row: IntakeColumns): Intake {
  return {
    painOnset: row.painOnset === "RECENT" ? "recent" : "chronic",
    painAreas: row.painAreas as Intake["painAreas"],
    painLevel: row.painLevel,
    symptoms: pick(row, SYMPTOM_KEYS),
    conditions: { ...pick(row, YES_NO_CONDITION_KEYS), otherSerious: row.otherSerious ?? undefined },
    notes: row.notes ?? undefined,
  };
}
