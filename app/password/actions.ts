"use server";

import { redirect } from "next/navigation";
import { asFormResult, type AccountFormResult } from "@/lib/account/form-result";
import { requestPasswordReset, RESET_REQUESTED_MESSAGE, setPasswordWithToken } from "@/lib/account/password-reset";
import { getDb } from "@/lib/db";
import { actionContext } from "@/lib/http/context";
import { fieldErrors } from "@/lib/http/respond";
import { mailTokenSchema, passwordResetRequestSchema, setPasswordFormSchema } from "@/lib/validation/account";

/** Public: the same answer whether or not the email has an account (only the throttle says otherwise). */
export async function requestPasswordResetAction(input: unknown): Promise<AccountFormResult> {
  const parsed = passwordResetRequestSchema.safeParse(input);
  if (!parsed.success) return { fields: fieldErrors(parsed.error) };
  const context = await actionContext();
  return asFormResult(async () => {
    await requestPasswordReset(getDb(), parsed.data.email, context);
    return RESET_REQUESTED_MESSAGE;
  });
}

/** Public: the link's token sets the password; then every session has ended and the person signs in anew. */
export async function setPasswordAction(token: unknown, input: unknown): Promise<AccountFormResult> {
  const parsed = setPasswordFormSchema.safeParse(input);
  if (!parsed.success) return { fields: fieldErrors(parsed.error) };
  const link = mailTokenSchema.safeParse(token);
  if (!link.success) return { message: "This link does not work. Open the newest mail's link, or ask for a new one." };
  const { ipAddress } = await actionContext();
  const result = await asFormResult(async () => {
    await setPasswordWithToken(getDb(), { token: link.data, password: parsed.data.password }, { ipAddress });
    return "";
  });
  if (!result.done) return result;
  redirect("/sign-in?password=set");
}
