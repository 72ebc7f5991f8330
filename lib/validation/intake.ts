// The back-pain health intake (shared/DESIGN.md). One schema for the booking
// form and the API; screening reads the parsed value.
import { z } from "zod";

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

const answer = (question: string) => z.boolean({ error: `Answer yes or no: ${question}` });

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
  symptoms: z.object(
    {
      fever: answer("do you have a fever?"),
      contagiousIllness: answer("do you have a cold, flu or another contagious illness?"),
      acuteInjury: answer("do you have an acute injury?"),
    },
    { error: "Answer the questions about how you feel today." },
  ),
  conditions: z.object(
    {
      cardiovascular: answer("cardiovascular disease?"),
      cancer: answer("cancer?"),
      diabetes: answer("diabetes?"),
      osteoporosis: answer("osteoporosis?"),
      otherSerious: z
        .string()
        .trim()
        .max(500, "Keep it under 500 characters.")
        .optional()
        .transform((value) => (value ? value : undefined)),
    },
    { error: "Answer the questions about your health." },
  ),
  notes: z
    .string()
    .trim()
    .max(2000, "Keep notes under 2000 characters.")
    .optional()
    .transform((value) => (value ? value : undefined)),
});

export type IntakeInput = z.input<typeof intakeSchema>;
export type Intake = z.output<typeof intakeSchema>;
