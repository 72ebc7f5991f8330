import { requireApiUser } from "@/lib/auth/guards";
import { appointmentJson, getAppointment } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { recordId } from "@/lib/http/context";
import { json, route } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** One appointment, if the caller may see it; otherwise 404 as if it did not exist. */
export const GET = route(async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const id = await recordId(params);
  const user = await requireApiUser();
  return json(appointmentJson(await getAppointment(getDb(), user, id)));
});
