// The day-before health check's answer, as a zod schema for the OpenAPI document (built in lib/health-check/json.ts).
import { z } from "zod";

export const healthCheckResultSchema = z
  .strictObject({
    status: z.enum(["confirmed", "cancelled"]).describe("The appointment after the answer: any yes cancels it (without charge), all no keeps it."),
    answers: z.strictObject({ fever: z.boolean(), contagiousIllness: z.boolean(), acuteInjury: z.boolean() }),
    answeredAt: z.iso.datetime().describe("When the (first) answer was given."),
    recorded: z.boolean().describe("False when the check had been answered already: the first answer is given back, unchanged."),
  })
  .meta({ title: "HealthCheckResult" });
