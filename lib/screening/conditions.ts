// The clinic's screening rules: one table of conditions, from its guidance.
// Everything that names a condition follows this table: the intake schema
// (lib/validation/intake.ts) builds its questions from it, the Intake table's
// columns carry its keys, screening evaluates it, the patient's health record
// keeps its "clearance" conditions, and the pages show its words.
export type ConditionOutcome = "refuse" | "clearance";

/** Contraindications asked about on the day: yes/no questions under intake.symptoms. */
export const SYMPTOM_KEYS = ["fever", "contagiousIllness", "acuteInjury"] as const;
/** Serious conditions asked as yes/no questions under intake.conditions. */
export const YES_NO_CONDITION_KEYS = ["cardiovascular", "cancer", "diabetes", "osteoporosis"] as const;
/** "Another serious medical condition": the patient describes it (intake.conditions.otherSerious). */
export const DESCRIBED_CONDITION_KEY = "otherSerious" as const;

export type SymptomKey = (typeof SYMPTOM_KEYS)[number];
export type YesNoConditionKey = (typeof YES_NO_CONDITION_KEYS)[number];
export type SeriousConditionKey = YesNoConditionKey | typeof DESCRIBED_CONDITION_KEY;
export type ConditionKey = SymptomKey | SeriousConditionKey;

export interface ConditionRule {
  key: ConditionKey;
  outcome: ConditionOutcome;
  /** What the patient is asked about, in plain words. */
  label: string;
  /** Why it matters, shown next to the question and in the outcome. */
  why: string;
  /** The question in a validation message: "Answer yes or no: <question>". */
  question: string;
}

const RULES: { [K in ConditionKey]: Omit<ConditionRule, "key" | "outcome"> & { outcome: K extends SymptomKey ? "refuse" : "clearance" } } = {
  fever: {
    outcome: "refuse",
    label: "A fever",
    why: "Massage moves blood and lymph around the body and can make a fever and the illness behind it worse.",
    question: "do you have a fever?",
  },
  contagiousIllness: {
    outcome: "refuse",
    label: "A cold, flu or any other contagious illness",
    why: "Massage is close contact: it can pass the illness to your therapist and other patients, and it can slow your own recovery.",
    question: "do you have a cold, flu or another contagious illness?",
  },
  acuteInjury: {
    outcome: "refuse",
    label: "An acute injury (a recent sprain, strain, fracture, bruise or wound)",
    why: "Pressure on a fresh injury can deepen the damage. Let it settle first; massage can help afterwards.",
    question: "do you have an acute injury?",
  },
  cardiovascular: {
    outcome: "clearance",
    label: "Cardiovascular disease (heart disease, high blood pressure, blood clots)",
    why: "Massage changes blood pressure and circulation, so your physician should confirm it is safe for you.",
    question: "cardiovascular disease?",
  },
  cancer: {
    outcome: "clearance",
    label: "Cancer (now or in treatment)",
    why: "Your physician knows where pressure should be avoided and how treatment affects your body.",
    question: "cancer?",
  },
  diabetes: {
    outcome: "clearance",
    label: "Diabetes",
    why: "Diabetes can reduce feeling in the skin and affect circulation, so pressure needs your physician's go-ahead.",
    question: "diabetes?",
  },
  osteoporosis: {
    outcome: "clearance",
    label: "Osteoporosis",
    why: "Fragile bones can be hurt by firm pressure; your physician can say what is safe.",
    question: "osteoporosis?",
  },
  otherSerious: {
    outcome: "clearance",
    label: "Another serious medical condition",
    why: "Anything serious deserves a physician's view before massage.",
    question: "another serious medical condition?",
  },
};

const ORDER: readonly ConditionKey[] = [...SYMPTOM_KEYS, ...YES_NO_CONDITION_KEYS, DESCRIBED_CONDITION_KEY];

export const CONDITION_RULES: readonly ConditionRule[] = ORDER.map((key) => ({ key, ...RULES[key] }));

export const REFUSING_CONDITIONS = CONDITION_RULES.filter((rule) => rule.outcome === "refuse");
export const CLEARANCE_CONDITIONS = CONDITION_RULES.filter((rule) => rule.outcome === "clearance");
export const SERIOUS_CONDITION_KEYS: readonly SeriousConditionKey[] = [...YES_NO_CONDITION_KEYS, DESCRIBED_CONDITION_KEY];

export function conditionRule(key: ConditionKey): ConditionRule {
  return { key, ...RULES[key] };
}

export const isSeriousConditionKey = (key: string): key is SeriousConditionKey =>
  (SERIOUS_CONDITION_KEYS as readonly string[]).includes(key);

/** A condition as a patient reads it in a sentence: "diabetes"; for another serious condition, their own description. */
export function conditionWords(key: SeriousConditionKey, description?: string | null): string {
  if (key === DESCRIBED_CONDITION_KEY && description) return description;
  const label = RULES[key].label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}
