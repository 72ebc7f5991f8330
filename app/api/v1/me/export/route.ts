import { requireApiRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { requestAddress } from "@/lib/http/context";
import { json, route } from "@/lib/http/respond";
import { buildPatientExport } from "@/lib/privacy/export";

/** The patient's own data as JSON, as a download; audited. 401 anonymous; 403 any other role. */
export const GET = route(async (request) => {
  const user = await requireApiRole("PATIENT");
  const data = await buildPatientExport(getDb(), user, { ipAddress: requestAddress(request) });
  return json(data, { headers: { "Content-Disposition": 'attachment; filename="my-clinic-data.json"' } });
});
