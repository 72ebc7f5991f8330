import { listBookableTherapists } from "@/lib/catalogue/queries";
import { getDb } from "@/lib/db";
import { json, parseOrThrow, route } from "@/lib/http/respond";
import { therapistsQuerySchema } from "@/lib/validation/catalogue";

export const dynamic = "force-dynamic";

/** Public: certified, active therapists, optionally for one massage type. */
export const GET = route(async (request) => {
  const params = new URL(request.url).searchParams;
  const query = parseOrThrow(therapistsQuerySchema, { massageType: params.get("massageType") || undefined });
  const therapists = await listBookableTherapists(getDb(), query);
  return json(therapists.map(({ id, name, massageTypes }) => ({ id, name, massageTypes })));
});
