"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { finishAppointment } from "@/lib/appointments";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FormResult } from "@/lib/forms";
import { actionContext } from "@/lib/http/context";
import { fieldErrors } from "@/lib/http/respond";
import { saveSessionNote } from "@/lib/notes/notes";
import { sessionNoteSchema } from "@/lib/validation/notes";

export type WorkspaceResult = FormResult & { ok?: boolean };

const appointmentId = z.uuid();

/** The appointment page's notes form: the same lib function (and rules) as POST /api/v1/appointments/:id/notes. */
export async function saveNoteAction(id: string, input: unknown): Promise<WorkspaceResult> {
  const user = await requireRole("THERAPIST");
  const parsedId = appointmentId.safeParse(id);
  if (!parsedId.success) return { message: "No such appointment." };
  const parsed = sessionNoteSchema.safeParse(input);
  if (!parsed.success) return { message: "Some answers need another look.", fields: fieldErrors(parsed.error) };
  try {
    const { ipAddress } = await actionContext();
    const { created } = await saveSessionNote(getDb(), { user, appointmentId: parsedId.data, input: parsed.data, ipAddress });
    revalidatePath(`/therapist/appointments/${parsedId.data}`);
    return { ok: true, message: created ? "Notes saved." : "Notes updated." };
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, fields: error.fields };
    throw error;
  }
}

/** Mark completed / Mark no-show: the lifecycle's finishAppointment, as the API's complete and no-show routes. */
export async function finishAction(id: string, outcome: "COMPLETED" | "NO_SHOW"): Promise<WorkspaceResult> {
  const user = await requireRole("THERAPIST");
  const parsedId = appointmentId.safeParse(id);
  if (!parsedId.success || (outcome !== "COMPLETED" && outcome !== "NO_SHOW")) return { message: "No such appointment." };
  try {
    const { ipAddress } = await actionContext();
    await finishAppointment(getDb(), { user, appointmentId: parsedId.data, outcome, ipAddress });
    revalidatePath(`/therapist/appointments/${parsedId.data}`);
    revalidatePath("/therapist");
    return { ok: true, message: outcome === "COMPLETED" ? "Marked completed." : "Marked as a no-show." };
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
}
