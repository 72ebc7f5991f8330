import { listPhysicians } from "@/lib/catalogue/queries";
import { getDb } from "@/lib/db";
import { json, route } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** Public: the clinic's physician directory, for choosing who reviews a clearance. */
export const GET = route(async () => {
  const physicians = await listPhysicians(getDb());
  return json(physicians.map(({ id, name }) => ({ id, name })));
});
