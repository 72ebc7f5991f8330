"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/guards";
import { formError, type CalendarFormResult } from "@/lib/calendar/form-result";
import { localInputToIso, textInput } from "@/lib/calendar/form-input";
import { requestTimeOff } from "@/lib/calendar/time-off";
import { getDb } from "@/lib/db";
import { actionContext } from "@/lib/http/context";
import { getClinicSettings } from "@/lib/settings";

/** A therapist asks for time off; the clinic decides on /admin/time-off. */
export async function requestTimeOffAction(_: CalendarFormResult | null, form: FormData): Promise<CalendarFormResult> {
  const user = await requireRole("THERAPIST");
  const db = getDb();
  const { timeZone } = await getClinicSettings(db);
  const { ipAddress } = await actionContext();
  try {
    await requestTimeOff(
      db,
      user,
      { start: localInputToIso(form.get("start"), timeZone), end: localInputToIso(form.get("end"), timeZone), reason: textInput(form.get("reason")) },
      { ipAddress },
    );
    revalidatePath("/therapist");
    return { ok: true, message: "Requested. The clinic will approve or decline it." };
  } catch (error) {
    return formError(error, timeZone);
  }
}
