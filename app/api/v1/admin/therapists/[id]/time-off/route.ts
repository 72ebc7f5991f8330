import { z } from "zod";
import { requireApiRole } from "@/lib/auth/guards";
import { timeOffJson } from "@/lib/calendar/json";
import { createTimeOff } from "@/lib/calendar/time-off";
import { getDb } from "@/lib/db";
import { recordId, requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";

/** Clinic staff enter a therapist's time off (approved at once): 201; 404 no such therapist; 409 appointments_in_the_way; 422. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const user = await requireApiRole("ADMIN");
  const therapistId = await recordId(params);
  const body = await readJson(request, z.unknown());
  const timeOff = await createTimeOff(getDb(), user, therapistId, body, { ipAddress: requestAddress(request) });
  return json(timeOffJson(timeOff), 201);
});
