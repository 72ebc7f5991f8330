"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { signIn } from "@/lib/auth";
import { checkSignInGate, clientAddress } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db";
import { RateLimitedError } from "@/lib/errors";
import { safeReturnPath, type FormResult } from "@/lib/forms";
import { fieldErrors } from "@/lib/http/respond";
import { signInSchema, WRONG_CREDENTIALS } from "@/lib/validation/auth";

export async function signInAction(input: unknown, returnTo?: string): Promise<FormResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { fields: fieldErrors(parsed.error) };

  const gate = await checkSignInGate(getDb(), parsed.data.email, clientAddress(await headers()));
  if (gate.retryAfterSeconds > 0) return { message: new RateLimitedError(gate.retryAfterSeconds).message };

  try {
    // On success this throws Next's redirect, which must propagate.
    await signIn("credentials", { ...parsed.data, redirectTo: safeReturnPath(returnTo, "/home") });
  } catch (error) {
    if (error instanceof AuthError) {
      if ((error as AuthError & { code?: string }).code === "rate_limited") {
        return { message: "Too many attempts. Try again in a few minutes." };
      }
      return { message: WRONG_CREDENTIALS };
    }
    throw error;
  }
  return {};
}
