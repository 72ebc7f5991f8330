"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { decideClearance } from "@/lib/clearance/decide";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FormResult } from "@/lib/forms";
import { actionContext } from "@/lib/http/context";
import { fieldErrors } from "@/lib/http/respond";
import { decisionSchema } from "@/lib/validation/clearance";

export async function decideAction(clearanceId: string, input: unknown): Promise<FormResult> {
  const user = await requireRole("PHYSICIAN");
  const id = z.uuid().safeParse(clearanceId);
  if (!id.success) return { message: "No such clearance request." };
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) return { message: "Some answers need another look.", fields: fieldErrors(parsed.error) };
  try {
    await decideClearance(getDb(), {
      physicianUser: user,
      clearanceId: id.data,
      decision: parsed.data,
      ...(await actionContext()),
    });
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, fields: error.fields };
    throw error;
  }
  redirect(`/physician/clearances/${id.data}?decided=1`);
}
