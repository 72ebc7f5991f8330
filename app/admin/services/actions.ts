"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/guards";
import { formError, type CalendarFormResult } from "@/lib/calendar/form-result";
import { textInput } from "@/lib/calendar/form-input";
import { updateService } from "@/lib/calendar/services";
import { getDb } from "@/lib/db";
import { actionContext } from "@/lib/http/context";

export async function saveServiceAction(slug: string, _: CalendarFormResult | null, form: FormData): Promise<CalendarFormResult> {
  const user = await requireRole("ADMIN");
  try {
    const saved = await updateService(
      getDb(),
      user,
      slug,
      {
        summary: textInput(form.get("summary")),
        description: textInput(form.get("description")),
        durations: form.getAll("durations").map((value) => Number(value)),
        active: form.get("active") === "on",
      },
      { ipAddress: (await actionContext()).ipAddress },
    );
    revalidatePath("/admin/services");
    return { ok: true, message: `${saved.name} saved.` };
  } catch (error) {
    return formError(error, "UTC");
  }
}
