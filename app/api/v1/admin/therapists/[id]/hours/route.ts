import { requireApiRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { appUrl, recordId, requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";
import { setWeeklyHours } from "@/lib/staff/therapists";
import { weeklyHoursSchema } from "@/lib/validation/staff";

export const dynamic = "force-dynamic";

/** Admins replace a therapist's weekly hours. 200 with the week as stored; 404 no such therapist; 422 with the field of each bad shift. */
export const PUT = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const admin = await requireApiRole("ADMIN");
  const id = await recordId(params);
  const shifts = await readJson(request, weeklyHoursSchema);
  const hours = await setWeeklyHours(getDb(), id, shifts, { actor: admin, appUrl: appUrl(), ipAddress: requestAddress(request) });
  return json(hours);
});
