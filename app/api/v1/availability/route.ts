import { z } from "zod";
import { findAvailableTimes } from "@/lib/booking/availability";
import { MASSAGE_TYPE_SLUGS } from "@/lib/catalogue/massage-types";
import { getDb } from "@/lib/db";
import { isoInstant } from "@/lib/format";
import { json, parseOrThrow, route } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

const instant = (what: string) =>
  z.iso
    .datetime({ offset: true, error: `${what} must be an ISO 8601 date and time, e.g. 2026-06-08T09:00:00Z.` })
    .transform((value) => new Date(value));

const querySchema = z
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

/**
 * Public: free start times of one therapist, or of any bookable therapist of the
 * type when therapistId is left out, starting in [from, to). Times are UTC; the
 * clinic's zone comes with them. The domain refuses a duration the type does
 * not offer, a therapist who cannot be booked and a range over 62 days (422).
 */
export const GET = route(async (request) => {
  const params = new URL(request.url).searchParams;
  const query = parseOrThrow(querySchema, {
    therapistId: params.get("therapistId") || undefined,
    massageType: params.get("massageType") ?? undefined,
    duration: params.get("duration") ?? undefined,
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
  });
  const { timeZone, slots } = await findAvailableTimes(getDb(), query);
  return json({
    timeZone,
    slots: slots.map((slot) => ({ start: isoInstant(slot.start), end: isoInstant(slot.end), therapistId: slot.therapistId })),
  });
});
