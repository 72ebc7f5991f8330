// Small things every route handler needs from its request.
import { headers } from "next/headers";
import { z } from "zod";
import { clientAddress } from "@/lib/auth/throttle";
import { getEnv } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";

/** The address links in mails point to: APP_URL, else the address this request came to. */
export function appUrlFor(request: Request): string {
  return getEnv().APP_URL ?? new URL(request.url).origin;
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

/** For server actions: where mail links point and who is asking, from the incoming request's headers. */
export async function actionContext(): Promise<{ appUrl: string; ipAddress: string }> {
  const requestHeaders = await headers();
  const origin = `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${requestHeaders.get("host")}`;
  return { appUrl: getEnv().APP_URL ?? origin, ipAddress: clientAddress(requestHeaders) };
}
