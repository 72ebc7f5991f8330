// Marking a condition on a patient's health record resolved (clinic staff or their physician).
import { z } from "zod";
import { safeText } from "./text";

export const resolveConditionSchema = z.object({
  conditionId: z.uuid({ error: "No such condition on record." }),
  reason: safeText({ error: "Say why the condition no longer applies." })
    .trim()
    .min(3, "Say why the condition no longer applies.")
    .max(500, "Keep it under 500 characters."),
});
