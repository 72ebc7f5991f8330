// The patient's health record: the serious conditions they have declared. A
// condition stays on the record until clinic staff or a physician marks it
// resolved, so screening always weighs the record together with the intake in
// hand (unionConditions): leaving a box unticked next time does not make a
// patient "clear".
import { DESCRIBED_CONDITION_KEY, type SeriousConditionKey } from "./conditions";

/** One serious condition: its key in the table, and for "another serious condition" the patient's description. */
export interface ConditionRef {
  key: SeriousConditionKey;
  description?: string;
}

/** A condition on the record: when the patient first told us about it. */
export interface RecordedCondition extends ConditionRef {
  id: string;
  declaredAt: Date;
}

/** "Epilepsy " and "epilepsy" are one condition: trimmed, inner spaces collapsed, lower case. */
export function normaliseDescription(text: string | null | undefined): string {
  return (text ?? "").trim().replace(/\s+/g, " ").toLowerCase();
}

/** What makes two declarations the same condition. */
export function conditionIdentity(condition: ConditionRef): string {
  return condition.key === DESCRIBED_CONDITION_KEY ? `${condition.key}:${normaliseDescription(condition.description)}` : condition.key;
}

/** The record's conditions, then any the intake adds; each condition once (the record's entry wins, with its date). */
export function unionConditions<R extends ConditionRef>(record: readonly R[], declared: readonly ConditionRef[]): Array<R | ConditionRef> {
  const seen = new Set(record.map(conditionIdentity));
  const added = declared.filter((condition) => {
    const identity = conditionIdentity(condition);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
  return [...record, ...added];
}
