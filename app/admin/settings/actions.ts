"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/guards";
import { formError, type CalendarFormResult } from "@/lib/calendar/form-result";
import { numberInput, textInput } from "@/lib/calendar/form-input";
import { getDb } from "@/lib/db";
import { actionContext } from "@/lib/http/context";
import { updateClinicSettings } from "@/lib/settings-update";

const TEXT = ["clinicName", "address", "phone", "email", "timeZone"] as const;
const NUMBERS = [
  "minimumNoticeHours",
  "bookingHorizonDays",
  "holdCutoffHours",
  "cancellationNoticeHours",
  "noteLockHours",
  "healthCheckHour",
  "waitlistOfferMinutes",
  "slotGridMinutes",
  "clearanceValidityMonths",
] as const;

/** The whole form, saved as one PATCH: the same function and rules as PATCH /api/v1/admin/settings. */
export async function saveSettingsAction(_: CalendarFormResult | null, form: FormData): Promise<CalendarFormResult> {
  const user = await requireRole("ADMIN");
  const patch: Record<string, unknown> = {};
  for (const key of TEXT) patch[key] = textInput(form.get(key));
  for (const key of NUMBERS) patch[key] = numberInput(form.get(key));
  try {
    await updateClinicSettings(getDb(), user, patch, { ipAddress: (await actionContext()).ipAddress });
    revalidatePath("/admin/settings");
    return { ok: true, message: "Settings saved." };
  } catch (error) {
    return formError(error, "UTC");
  }
}
