import { listMassageTypes } from "@/lib/catalogue/queries";
import { getDb } from "@/lib/db";
import { json, route } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** Public: the clinic's massage types. */
export const GET = route(async () => {
  const types = await listMassageTypes(getDb());
  return json(types.map(({ slug, name, description, durations }) => ({ slug, name, description, durations })));
});
