import { z } from "zod";
import { requireApiRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";
import { settingsJson, updateClinicSettings } from "@/lib/settings-update";

/** Clinic staff change any of the clinic's settings: 200 with all of them; 422 with a message per field. */
export const PATCH = route(async (request) => {
  const user = await requireApiRole("ADMIN");
  const body = await readJson(request, z.unknown());
  const settings = await updateClinicSettings(getDb(), user, body, { ipAddress: requestAddress(request) });
  return json(settingsJson(settings));
});
