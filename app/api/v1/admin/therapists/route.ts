import { requireApiRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { appUrl, requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";
import { createTherapist } from "@/lib/staff/therapists";
import { therapistCreateSchema } from "@/lib/validation/staff";

export const dynamic = "force-dynamic";

/** Admins add a therapist; the therapist gets an invitation mail to set a password. 201 {id}; 409 email_in_use; 422. */
export const POST = route(async (request) => {
  const admin = await requireApiRole("ADMIN");
  const input = await readJson(request, therapistCreateSchema);
  const therapist = await createTherapist(getDb(), input, { actor: admin, appUrl: appUrl(), ipAddress: requestAddress(request) });
  return json({ id: therapist.id }, 201);
});
