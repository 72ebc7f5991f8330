"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/guards";
import { createClosure, deleteClosure } from "@/lib/calendar/closures";
import { formError, type CalendarFormResult } from "@/lib/calendar/form-result";
import { textInput } from "@/lib/calendar/form-input";
import { getDb } from "@/lib/db";
import { actionContext } from "@/lib/http/context";
import { getClinicSettings } from "@/lib/settings";

export async function createClosureAction(_: CalendarFormResult | null, form: FormData): Promise<CalendarFormResult> {
  const user = await requireRole("ADMIN");
  const db = getDb();
  const { timeZone } = await getClinicSettings(db);
  const { ipAddress } = await actionContext();
  try {
    const closure = await createClosure(db, user, { date: textInput(form.get("date")), reason: textInput(form.get("reason")) }, { ipAddress });
    revalidatePath("/admin/closures");
    return { ok: true, message: `The clinic is closed on ${closure.date}: no times are offered that day.` };
  } catch (error) {
    return formError(error, timeZone);
  }
}

export async function deleteClosureAction(closureId: string, _: CalendarFormResult | null): Promise<CalendarFormResult> {
  const user = await requireRole("ADMIN");
  const db = getDb();
  const { ipAddress } = await actionContext();
  try {
    await deleteClosure(db, user, closureId, { ipAddress });
    revalidatePath("/admin/closures");
    return { ok: true, message: "Reopened: the day's times are offered again." };
  } catch (error) {
    return formError(error, "UTC");
  }
}
