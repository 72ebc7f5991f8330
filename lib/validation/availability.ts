import { z } from "zod";
import { MASSAGE_TYPE_SLUGS } from "@/lib/catalogue/massage-types";
import { boundedInstant } from "./text";

const instant = (what: string) => boundedInstant(`${what} must be an ISO 8601 date and time, e.g. 2026-06-08T09:00:00Z.`);

/** GET /api/v1/availability?therapistId&massageType&duration&from&to */
export const availabilityQuerySchema = z
  .object({
    therapistId: z.uuid({ error: "therapistId must be a therapist's id." }).optional(),
    massageType: z.enum(MASSAGE_TYPE_SLUGS, { error: `massageType must be one of: ${MASSAGE_TYPE_SLUGS.join(", ")}.` }),
    duration: z
      .string({ error: "duration (minutes) is required." })
      .regex(/^\d{1,4}$/, "duration must be a whole number of minutes.")
      .transform(Number),
    from: instant("from"),
    to: instant("to"),
  })
  // Zod 4 runs this even when a field failed; it only judges two valid instants.
  .refine((query) => !(query.from instanceof Date && query.to instanceof Date) || query.from < query.to, {
    path: ["to"],
    error: "to must be after from.",
  });
