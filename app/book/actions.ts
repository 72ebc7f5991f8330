"use server";

import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/guards";
import { bookAppointment } from "@/lib/appointments";
import { getDb } from "@/lib/db";
import { AppError, ClinicalRefusalError } from "@/lib/errors";
import type { FieldErrors } from "@/lib/errors";
import { actionContext } from "@/lib/http/context";
import { fieldErrors } from "@/lib/http/respond";
import { bookingSchema, idempotencyKeySchema } from "@/lib/validation/booking";

export type BookActionResult =
  | { outcome: "refused"; reasons: Array<{ key: string; label: string; why: string }> }
  | { outcome: "slot_taken"; message: string; alternatives: Array<{ start: string; end: string; therapistId: string }> }
  | { outcome: "invalid"; message?: string; fields?: FieldErrors };

export async function bookAction(input: unknown, idempotencyKey: string): Promise<BookActionResult> {
  const user = await requireRole("PATIENT", "/book");
  const parsed = bookingSchema.safeParse(input);
  if (!parsed.success) return { outcome: "invalid", message: "Some answers need another look.", fields: fieldErrors(parsed.error) };
  const key = idempotencyKeySchema.safeParse(idempotencyKey);

  let appointmentId: string;
  try {
    const result = await bookAppointment(getDb(), {
      patient: user,
      booking: parsed.data,
      idempotencyKey: key.success ? key.data : undefined,
      ...(await actionContext()),
    });
    appointmentId = result.id;
  } catch (error) {
    if (error instanceof ClinicalRefusalError) return { outcome: "refused", reasons: error.reasons };
    if (error instanceof AppError && error.code === "slot_taken") {
      const alternatives = (error.extra?.alternatives ?? []) as Array<{ start: string; end: string; therapistId: string }>;
      return { outcome: "slot_taken", message: error.message, alternatives };
    }
    if (error instanceof AppError) return { outcome: "invalid", message: error.message, fields: error.fields };
    throw error;
  }
  redirect(`/appointments/${appointmentId}`);
}
