import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { json, route } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/**
 * The benchmark's baseline (scripts/bench.ts): the least a booking can cost,
 * one insert into a table guarded by the same kind of exclusion constraint.
 * Exists only when BENCH_ROUTES=true; the bench creates its table.
 */
export const POST = route(async () => {
  if (!getEnv().BENCH_ROUTES) return json({ error: "not_found", message: "Not found." }, 404);
  const rows = await getDb().$queryRaw<Array<{ id: bigint }>>`
    INSERT INTO bench_slot (therapist_id, during)
    SELECT '00000000-0000-4000-8000-000000000001'::uuid,
           tstzrange(now() + n * interval '1 hour', now() + n * interval '1 hour' + interval '30 minutes')
    FROM (SELECT nextval('bench_slot_seq') AS n) AS s
    RETURNING id`;
  return json({ id: String(rows[0]?.id) }, 201);
});
