import { requireApiUser } from "@/lib/auth/guards";
import { clearanceJson, getClearance } from "@/lib/clearance/queries";
import { getDb } from "@/lib/db";
import { recordId, requestAddress } from "@/lib/http/context";
import { json, route } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** One request with its documents' metadata: to its patient, the addressed physician and admins; 404 for anyone else. */
export const GET = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const user = await requireApiUser();
  const id = await recordId(params);
  return json(clearanceJson(await getClearance(getDb(), user, id, { ipAddress: requestAddress(request) })));
});
