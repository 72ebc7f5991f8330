import { requestPasswordReset, RESET_REQUESTED_MESSAGE } from "@/lib/account/password-reset";
import { getDb } from "@/lib/db";
import { appUrl, requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";
import { passwordResetRequestSchema } from "@/lib/validation/account";

/** Public: mails a reset link if the email has an account. 202 either way; 429 when throttled. */
export const POST = route(async (request) => {
  const { email } = await readJson(request, passwordResetRequestSchema);
  await requestPasswordReset(getDb(), email, { appUrl: appUrl(), ipAddress: requestAddress(request) });
  return json({ message: RESET_REQUESTED_MESSAGE }, 202);
});
