import { requireApiUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { answerHealthCheck } from "@/lib/health-check/answer";
import { healthCheckJson } from "@/lib/health-check/json";
import { appUrl, recordId, requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";
import { healthCheckSchema } from "@/lib/validation/health-check";

/** The patient answers the day-before health check; any yes cancels without charge. 409 when the check is not open. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const id = await recordId(params);
  const user = await requireApiUser();
  const answers = await readJson(request, healthCheckSchema);
  const outcome = await answerHealthCheck(getDb(), { user, appointmentId: id, answers, appUrl: appUrl(), ipAddress: requestAddress(request) });
  return json(healthCheckJson(outcome));
});
