"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { clientAddress } from "@/lib/auth/throttle";
import { decideClearance } from "@/lib/clearance/decide";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { FormResult } from "@/lib/forms";
import { fieldErrors } from "@/lib/http/respond";
import { decisionSchema } from "@/lib/validation/clearance";

export async function decideAction(clearanceId: string, input: unknown): Promise<FormResult> {
  const user = await requireRole("PHYSICIAN");
  const id = z.uuid().safeParse(clearanceId);
  if (!id.success) return { message: "No such clearance request." };
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) return { message: "Some answers need another look.", fields: fieldErrors(parsed.error) };
  const requestHeaders = await headers();
  const origin = `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${requestHeaders.get("host")}`;
  try {
    await decideClearance(getDb(), {
      physicianUser: user,
      clearanceId: id.data,
      decision: parsed.data,
      appUrl: getEnv().APP_URL ?? origin,
      ipAddress: clientAddress(requestHeaders),
    });
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, fields: error.fields };
    throw error;
  }
  redirect(`/physician/clearances/${id.data}?decided=1`);
}
