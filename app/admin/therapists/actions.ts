"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FormResult } from "@/lib/forms";
import { actionContext } from "@/lib/http/context";
import { fieldErrors } from "@/lib/http/respond";
import { resendInvitation } from "@/lib/staff/reinvite";
import { createTherapist, setWeeklyHours, updateTherapist } from "@/lib/staff/therapists";
import { hoursFormSchema, therapistCreateSchema, therapistEditSchema } from "@/lib/validation/staff";

const CHECK = "Some answers need another look.";

async function asForm(work: () => Promise<unknown>, prefix = ""): Promise<FormResult | undefined> {
  try {
    await work();
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields = error.fields ? Object.fromEntries(Object.entries(error.fields).map(([key, message]) => [`${prefix}${key}`, message])) : undefined;
    return { message: error.message, fields };
  }
}

export async function createTherapistAction(input: unknown): Promise<FormResult> {
  const admin = await requireRole("ADMIN");
  const parsed = therapistCreateSchema.safeParse(input);
  if (!parsed.success) return { message: CHECK, fields: fieldErrors(parsed.error) };
  let id = "";
  const failed = await asForm(async () => {
    ({ id } = await createTherapist(getDb(), parsed.data, { actor: admin, ...(await actionContext()) }));
  });
  if (failed) return failed;
  // The next thing a new therapist needs before anyone can book them: their week.
  redirect(`/admin/therapists/${id}/hours?created=1`);
}

export async function updateTherapistAction(therapistId: string, input: unknown): Promise<FormResult> {
  const admin = await requireRole("ADMIN");
  const id = z.uuid().safeParse(therapistId);
  if (!id.success) return { message: "There is no such therapist." };
  const parsed = therapistEditSchema.safeParse(input);
  if (!parsed.success) return { message: CHECK, fields: fieldErrors(parsed.error) };
  const failed = await asForm(async () => updateTherapist(getDb(), id.data, parsed.data, { actor: admin, ...(await actionContext()) }));
  if (failed) return failed;
  redirect(`/admin/therapists/${id.data}?saved=1`);
}

export async function setHoursAction(therapistId: string, input: unknown): Promise<FormResult> {
  const admin = await requireRole("ADMIN");
  const id = z.uuid().safeParse(therapistId);
  if (!id.success) return { message: "There is no such therapist." };
  const parsed = hoursFormSchema.safeParse(input);
  if (!parsed.success) return { message: CHECK, fields: fieldErrors(parsed.error) };
  // The domain names a shift by its position in the list ("2.start"); the form's list is "shifts".
  const failed = await asForm(async () => setWeeklyHours(getDb(), id.data, parsed.data.shifts, { actor: admin, ...(await actionContext()) }), "shifts.");
  if (failed) return failed;
  redirect(`/admin/therapists/${id.data}?hours=1`);
}

export async function resendTherapistInvitationAction(therapistId: string): Promise<FormResult> {
  const admin = await requireRole("ADMIN");
  const id = z.uuid().safeParse(therapistId);
  if (!id.success) return { message: "There is no such therapist." };
  const therapist = await getDb().therapist.findUnique({ where: { id: id.data }, select: { userId: true } });
  if (!therapist) return { message: "There is no such therapist." };
  const failed = await asForm(async () => resendInvitation(getDb(), therapist.userId, { actor: admin, ...(await actionContext()) }));
  if (failed) return failed;
  redirect(`/admin/therapists/${id.data}?invited=1`);
}
