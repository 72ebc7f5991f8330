import { requireApiUser } from "@/lib/auth/guards";
import { cancelAppointment } from "@/lib/appointments";
import { appointmentJson, getAppointment } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { appUrl, recordId, requestAddress } from "@/lib/http/context";
import { json, route } from "@/lib/http/respond";

/** The patient (before the cancellation notice) or the clinic cancels. 409 if it cannot be cancelled. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const id = await recordId(params);
  const user = await requireApiUser();
  const db = getDb();
  await cancelAppointment(db, { user, appointmentId: id, appUrl: appUrl(), ipAddress: requestAddress(request) });
  return json(appointmentJson(await getAppointment(db, user, id)));
});
