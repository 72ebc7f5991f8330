import { requireApiUser } from "@/lib/auth/guards";
import { finishAppointment } from "@/lib/appointments";
import { appointmentJson, getAppointment } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { recordId, requestAddress } from "@/lib/http/context";
import { json, route } from "@/lib/http/respond";

/** Its therapist (or clinic staff) marks a started, confirmed appointment completed. 409 before the start or from another state. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const id = await recordId(params);
  const user = await requireApiUser();
  const db = getDb();
  await finishAppointment(db, { user, appointmentId: id, outcome: "COMPLETED", ipAddress: requestAddress(request) });
  return json(appointmentJson(await getAppointment(db, user, id)));
});
