import { requireApiRole } from "@/lib/auth/guards";
import { clearanceQueueItemJson, listClearanceQueue } from "@/lib/clearance/queries";
import { getDb } from "@/lib/db";
import { json, parseOrThrow, route } from "@/lib/http/respond";
import { clearanceQueueQuerySchema } from "@/lib/validation/clearance";

export const dynamic = "force-dynamic";

/** The physician's queue: requests addressed to them, the soonest appointment first. `?status=open|awaiting_document|…` filters. */
export const GET = route(async (request) => {
  const user = await requireApiRole("PHYSICIAN");
  const { status } = parseOrThrow(clearanceQueueQuerySchema, {
    status: new URL(request.url).searchParams.get("status") ?? undefined,
  });
  const queue = await listClearanceQueue(getDb(), user, { status });
  return json(queue.items.map(clearanceQueueItemJson));
});
