// The account operations' answers (docs/decisions/0015), as zod schemas for the OpenAPI document.
import { z } from "zod";

export const passwordResetRequestedSchema = z
  .strictObject({ message: z.string().describe("The same words whether or not the email has an account.") })
  .meta({ title: "PasswordResetRequested" });

export const passwordSetSchema = z.strictObject({ message: z.string() }).meta({ title: "PasswordSet" });
