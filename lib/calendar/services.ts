// The clinic's services: each massage type's summary, description, the lengths it is offered for and whether
// it is offered at all. Name and slug stay (bookings, restrictions and the API name types by slug). Booked
// appointments keep their length; a length no longer offered is simply not offered for new bookings.
// Each therapist's buffer after a session is per therapist (the staff-accounts pages).
import type { AuditActor } from "@/lib/audit";
import { writeAudit } from "@/lib/audit";
import type { Db, DbClient } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/http/respond";
import { massageTypeUpdateSchema } from "@/lib/validation/calendar";
import { assertAdmin } from "./authorize";

export function listServices(db: DbClient) {
  return db.massageType.findMany({
    orderBy: [{ sortOrder: "asc" }, { slug: "asc" }],
    select: { slug: true, name: true, summary: true, description: true, durations: true, active: true },
  });
}

export async function updateService(db: Db, actor: AuditActor, slug: string, input: unknown, context: { ipAddress?: string } = {}) {
  assertAdmin(actor);
  const update = parseOrThrow(massageTypeUpdateSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.massageType.findUnique({ where: { slug }, select: { durations: true, active: true } });
    if (!before) throw new NotFoundError("No such massage type.");
    const after = await tx.massageType.update({
      where: { slug },
      data: update,
      select: { slug: true, name: true, summary: true, description: true, durations: true, active: true },
    });
    await writeAudit(tx, {
      actor,
      action: "massage_type.updated",
      entityType: "MassageType",
      entityId: slug,
      fromState: before.active ? "active" : "inactive",
      toState: after.active ? "active" : "inactive",
      details: { durations: { from: before.durations, to: after.durations } },
      ipAddress: context.ipAddress,
    });
    return after;
  });
}
