"use server";

import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/guards";
import { cancelForPatient, moveForPatient } from "@/lib/calendar/appointments";
import { formError, type CalendarFormResult } from "@/lib/calendar/form-result";
import { localInputToIso, textInput } from "@/lib/calendar/form-input";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/validation/ids";
import { actionContext } from "@/lib/http/context";
import { getClinicSettings } from "@/lib/settings";

export async function cancelForPatientAction(appointmentId: string, _: CalendarFormResult | null, form: FormData): Promise<CalendarFormResult> {
  const user = await requireRole("ADMIN");
  if (!isUuid(appointmentId)) return { message: "No such appointment." };
  try {
    await cancelForPatient(getDb(), user, appointmentId, { reason: textInput(form.get("reason")) }, await actionContext());
  } catch (error) {
    return formError(error, "UTC");
  }
  redirect(`/admin/appointments/${appointmentId}?done=cancelled`);
}

export async function moveForPatientAction(appointmentId: string, _: CalendarFormResult | null, form: FormData): Promise<CalendarFormResult> {
  const user = await requireRole("ADMIN");
  if (!isUuid(appointmentId)) return { message: "No such appointment." };
  const db = getDb();
  const { timeZone } = await getClinicSettings(db);
  let movedId: string;
  try {
    const moved = await moveForPatient(
      db,
      user,
      appointmentId,
      { start: localInputToIso(form.get("start"), timeZone), reason: textInput(form.get("reason")) },
      await actionContext(),
    );
    movedId = moved.id;
  } catch (error) {
    return formError(error, timeZone);
  }
  redirect(`/admin/appointments/${movedId}?done=moved`);
}
