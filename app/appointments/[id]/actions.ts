"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/guards";
import { cancelAppointment, changeAppointment } from "@/lib/appointments";
import { getDb } from "@/lib/db";
import { AppError, type FieldErrors } from "@/lib/errors";
import type { FormResult } from "@/lib/forms";
import { actionContext } from "@/lib/http/context";
import { fieldErrors } from "@/lib/http/respond";
import { changeSchema } from "@/lib/validation/appointments";

const idSchema = z.uuid();

export async function cancelAction(appointmentId: string): Promise<FormResult> {
  const user = await requireUser();
  const id = idSchema.safeParse(appointmentId);
  if (!id.success) return { message: "No such appointment." };
  try {
    await cancelAppointment(getDb(), { user, appointmentId: id.data, ...(await actionContext()) });
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  redirect(`/appointments/${id.data}`);
}

export type ChangeResult = FormResult & { alternatives?: Array<{ start: string; end: string; therapistId: string }>; fields?: FieldErrors };

/** Another time, massage type or length: the same rules as the API (lib/appointments/change.ts). */
export async function changeAction(appointmentId: string, input: unknown): Promise<ChangeResult> {
  const user = await requireUser();
  const id = idSchema.safeParse(appointmentId);
  if (!id.success) return { message: "No such appointment." };
  const parsed = changeSchema.safeParse(input);
  if (!parsed.success) return { message: "Some answers need another look.", fields: fieldErrors(parsed.error) };
  let changedId: string;
  try {
    const changed = await changeAppointment(getDb(), { user, appointmentId: id.data, ...parsed.data, ...(await actionContext()) });
    changedId = changed.id;
  } catch (error) {
    if (error instanceof AppError) {
      const alternatives = error.extra?.alternatives as ChangeResult["alternatives"];
      return { message: error.message, fields: error.fields, alternatives };
    }
    throw error;
  }
  redirect(`/appointments/${changedId}`);
}
