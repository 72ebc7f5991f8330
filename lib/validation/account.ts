// The account's forms (docs/decisions/0015): the password reset, setting a password from a mail link, the profile,
// changing the email and the password. One schema per form, shared by the client form (zodResolver), the server
// action and the API route.
import { z } from "zod";
import { emailSchema, newPasswordSchema, PASSWORD_MAX, registerSchema } from "./auth";
import { safeText } from "./text";

const currentPasswordSchema = safeText({ error: "Enter your current password." })
  .min(1, "Enter your current password.")
  .max(PASSWORD_MAX, "Enter your current password.");

const PASSWORDS_DIFFER = "The two passwords are not the same. Type the new one again.";

export const passwordResetRequestSchema = z.object({ email: emailSchema });
export type PasswordResetRequestInput = z.infer<typeof passwordResetRequestSchema>;

/** The link's secret: base64url, as lib/auth/tokens.ts makes it (43 characters); anything else opens nothing. */
export const mailTokenSchema = z
  .string({ error: "The link is incomplete. Open it again from the mail." })
  .trim()
  .min(1, "The link is incomplete. Open it again from the mail.")
  .max(200, "The link is not one the clinic sent.")
  .regex(/^[A-Za-z0-9_-]+$/, "The link is not one the clinic sent.");

/** POST /api/v1/auth/password-reset/confirm: the link's token and the new password. */
export const passwordResetConfirmSchema = z.object({ token: mailTokenSchema, password: newPasswordSchema });
export type PasswordResetConfirmInput = z.infer<typeof passwordResetConfirmSchema>;

/** The set-password page (a reset or an invitation): the token travels beside the form, in the page's address. */
export const setPasswordFormSchema = z
  .object({ password: newPasswordSchema, confirmPassword: z.string({ error: "Type the new password again." }) })
  .refine((form) => form.password === form.confirmPassword, { path: ["confirmPassword"], message: PASSWORDS_DIFFER });
export type SetPasswordFormInput = z.infer<typeof setPasswordFormSchema>;

export const PHONE_MESSAGE = "Give a phone number of 6 to 15 digits, like +31 20 123 4567.";
const PHONE_CHARACTERS = /^\+?[0-9 ()./-]+$/;

/** Optional; digits with the usual separators, stored as typed (trimmed). Empty means none. */
export const phoneSchema = safeText({ error: PHONE_MESSAGE })
  .trim()
  .max(30, PHONE_MESSAGE)
  .refine((phone) => phone === "" || (PHONE_CHARACTERS.test(phone) && /^\d{6,15}$/.test(phone.replace(/\D/g, ""))), PHONE_MESSAGE);

export const EARLIEST_BIRTH_DAY = "1900-01-01";

/** Today's calendar day in UTC, "YYYY-MM-DD" (read when a form is checked, so a frozen clock moves it in tests). */
const today = () => new Date().toISOString().slice(0, 10);

/** Optional; "YYYY-MM-DD", from 1900 up to today. Empty means not given. */
export const dateOfBirthSchema = z
  .string({ error: "Give your date of birth like 1980-04-23." })
  .trim()
  .refine((day) => day === "" || z.iso.date().safeParse(day).success, "Give your date of birth like 1980-04-23.")
  .refine((day) => day === "" || day >= EARLIEST_BIRTH_DAY, "Give a date of birth after 1900.")
  .refine((day) => day === "" || day <= today(), "A date of birth cannot be in the future.");

export const profileSchema = z.object({
  name: registerSchema.shape.name,
  phone: phoneSchema,
  dateOfBirth: dateOfBirthSchema,
});
export type ProfileInput = z.infer<typeof profileSchema>;

export const emailChangeSchema = z.object({ newEmail: emailSchema, currentPassword: currentPasswordSchema });
export type EmailChangeInput = z.infer<typeof emailChangeSchema>;

export const passwordChangeSchema = z
  .object({ currentPassword: currentPasswordSchema, newPassword: newPasswordSchema, confirmPassword: z.string({ error: "Type the new password again." }) })
  .refine((form) => form.newPassword === form.confirmPassword, { path: ["confirmPassword"], message: PASSWORDS_DIFFER });
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>;
