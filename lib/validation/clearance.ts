// A physician's decision on a clearance request, as the decision form and
// POST /api/v1/clearances/:id/decision send it. One schema for both.
import { z } from "zod";
import { MASSAGE_TYPE_SLUGS } from "@/lib/catalogue/massage-types";
import { addDays, wallClockToUtcAtOrAfter } from "@/lib/time/zoned";
import { DURATIONS, DURATION_MESSAGE } from "./booking";
import { INSTANT_RANGE_MESSAGE, isWithinClinicRange, optionalText } from "./text";

export const DECISIONS = ["approve", "decline"] as const;

/** The longest an approval may be valid from its decision (checked by decideClearance against its clock). */
export const MAX_VALIDITY_MONTHS = 36;


const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const restrictionsSchema = z
  .object({
    text: optionalText(1000, "Keep the restrictions under 1000 characters."),
    excludedMassageTypes: z
      .array(z.enum(MASSAGE_TYPE_SLUGS, { error: "Choose massage types from the list." }), { error: "Choose massage types from the list." })
      .optional()
      .transform((slugs) => (slugs ? [...new Set(slugs)] : [])),
    maxDurationMinutes: z
      .number({ error: DURATION_MESSAGE })
      .int()
      .refine((minutes) => (DURATIONS as readonly number[]).includes(minutes), DURATION_MESSAGE)
      .optional(),
  })
  .superRefine((restrictions, context) => {
    if (restrictions.excludedMassageTypes.length === MASSAGE_TYPE_SLUGS.length) {
      context.addIssue({
        code: "custom",
        path: ["excludedMassageTypes"],
        message: "Leave at least one massage type allowed; to rule out massage altogether, decline instead.",
      });
    }
  });

export type Restrictions = z.output<typeof restrictionsSchema>;

export const decisionSchema = z
  .object({
    decision: z.enum(DECISIONS, { error: "Choose whether to approve or decline." }),
    restrictions: restrictionsSchema.optional(),
    /**
     * The last day (YYYY-MM-DD, to the end of that day in the clinic's time zone)
     * or the instant (ISO 8601 with offset) the approval is valid for.
     * Default: the clinic's clearanceValidityMonths from the decision. That it
     * lies ahead (and covers the appointment) is checked by decideClearance,
     * against the clinic's clock and zone: 422 on `validUntil`.
     */
    validUntil: z
      .union([z.iso.date(), z.iso.datetime({ offset: true })], {
        error: "Give the date the approval is valid until, like 2027-06-30.",
      })
      .refine((value) => isWithinClinicRange(new Date(ISO_DATE.test(value) ? `${value}T00:00:00Z` : value)), INSTANT_RANGE_MESSAGE)
      .optional()
      .transform((value) => (value ? value : undefined)),
    reason: optionalText(1000, "Keep the reason under 1000 characters."),
  })
  .superRefine((decision, context) => {
    if (decision.decision === "decline" && !decision.reason) {
      context.addIssue({
        code: "custom",
        path: ["reason"],
        message: "Say why you decline: the patient reads this reason after signing in.",
      });
    }
  });

export type DecisionInput = z.input<typeof decisionSchema>;
export type Decision = z.output<typeof decisionSchema>;

/** A date means "to the end of that day" in the clinic's zone; an instant means itself. */
export function resolveValidUntil(value: string, timeZone: string): Date {
  if (ISO_DATE.test(value)) return wallClockToUtcAtOrAfter(addDays(value, 1), 0, timeZone);
  return new Date(value);
}

/** The queue's status filter (?status=): one status, or "open" for both that still wait for a decision. */
export const CLEARANCE_STATUS_FILTERS = ["open", "awaiting_document", "under_review", "approved", "declined", "expired"] as const;
export type ClearanceStatusFilter = (typeof CLEARANCE_STATUS_FILTERS)[number];

export const clearanceQueueQuerySchema = z.object({
  status: z
    .enum(CLEARANCE_STATUS_FILTERS, {
      error: `Filter by one of: ${CLEARANCE_STATUS_FILTERS.join(", ")}.`,
    })
    .optional(),
});
