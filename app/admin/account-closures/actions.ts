"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FormResult } from "@/lib/forms";
import { actionContext } from "@/lib/http/context";
import { completeAccountClosure } from "@/lib/privacy/closure";

export async function completeClosureAction(requestId: string): Promise<FormResult> {
  const user = await requireRole("ADMIN", "/admin/account-closures");
  try {
    await completeAccountClosure(getDb(), user, requestId, { ipAddress: (await actionContext()).ipAddress });
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  revalidatePath("/admin/account-closures");
  return {};
}
