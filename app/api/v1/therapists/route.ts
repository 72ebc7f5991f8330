import { z } from "zod";
import { listBookableTherapists } from "@/lib/catalogue/queries";
import { MASSAGE_TYPE_SLUGS } from "@/lib/catalogue/massage-types";
import { getDb } from "@/lib/db";
import { json, parseOrThrow, route } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  massageType: z
    .enum(MASSAGE_TYPE_SLUGS, { error: `massageType must be one of: ${MASSAGE_TYPE_SLUGS.join(", ")}.` })
    .optional(),
});

/** Public: certified, active therapists, optionally for one massage type. */
export const GET = route(async (request) => {
  const params = new URL(request.url).searchParams;
  const query = parseOrThrow(querySchema, { massageType: params.get("massageType") || undefined });
  const therapists = await listBookableTherapists(getDb(), query);
  return json(therapists.map(({ id, name, massageTypes }) => ({ id, name, massageTypes })));
});
