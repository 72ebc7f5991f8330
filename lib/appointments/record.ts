// The patient's health record: conditions they declared stay until clinic
// staff or a physician who reviews the patient's clearances marks one
// resolved, with a reason (audited). Resolving changes what the patient's
// upcoming appointments need, so they are reviewed in the same transaction.
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { Db, DbClient } from "@/lib/db/prisma";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { getClinicSettings } from "@/lib/settings";
import { lockVisit } from "./locks";
import { reviewUpcoming, type ReviewedAppointment } from "./review";

export interface ResolveRequest {
  user: AuditActor;
  conditionId: string;
  reason: string;
  appUrl: string;
  now?: Date;
  ipAddress?: string;
}

/** The conditions on a patient's record that this user may see: the patient's own, their physicians', the clinic's. */
export async function listRecord(db: DbClient, viewer: AuditActor, patientId: string, options: { includeResolved?: boolean } = {}) {
  if (!(await maySeeRecord(db, viewer, patientId))) return [];
  return db.healthCondition.findMany({
    where: { patientId, ...(options.includeResolved ? {} : { resolvedAt: null }) },
    orderBy: [{ declaredAt: "asc" }, { id: "asc" }],
    select: { id: true, condition: true, description: true, declaredAt: true, resolvedAt: true, resolvedReason: true, resolvedBy: { select: { name: true } } },
  });
}

async function maySeeRecord(db: DbClient, viewer: AuditActor, patientId: string): Promise<boolean> {
  switch (viewer.role) {
    case "ADMIN":
      return true;
    case "PATIENT":
      return viewer.id === patientId;
    case "PHYSICIAN":
      return (await db.clearanceRequest.count({ where: { patientId, physician: { userId: viewer.id } } })) > 0;
    case "THERAPIST":
      return (await db.appointment.count({ where: { patientId, therapist: { userId: viewer.id } } })) > 0;
  }
}

export async function resolveCondition(db: Db, request: ResolveRequest): Promise<{ reviewed: ReviewedAppointment[] }> {
  const now = request.now ?? new Date();
  const condition = await db.healthCondition.findUnique({ where: { id: request.conditionId }, select: { patientId: true } });
  if (!condition || !(await maySeeRecord(db, request.user, condition.patientId))) throw new NotFoundError("No such condition on record.");
  if (request.user.role !== "ADMIN" && request.user.role !== "PHYSICIAN") {
    throw new ForbiddenError("Only clinic staff or the patient's physician can mark a condition resolved.");
  }
  const settings = await getClinicSettings(db);
  return db.$transaction(async (tx) => {
    await lockVisit(tx, { patientId: condition.patientId });
    const updated = await tx.healthCondition.updateMany({
      where: { id: request.conditionId, resolvedAt: null },
      data: { resolvedAt: now, resolvedById: request.user.id, resolvedReason: request.reason },
    });
    if (updated.count !== 1) throw new ConflictError("already_resolved", "This condition has already been marked resolved.");
    await writeAudit(tx, {
      actor: request.user,
      action: "health_record.resolved",
      entityType: "HealthCondition",
      entityId: request.conditionId,
      fromState: "OPEN",
      toState: "RESOLVED",
      // The reason stays on the record: the permanent log holds as little health detail as it can.
      details: { patientId: condition.patientId },
      ipAddress: request.ipAddress,
    });
    const reviewed = await reviewUpcoming(tx, { patientId: condition.patientId, actor: request.user, settings, appUrl: request.appUrl, now, ipAddress: request.ipAddress });
    return { reviewed };
  });
}
