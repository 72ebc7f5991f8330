"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/guards";
import { cancelAppointment, rescheduleAppointment } from "@/lib/booking/change";
import { getDb } from "@/lib/db";
import { AppError, type FieldErrors } from "@/lib/errors";
import type { FormResult } from "@/lib/forms";
import { actionContext } from "@/lib/http/context";
import { fieldErrors } from "@/lib/http/respond";
import { rescheduleSchema } from "@/lib/validation/booking";

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

export type RescheduleResult = FormResult & { alternatives?: Array<{ start: string; end: string; therapistId: string }>; fields?: FieldErrors };

export async function rescheduleAction(appointmentId: string, input: unknown): Promise<RescheduleResult> {
  const user = await requireUser();
  const id = idSchema.safeParse(appointmentId);
  if (!id.success) return { message: "No such appointment." };
  const parsed = rescheduleSchema.safeParse(input);
  if (!parsed.success) return { message: "Choose a new time.", fields: fieldErrors(parsed.error) };
  let movedId: string;
  try {
    const moved = await rescheduleAppointment(getDb(), {
      user,
      appointmentId: id.data,
      start: parsed.data.start,
      ...(await actionContext()),
    });
    movedId = moved.id;
  } catch (error) {
    if (error instanceof AppError) {
      const alternatives = error.extra?.alternatives as RescheduleResult["alternatives"];
      return { message: error.message, fields: error.fields, alternatives };
    }
    throw error;
  }
  redirect(`/appointments/${movedId}`);
}
