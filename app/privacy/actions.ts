"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FormResult } from "@/lib/forms";
import { actionContext } from "@/lib/http/context";
import { fieldErrors } from "@/lib/http/respond";
import { requestAccountClosure } from "@/lib/privacy/closure";
import { hasHealthDataConsent, recordHealthDataConsent } from "@/lib/privacy/consent";
import { giveConsentSchema } from "@/lib/validation/consent";

/** The booking page's consent box: records the patient's consent to the current notice (once). */
export async function giveConsentAction(input: unknown): Promise<FormResult> {
  const user = await requireRole("PATIENT", "/book");
  const parsed = giveConsentSchema.safeParse(input);
  if (!parsed.success) return { fields: fieldErrors(parsed.error) };
  const db = getDb();
  const { ipAddress } = await actionContext();
  await db.$transaction(async (tx) => {
    if (!(await hasHealthDataConsent(tx, user.id))) await recordHealthDataConsent(tx, user, { ipAddress });
  });
  revalidatePath("/book");
  return {};
}

/** The patient asks the clinic to close the account (after a confirmation step in the form). */
export async function requestClosureAction(): Promise<FormResult> {
  const user = await requireRole("PATIENT", "/patient");
  try {
    await requestAccountClosure(getDb(), user, { ipAddress: (await actionContext()).ipAddress });
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  revalidatePath("/patient");
  return {};
}
