// The API's shape of a health-check answer (lib/api-docs/health-check.ts).
import { statusJson } from "@/lib/booking/queries";
import type { HealthCheckOutcome } from "./answer";

export function healthCheckJson(outcome: HealthCheckOutcome) {
  return {
    status: statusJson(outcome.status),
    answers: outcome.answers,
    answeredAt: outcome.answeredAt.toISOString(),
    recorded: outcome.recorded,
  };
}
