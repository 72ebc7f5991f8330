"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FormResult } from "@/lib/forms";
import { answerHealthCheck } from "@/lib/health-check/answer";
import { actionContext } from "@/lib/http/context";
import { fieldErrors } from "@/lib/http/respond";
import { healthCheckSchema } from "@/lib/validation/health-check";

/** The appointment page's health check: the same rules as the API (lib/health-check/answer.ts). */
export async function answerHealthCheckAction(appointmentId: string, input: unknown): Promise<FormResult> {
  const user = await requireUser();
  const id = z.uuid().safeParse(appointmentId);
  if (!id.success) return { message: "No such appointment." };
  const parsed = healthCheckSchema.safeParse(input);
  if (!parsed.success) return { message: "Please answer all three questions.", fields: fieldErrors(parsed.error) };
  let cancelled: boolean;
  try {
    const outcome = await answerHealthCheck(getDb(), { user, appointmentId: id.data, answers: parsed.data, ...(await actionContext()) });
    cancelled = outcome.status === "CANCELLED";
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  // A yes: no massage tomorrow. The self-care page, with the way back to booking; all no: the appointment page, drawn
  // again with the answer, thanks them.
  if (cancelled) redirect("/self-care?after=health-check");
  revalidatePath(`/appointments/${id.data}`);
  return {};
}
