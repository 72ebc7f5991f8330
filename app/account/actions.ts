"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth";
import { requireUser } from "@/lib/auth/guards";
import { asFormResult, type AccountFormResult } from "@/lib/account/form-result";
import { changePassword, confirmEmailChange, requestEmailChange, updateProfile } from "@/lib/account/profile";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { actionContext } from "@/lib/http/context";
import { fieldErrors } from "@/lib/http/respond";
import { getClinicSettings } from "@/lib/settings";
import { emailChangeSchema, mailTokenSchema, passwordChangeSchema, profileSchema } from "@/lib/validation/account";

export async function updateProfileAction(input: unknown): Promise<AccountFormResult> {
  const user = await requireUser("/account");
  const parsed = profileSchema.safeParse(input);
  if (!parsed.success) return { fields: fieldErrors(parsed.error) };
  const { ipAddress } = await actionContext();
  return asFormResult(async () => {
    await updateProfile(getDb(), user, parsed.data, { ipAddress });
    return "Your details are saved.";
  });
}

export async function requestEmailChangeAction(input: unknown): Promise<AccountFormResult> {
  const user = await requireUser("/account");
  const parsed = emailChangeSchema.safeParse(input);
  if (!parsed.success) return { fields: fieldErrors(parsed.error) };
  const context = await actionContext();
  return asFormResult(async () => {
    const db = getDb();
    const { expiresAt } = await requestEmailChange(db, user, parsed.data, context);
    const { timeZone } = await getClinicSettings(db);
    return `A link is on its way to ${parsed.data.newEmail}. Your email changes when you open it, signed in, by ${formatDateTime(expiresAt, timeZone)}.`;
  });
}

/** Every session ends with the new password; this one is signed in again with it, so only the others stay ended. */
export async function changePasswordAction(input: unknown): Promise<AccountFormResult> {
  const user = await requireUser("/account");
  const parsed = passwordChangeSchema.safeParse(input);
  if (!parsed.success) return { fields: fieldErrors(parsed.error) };
  const { ipAddress } = await actionContext();
  const result = await asFormResult(async () => {
    await changePassword(getDb(), user, parsed.data, { ipAddress });
    return "";
  });
  if (!result.done) return result;
  // Throws Next's redirect on success, which must propagate.
  await signIn("credentials", { email: user.email, password: parsed.data.newPassword, redirectTo: "/account?saved=password" });
  return {};
}

export async function confirmEmailChangeAction(token: unknown): Promise<AccountFormResult> {
  const link = mailTokenSchema.safeParse(token);
  const user = await requireUser(link.success ? `/account/email?token=${encodeURIComponent(link.data)}` : "/account");
  if (!link.success) return { message: "This link does not work. Open the newest mail's link, or ask for the change again." };
  const { ipAddress } = await actionContext();
  const result = await asFormResult(async () => {
    await confirmEmailChange(getDb(), user, link.data, { ipAddress });
    return "";
  });
  if (!result.done) return result;
  redirect("/account?saved=email");
}
