import { requireApiUser } from "@/lib/auth/guards";
import { rescheduleAppointment } from "@/lib/booking/change";
import { appointmentJson } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { appUrlFor, recordId, requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";
import { rescheduleSchema } from "@/lib/validation/booking";

/** Moves an appointment to another free time with the same therapist; 201 with the new appointment. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const id = await recordId(params);
  const user = await requireApiUser();
  const { start } = await readJson(request, rescheduleSchema);
  const moved = await rescheduleAppointment(getDb(), {
    user,
    appointmentId: id,
    start,
    appUrl: appUrlFor(request),
    ipAddress: requestAddress(request),
  });
  return json(appointmentJson(moved), 201);
});
