"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/guards";
import { formError, type CalendarFormResult } from "@/lib/calendar/form-result";
import { localInputToIso, textInput } from "@/lib/calendar/form-input";
import { createTimeOff, decideTimeOff, deleteTimeOff } from "@/lib/calendar/time-off";
import { getDb } from "@/lib/db";
import { actionContext } from "@/lib/http/context";
import { getClinicSettings } from "@/lib/settings";

export async function createTimeOffAction(_: CalendarFormResult | null, form: FormData): Promise<CalendarFormResult> {
  const user = await requireRole("ADMIN");
  const db = getDb();
  const { timeZone } = await getClinicSettings(db);
  const { ipAddress } = await actionContext();
  try {
    await createTimeOff(
      db,
      user,
      textInput(form.get("therapistId")),
      { start: localInputToIso(form.get("start"), timeZone), end: localInputToIso(form.get("end"), timeZone), reason: textInput(form.get("reason")) },
      { ipAddress },
    );
    revalidatePath("/admin/time-off");
    return { ok: true, message: "Time off entered: those times are no longer offered." };
  } catch (error) {
    return formError(error, timeZone);
  }
}

export async function decideTimeOffAction(timeOffId: string, decision: "approve" | "decline", _: CalendarFormResult | null): Promise<CalendarFormResult> {
  const user = await requireRole("ADMIN");
  const db = getDb();
  const { timeZone } = await getClinicSettings(db);
  const { ipAddress } = await actionContext();
  try {
    await decideTimeOff(db, user, timeOffId, { decision }, { ipAddress });
    revalidatePath("/admin/time-off");
    return { ok: true, message: decision === "approve" ? "Approved." : "Declined." };
  } catch (error) {
    return formError(error, timeZone);
  }
}

export async function deleteTimeOffAction(timeOffId: string, _: CalendarFormResult | null): Promise<CalendarFormResult> {
  const user = await requireRole("ADMIN");
  const { ipAddress } = await actionContext();
  try {
    await deleteTimeOff(getDb(), user, timeOffId, { ipAddress });
    revalidatePath("/admin/time-off");
    return { ok: true, message: "Removed: those times are offered again." };
  } catch (error) {
    return formError(error, "UTC");
  }
}
