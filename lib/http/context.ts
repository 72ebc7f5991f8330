// Small things every route handler needs from its request.
import { headers } from "next/headers";
import { z } from "zod";
import { clientAddress } from "@/lib/auth/throttle";
import { getEnv } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";

/**
 * The address links in mails point to: APP_URL (lib/env.ts: required with
 * DATABASE_URL, http://localhost:PORT embedded). Never the Host or
 * X-Forwarded-* a request names: anyone can send those (docs/decisions/0011).
 */
export function appUrl(): string {
  return getEnv().APP_URL;
}

export function requestAddress(request: Request): string {
  return clientAddress(request.headers);
}

/** A record id from the path; anything that is not a uuid cannot exist. */
export async function recordId(params: Promise<{ id: string }>): Promise<string> {
  const { id } = await params;
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** For server actions: where mail links point (APP_URL) and who is asking (from the incoming request's headers). */
export async function actionContext(): Promise<{ appUrl: string; ipAddress: string }> {
  const requestHeaders = await headers();
  return { appUrl: appUrl(), ipAddress: clientAddress(requestHeaders) };
}
