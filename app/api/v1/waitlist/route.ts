import { requireApiRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";
import { entryJson, joinWaitlist, listOwnEntries } from "@/lib/waitlist/entries";
import { waitlistJoinSchema } from "@/lib/validation/waitlist";

export const dynamic = "force-dynamic";

/** The patient's own active entries, longest waiting first, each with its live offer (or null). */
export const GET = route(async () => {
  const user = await requireApiRole("PATIENT");
  const entries = await listOwnEntries(getDb(), user.id);
  return json(entries.map(entryJson));
});

/** A patient joins the waitlist. 201 {id}; 422 validation; 409 waitlist_full. */
export const POST = route(async (request) => {
  const user = await requireApiRole("PATIENT");
  const join = await readJson(request, waitlistJoinSchema);
  const entry = await joinWaitlist(getDb(), { patient: user, join, ipAddress: requestAddress(request) });
  return json({ id: entry.id }, 201);
});
