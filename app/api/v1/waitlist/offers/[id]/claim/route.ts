import { requireApiRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { appUrl, recordId, requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";
import { claimOffer } from "@/lib/waitlist/claim";
import { waitlistClaimSchema } from "@/lib/validation/waitlist";

/** The patient claims their offer: booked through the lifecycle like any booking. 201; 409 offer_gone; 404 not theirs. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const id = await recordId(params);
  const user = await requireApiRole("PATIENT");
  const claim = await readJson(request, waitlistClaimSchema);
  const result = await claimOffer(getDb(), { patient: user, offerId: id, claim, appUrl: appUrl(), ipAddress: requestAddress(request) });
  return json(
    {
      id: result.id,
      status: result.status,
      start: result.start.toISOString(),
      end: result.end.toISOString(),
      ...(result.clearance ? { clearance: { ...result.clearance, holdUntil: result.clearance.holdUntil.toISOString() } } : {}),
    },
    201,
  );
});
