import { requireApiUser } from "@/lib/auth/guards";
import { assertMayDecide, decideClearance } from "@/lib/clearance/decide";
import { clearanceJson, getClearance } from "@/lib/clearance/queries";
import { getDb } from "@/lib/db";
import { appUrl, recordId, requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";
import { decisionSchema } from "@/lib/validation/clearance";

export const dynamic = "force-dynamic";

/**
 * The addressed physician approves or declines. 200 with the decided request and
 * what happened to the appointment; 404 for anyone else (403 for admins);
 * 409 no_document | already_decided | expired; 422 validation.
 */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const user = await requireApiUser();
  const id = await recordId(params);
  const db = getDb();
  // Ownership before the body: someone who may not decide learns nothing from validation messages.
  await assertMayDecide(db, user, id);
  const decision = await readJson(request, decisionSchema);
  const result = await decideClearance(db, {
    physicianUser: user,
    clearanceId: id,
    decision,
    appUrl: appUrl(),
    ipAddress: requestAddress(request),
  });
  return json({ ...clearanceJson(await getClearance(db, user, id, { ipAddress: requestAddress(request) })), outcome: result.outcome });
});
