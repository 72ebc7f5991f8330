"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/guards";
import { resolveCondition } from "@/lib/appointments";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FormResult } from "@/lib/forms";
import { actionContext } from "@/lib/http/context";
import { fieldErrors } from "@/lib/http/respond";
import { resolveConditionSchema } from "@/lib/validation/health-record";

/** Clinic staff or the patient's physician mark a condition on the record resolved; the patient's upcoming appointments follow. */
export async function resolveConditionAction(input: unknown, returnPath: string): Promise<FormResult & { done?: boolean }> {
  const user = await requireRole(["ADMIN", "PHYSICIAN"]);
  const parsed = resolveConditionSchema.safeParse(input);
  if (!parsed.success) return { message: "Say why the condition no longer applies.", fields: fieldErrors(parsed.error) };
  try {
    await resolveCondition(getDb(), { user, conditionId: parsed.data.conditionId, reason: parsed.data.reason, ...(await actionContext()) });
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  if (returnPath.startsWith("/") && !returnPath.startsWith("//")) revalidatePath(returnPath);
  return { done: true };
}
