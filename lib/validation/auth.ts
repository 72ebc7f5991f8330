// One schema per form, shared by the client form (zodResolver) and the server.
import { z } from "zod";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import { healthDataConsentField } from "./consent";
import { safeText } from "./text";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter an email address like name@example.com." }));

export const newPasswordSchema = safeText({ error: "Choose a password." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine((password) => !isCommonPassword(password), "This password is too common. Choose one that is harder to guess.");

export const registerSchema = z.object({
  name: safeText({ error: "Enter your name." })
    .trim()
    .min(1, "Enter your name.")
    .max(120, "Use at most 120 characters."),
  email: emailSchema,
  password: newPasswordSchema,
  /** The API's explicit consent to the privacy notice's processing of health data (optional for older clients: then
   * the patient is asked before the first booking). The sign-up form requires it (signUpSchema). */
  healthDataConsent: z.boolean({ error: "healthDataConsent is true or false." }).optional(),
});
export type RegisterInput = z.infer<typeof registerSchema>;

/** The sign-up form: the same fields, and the consent box must be ticked. */
export const signUpSchema = registerSchema.extend({ healthDataConsent: healthDataConsentField });
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  // Never tell a person at sign-in what the password rules are: only that one is needed.
  password: safeText({ error: "Enter your password." }).min(1, "Enter your password.").max(PASSWORD_MAX, "Enter your password."),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** The one answer to a failed sign-in: it never says whether the account exists. */
export const WRONG_CREDENTIALS = "That email and password do not match an account. Check them and try again.";
