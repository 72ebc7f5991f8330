// The day-before health check's three questions (docs/decisions/0019): the
// contraindications of the clinic's one table (lib/screening/conditions.ts),
// asked again the day before. One schema for the API, the server action and
// the patient's form (which sends "yes"/"no" radios: healthCheckFormSchema
// reads them into the same booleans, with the same messages).
import { z } from "zod";
import { conditionRule, SYMPTOM_KEYS, type SymptomKey } from "@/lib/screening/conditions";

const answer = (key: SymptomKey) => z.boolean({ error: `Answer yes or no: ${conditionRule(key).question}` });

export const healthCheckSchema = z.object({
  fever: answer("fever"),
  contagiousIllness: answer("contagiousIllness"),
  acuteInjury: answer("acuteInjury"),
});

export type HealthCheckAnswers = z.output<typeof healthCheckSchema>;

export const HEALTH_CHECK_KEYS: readonly SymptomKey[] = SYMPTOM_KEYS;

const yesNo = (value: unknown) => (value === "yes" ? true : value === "no" ? false : value);

/** The form's radios ("yes"/"no", or nothing yet) read as the API's booleans. */
export const healthCheckFormSchema = z.object({
  fever: z.preprocess(yesNo, healthCheckSchema.shape.fever),
  contagiousIllness: z.preprocess(yesNo, healthCheckSchema.shape.contagiousIllness),
  acuteInjury: z.preprocess(yesNo, healthCheckSchema.shape.acuteInjury),
});

export type HealthCheckFormValues = { [K in SymptomKey]?: "yes" | "no" };

/** Any yes: no massage tomorrow. */
export const anyYes = (answers: HealthCheckAnswers) => answers.fever || answers.contagiousIllness || answers.acuteInjury;
