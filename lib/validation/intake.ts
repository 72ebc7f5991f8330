// The back-pain health intake. One schema for the booking form and the API;
// screening reads the parsed value. Its health questions are built from the
// clinic's one table of conditions (lib/screening/conditions.ts).
import { z } from "zod";
import {
  conditionRule,
  SYMPTOM_KEYS,
  YES_NO_CONDITION_KEYS,
  type SymptomKey,
  type YesNoConditionKey,
} from "@/lib/screening/conditions";
import { optionalText } from "./text";

export const PAIN_AREAS = ["neck", "shoulders", "upper-back", "mid-back", "lower-back", "hips", "other"] as const;
export type PainArea = (typeof PAIN_AREAS)[number];

export const PAIN_AREA_LABEL: Record<PainArea, string> = {
  neck: "Neck",
  shoulders: "Shoulders",
  "upper-back": "Upper back",
  "mid-back": "Middle of the back",
  "lower-back": "Lower back",
  hips: "Hips and buttocks",
  other: "Somewhere else",
};

const answer = (key: SymptomKey | YesNoConditionKey) => z.boolean({ error: `Answer yes or no: ${conditionRule(key).question}` });

/** One yes/no question per key of the table, in the table's order. */
function yesNoQuestions<K extends SymptomKey | YesNoConditionKey>(keys: readonly K[]): { [P in K]: z.ZodBoolean } {
  return Object.fromEntries(keys.map((key) => [key, answer(key)])) as { [P in K]: z.ZodBoolean };
}


export const intakeSchema = z.object({
  painOnset: z.enum(["recent", "chronic"], { error: "Say whether the pain is recent or chronic." }),
  painAreas: z
    .array(z.enum(PAIN_AREAS, { error: "Choose areas from the list." }), { error: "Choose where it hurts." })
    .min(1, "Choose at least one area where it hurts.")
    .max(PAIN_AREAS.length)
    .refine((areas) => new Set(areas).size === areas.length, "Choose each area once."),
  painLevel: z
    .number({ error: "Give your pain a number from 0 to 10." })
    .int("Give your pain a whole number from 0 to 10.")
    .min(0, "Give your pain a number from 0 to 10.")
    .max(10, "Give your pain a number from 0 to 10."),
  symptoms: z.object(yesNoQuestions(SYMPTOM_KEYS), { error: "Answer the questions about how you feel today." }),
  conditions: z.object(
    { ...yesNoQuestions(YES_NO_CONDITION_KEYS), otherSerious: optionalText(500, "Keep it under 500 characters.") },
    { error: "Answer the questions about your health." },
  ),
  notes: optionalText(2000, "Keep notes under 2000 characters."),
});

export type IntakeInput = z.input<typeof intakeSchema>;
export type Intake = z.output<typeof intakeSchema>;
