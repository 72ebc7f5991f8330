// The consent checkbox (sign-up and booking forms), shared by the client form and the server (docs/decisions/0021).
import { z } from "zod";

export const CONSENT_REQUIRED_MESSAGE =
  "Before we can take your health details, please read the privacy notice and agree that the clinic may use them for your care.";

/** The box must be ticked: explicit consent is an act, never a default. */
export const healthDataConsentField = z.literal(true, { error: CONSENT_REQUIRED_MESSAGE });

/** The booking page's consent form, shown only while the patient has no consent on record. */
export const giveConsentSchema = z.object({ healthDataConsent: healthDataConsentField });
export type GiveConsentInput = z.infer<typeof giveConsentSchema>;
