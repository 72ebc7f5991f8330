import { requireApiUser } from "@/lib/auth/guards";
import { changeAppointment } from "@/lib/appointments";
import { appointmentJson, getAppointment } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { appUrl, recordId, requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";
import { changeSchema } from "@/lib/validation/appointments";

/**
 * Changes an appointment's time, massage type or length (same therapist): 201 with the changed appointment,
 * screened again (it may become held, or be refused with what to choose instead); 409 slot_taken; 422.
 */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const id = await recordId(params);
  const user = await requireApiUser();
  const change = await readJson(request, changeSchema);
  const db = getDb();
  const changed = await changeAppointment(db, {
    user,
    appointmentId: id,
    ...change,
    appUrl: appUrl(),
    ipAddress: requestAddress(request),
  });
  return json(appointmentJson(await getAppointment(db, user, changed.id)), 201);
});
