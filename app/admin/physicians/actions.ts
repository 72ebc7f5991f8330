"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FormResult } from "@/lib/forms";
import { actionContext } from "@/lib/http/context";
import { fieldErrors } from "@/lib/http/respond";
import { createPhysician, updatePhysician } from "@/lib/staff/physicians";
import { resendInvitation } from "@/lib/staff/reinvite";
import { physicianCreateSchema, physicianEditSchema } from "@/lib/validation/staff";

const CHECK = "Some answers need another look.";

async function asForm(work: () => Promise<unknown>): Promise<FormResult | undefined> {
  try {
    await work();
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, fields: error.fields };
    throw error;
  }
}

export async function createPhysicianAction(input: unknown): Promise<FormResult> {
  const admin = await requireRole("ADMIN");
  const parsed = physicianCreateSchema.safeParse(input);
  if (!parsed.success) return { message: CHECK, fields: fieldErrors(parsed.error) };
  let id = "";
  const failed = await asForm(async () => {
    ({ id } = await createPhysician(getDb(), parsed.data, { actor: admin, ...(await actionContext()) }));
  });
  if (failed) return failed;
  redirect(`/admin/physicians/${id}?created=1`);
}

export async function updatePhysicianAction(physicianId: string, input: unknown): Promise<FormResult> {
  const admin = await requireRole("ADMIN");
  const id = z.uuid().safeParse(physicianId);
  if (!id.success) return { message: "There is no such physician." };
  const parsed = physicianEditSchema.safeParse(input);
  if (!parsed.success) return { message: CHECK, fields: fieldErrors(parsed.error) };
  const failed = await asForm(async () => updatePhysician(getDb(), id.data, parsed.data, { actor: admin, ...(await actionContext()) }));
  if (failed) return failed;
  redirect(`/admin/physicians/${id.data}?saved=1`);
}

export async function resendPhysicianInvitationAction(physicianId: string): Promise<FormResult> {
  const admin = await requireRole("ADMIN");
  const id = z.uuid().safeParse(physicianId);
  if (!id.success) return { message: "There is no such physician." };
  const physician = await getDb().physician.findUnique({ where: { id: id.data }, select: { userId: true } });
  if (!physician) return { message: "There is no such physician." };
  const failed = await asForm(async () => resendInvitation(getDb(), physician.userId, { actor: admin, ...(await actionContext()) }));
  if (failed) return failed;
  redirect(`/admin/physicians/${id.data}?invited=1`);
}
