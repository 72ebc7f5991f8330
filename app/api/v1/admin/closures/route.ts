import { z } from "zod";
import { requireApiRole } from "@/lib/auth/guards";
import { createClosure } from "@/lib/calendar/closures";
import { closureJson } from "@/lib/calendar/json";
import { getDb } from "@/lib/db";
import { requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";

/** Clinic staff close the clinic for a day: 201; 409 appointments_in_the_way (with the list) or closure_exists; 422. */
export const POST = route(async (request) => {
  const user = await requireApiRole("ADMIN");
  const body = await readJson(request, z.unknown());
  const closure = await createClosure(getDb(), user, body, { ipAddress: requestAddress(request) });
  return json(closureJson(closure), 201);
});
