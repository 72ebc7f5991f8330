// The lifecycle's refusals, each in words that say what to do.
import { ConflictError, ValidationError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { localDateOf } from "@/lib/time/zoned";
import { typeInSentence } from "@/lib/catalogue/massage-types";
import type { Coverage } from "./coverage";

const SLOT_TAKEN = "Someone has just booked this time. Your answers are kept: choose another time.";

export class SlotTakenError extends ConflictError {
  constructor(alternatives: Array<{ start: Date; end: Date; therapistId: string }>) {
    super("slot_taken", SLOT_TAKEN);
    this.extra = {
      alternatives: alternatives.map((slot) => ({
        start: slot.start.toISOString(),
        end: slot.end.toISOString(),
        therapistId: slot.therapistId,
      })),
    };
  }
}

export const notOffered = () =>
  new ValidationError("This time cannot be booked.", {
    start: "This time cannot be booked with this therapist. Choose one of the times offered.",
  });

/** The last day something valid until `validUntil` applies, as the clinic reads it: "1 December 2027". */
export function lastValidDay(validUntil: Date, timeZone: string): string {
  return formatDate(new Date(`${localDateOf(new Date(validUntil.getTime() - 1), timeZone)}T00:00:00Z`));
}

/** 422 naming each physician whose restriction the visit breaks, and what to choose instead. */
export function restrictionRefusal(mismatches: Coverage["mismatches"], visit: { massageType: string }, timeZone: string): ValidationError {
  const fields: Record<string, string> = {};
  for (const { restriction, fields: broken } of mismatches) {
    const until = lastValidDay(restriction.validUntil, timeZone);
    for (const field of broken) {
      fields[field] ??=
        field === "massageType"
          ? `${restriction.physicianName}'s restrictions rule out ${typeInSentence(visit.massageType)} for you until ${until}. Choose another massage type.`
          : `${restriction.physicianName}'s restrictions limit your sessions to ${restriction.maxDurationMinutes} minutes until ${until}. Choose a shorter session.`;
    }
  }
  return new ValidationError(Object.values(fields).join(" "), fields);
}
