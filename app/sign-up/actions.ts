"use server";

import { headers } from "next/headers";
import { signIn } from "@/lib/auth";
import { clientAddress } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FormResult } from "@/lib/forms";
import { fieldErrors } from "@/lib/http/respond";
import { registerPatient } from "@/lib/users/register";
import { signUpSchema } from "@/lib/validation/auth";

export async function signUpAction(input: unknown): Promise<FormResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { fields: fieldErrors(parsed.error) };
  try {
    await registerPatient(getDb(), parsed.data, clientAddress(await headers()));
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, fields: error.fields };
    throw error;
  }
  // Signs the new patient in and redirects (the redirect propagates as an exception).
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/patient" });
  return {};
}
