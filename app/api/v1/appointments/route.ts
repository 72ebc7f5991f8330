import { requireApiRole, requireApiUser } from "@/lib/auth/guards";
import { bookAppointment, type BookingResult } from "@/lib/booking/book";
import { appointmentJson, listAppointments } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { appUrlFor, requestAddress } from "@/lib/http/context";
import { json, parseOrThrow, readJson, route } from "@/lib/http/respond";
import { bookingSchema, idempotencyKeySchema } from "@/lib/validation/booking";

export const dynamic = "force-dynamic";

/** The caller's appointments: a patient's own, a therapist's schedule, everything for an admin. */
export const GET = route(async () => {
  const user = await requireApiUser();
  const appointments = await listAppointments(getDb(), user);
  return json(appointments.map(appointmentJson));
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
    appUrl: appUrlFor(request),
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
