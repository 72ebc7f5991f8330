import { findAvailableTimes } from "@/lib/booking/availability";
import { getDb } from "@/lib/db";
import { isoInstant } from "@/lib/format";
import { json, parseOrThrow, route } from "@/lib/http/respond";
import { availabilityQuerySchema } from "@/lib/validation/availability";

export const dynamic = "force-dynamic";

/**
 * Public: free start times of one therapist, or of any bookable therapist of the
 * type when therapistId is left out, starting in [from, to). Times are UTC; the
 * clinic's zone comes with them. The domain refuses a duration the type does
 * not offer, a therapist who cannot be booked and a range over 62 days (422).
 */
export const GET = route(async (request) => {
  const params = new URL(request.url).searchParams;
  const query = parseOrThrow(availabilityQuerySchema, {
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
