// The clinic's screening rules: one table of conditions, from its guidance
// (shared/clinic-guidance.txt). The pages show patients these same words;
// the booking screen evaluates intakes against this table on the server.
export type ConditionOutcome = "refuse" | "clearance";

export interface ConditionRule {
  key: "fever" | "contagiousIllness" | "acuteInjury" | "cardiovascular" | "cancer" | "diabetes" | "osteoporosis" | "otherSerious";
  outcome: ConditionOutcome;
  /** What the patient is asked about, in plain words. */
  label: string;
  /** Why it matters, shown next to the question and in the outcome. */
  why: string;
}

export const CONDITION_RULES: readonly ConditionRule[] = [
  {
    key: "fever",
    outcome: "refuse",
    label: "A fever",
    why: "Massage moves blood and lymph around the body and can make a fever and the illness behind it worse.",
  },
  {
    key: "contagiousIllness",
    outcome: "refuse",
    label: "A cold, flu or any other contagious illness",
    why: "Massage is close contact: it can pass the illness to your therapist and other patients, and it can slow your own recovery.",
  },
  {
    key: "acuteInjury",
    outcome: "refuse",
    label: "An acute injury (a recent sprain, strain, fracture, bruise or wound)",
    why: "Pressure on a fresh injury can deepen the damage. Let it settle first; massage can help afterwards.",
  },
  {
    key: "cardiovascular",
    outcome: "clearance",
    label: "Cardiovascular disease (heart disease, high blood pressure, blood clots)",
    why: "Massage changes blood pressure and circulation, so your physician should confirm it is safe for you.",
  },
  {
    key: "cancer",
    outcome: "clearance",
    label: "Cancer (now or in treatment)",
    why: "Your physician knows where pressure should be avoided and how treatment affects your body.",
  },
  {
    key: "diabetes",
    outcome: "clearance",
    label: "Diabetes",
    why: "Diabetes can reduce feeling in the skin and affect circulation, so pressure needs your physician's go-ahead.",
  },
  {
    key: "osteoporosis",
    outcome: "clearance",
    label: "Osteoporosis",
    why: "Fragile bones can be hurt by firm pressure; your physician can say what is safe.",
  },
  {
    key: "otherSerious",
    outcome: "clearance",
    label: "Another serious medical condition",
    why: "Anything serious deserves a physician's view before massage.",
  },
];

export const REFUSING_CONDITIONS = CONDITION_RULES.filter((rule) => rule.outcome === "refuse");
export const CLEARANCE_CONDITIONS = CONDITION_RULES.filter((rule) => rule.outcome === "clearance");
