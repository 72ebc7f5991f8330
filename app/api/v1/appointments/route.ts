import { requireApiRole, requireApiUser } from "@/lib/auth/guards";
import { bookAppointment, type BookingResult } from "@/lib/appointments";
import { appointmentJson, listAppointments } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { appUrl, requestAddress } from "@/lib/http/context";
import { json, parseOrThrow, readJson, route } from "@/lib/http/respond";
import { appointmentListQuerySchema, encodeCursor } from "@/lib/validation/appointments";
import { bookingSchema, idempotencyKeySchema } from "@/lib/validation/booking";

export const dynamic = "force-dynamic";

/**
 * The caller's appointments (a patient's own, a therapist's schedule, everything for an admin), a page at a time:
 * from now on, soonest first, unless from/to/order say otherwise; the next page's address in a Link header.
 */
export const GET = route(async (request) => {
  const user = await requireApiUser();
  const url = new URL(request.url);
  const query = parseOrThrow(appointmentListQuerySchema, Object.fromEntries(url.searchParams));
  const from = query.from ?? (query.to ? undefined : new Date());
  const page = await listAppointments(getDb(), user, {
    from,
    to: query.to,
    statuses: query.status,
    order: query.order,
    cursor: query.cursor,
    limit: query.limit,
  });
  const headers: Record<string, string> = {};
  if (page.next) {
    const next = new URL(url);
    next.searchParams.set("cursor", encodeCursor(page.next));
    // The window stays as the first page resolved it: "from now" does not move between pages.
    if (from) next.searchParams.set("from", from.toISOString());
    headers.Link = `<${next.pathname}${next.search}>; rel="next"`;
  }
  return json(page.items.map(appointmentJson), { headers });
});

/** A patient books. 201 confirmed | held; 422 contraindicated | validation; 409 slot_taken. */
export const POST = route(async (request) => {
  const user = await requireApiRole("PATIENT");
  const key = request.headers.get("idempotency-key");
  const idempotencyKey = key === null ? undefined : parseOrThrow(idempotencyKeySchema, key);
  const booking = await readJson(request, bookingSchema);
  const result = await bookAppointment(getDb(), {
    patient: user,
    booking,
    idempotencyKey,
    appUrl: appUrl(),
    ipAddress: requestAddress(request),
  });
  return json(bookingJson(result), 201);
});

function bookingJson(result: BookingResult) {
  return {
    id: result.id,
    status: result.status,
    start: result.start.toISOString(),
    end: result.end.toISOString(),
    ...(result.clearance ? { clearance: { ...result.clearance, holdUntil: result.clearance.holdUntil.toISOString() } } : {}),
  };
}
