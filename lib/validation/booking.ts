// A booking, as the booking form and POST /api/v1/appointments send it.
import { z } from "zod";
import { MASSAGE_TYPE_SLUGS } from "@/lib/catalogue/massage-types";
import { intakeSchema } from "./intake";
import { boundedInstant, safeText } from "./text";

/**
 * Every length a massage type may be offered for (the clinic chooses which per type on /admin/services):
 * 30 to 120 minutes in steps of 15. Whether a type offers the chosen one is the slot rule's question.
 */
export const DURATIONS = [30, 45, 60, 75, 90, 105, 120] as const;
export const DURATION_MESSAGE = "Choose a length between 30 and 120 minutes, in steps of 15.";

export const isoInstant = (message: string) => boundedInstant(message);

// Which physician reviews a declared condition is the lifecycle's call (the
// patient's last one when none is chosen): lib/appointments/book.ts.
export const bookingSchema = z.object({
  therapistId: z.uuid({ error: "Choose a therapist." }),
  massageType: z.enum(MASSAGE_TYPE_SLUGS, { error: "Choose a massage type: Swedish, deep tissue or myofascial." }),
  duration: z
    .number({ error: "Choose how long the session should be." })
    .int()
    .refine((minutes) => (DURATIONS as readonly number[]).includes(minutes), DURATION_MESSAGE),
  start: isoInstant("Choose a time from the ones offered."),
  physicianId: z.uuid({ error: "Choose the physician who should review your clearance." }).optional(),
  intake: intakeSchema,
});

export type BookingInput = z.input<typeof bookingSchema>;
export type Booking = z.output<typeof bookingSchema>;

export const idempotencyKeySchema = safeText()
  .trim()
  .min(8, "Idempotency-Key must be 8 to 200 characters.")
  .max(200, "Idempotency-Key must be 8 to 200 characters.");
