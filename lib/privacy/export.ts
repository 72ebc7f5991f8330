// The patient's own data as JSON (GDPR Art. 15 and 20, HIPAA right of access): the one function that builds it,
// for GET /api/v1/me/export and the patient page's download. Each export writes one audit entry.
// Documents are listed by their metadata (never their contents or storage key); session notes are included whole:
// the SessionNote model has no private part, so the SOAP note of each of the patient's sessions is theirs to read.
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { DbClient } from "@/lib/db/prisma";
import { ForbiddenError } from "@/lib/errors";

export const EXPORT_FORMAT = "backcare-clinic.patient-export.v1";

export async function buildPatientExport(db: DbClient, actor: AuditActor, options: { ipAddress?: string; now?: Date } = {}) {
  if (actor.role !== "PATIENT") throw new ForbiddenError("Only patients can download their own data here.");
  const patientId = actor.id;
  const [profile, consents, appointments, intakes, conditions, clearances, closureRequests] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: patientId },
      select: { id: true, name: true, email: true, phone: true, dateOfBirth: true, createdAt: true },
    }),
    db.consent.findMany({ where: { userId: patientId }, orderBy: { givenAt: "asc" }, select: { scope: true, noticeVersion: true, givenAt: true } }),
    db.appointment.findMany({
      where: { patientId },
      orderBy: { startsAt: "asc" },
      select: {
        id: true,
        massageTypeSlug: true,
        startsAt: true,
        endsAt: true,
        status: true,
        cancelReason: true,
        holdReason: true,
        heldUntil: true,
        rescheduledFromId: true,
        createdAt: true,
        therapist: { select: { user: { select: { name: true } } } },
        restrictions: { select: { restriction: { select: { text: true, excludedMassageTypes: true, maxDurationMinutes: true, validUntil: true } } } },
        sessionNote: {
          select: { subjective: true, objective: true, assessment: true, plan: true, painBefore: true, painAfter: true, createdAt: true },
        },
      },
    }),
    db.intake.findMany({
      where: { patientId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        appointmentId: true,
        painOnset: true,
        painAreas: true,
        painLevel: true,
        fever: true,
        contagiousIllness: true,
        acuteInjury: true,
        cardiovascular: true,
        cancer: true,
        diabetes: true,
        osteoporosis: true,
        otherSerious: true,
        notes: true,
        createdAt: true,
      },
    }),
    db.healthCondition.findMany({
      where: { patientId },
      orderBy: { declaredAt: "asc" },
      select: { condition: true, description: true, declaredAt: true, resolvedAt: true, resolvedReason: true },
    }),
    db.clearanceRequest.findMany({
      where: { patientId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        appointmentId: true,
        status: true,
        conditions: true,
        otherSerious: true,
        holdUntil: true,
        decidedAt: true,
        declineReason: true,
        validUntil: true,
        createdAt: true,
        physician: { select: { user: { select: { name: true } } } },
        restriction: { select: { text: true, excludedMassageTypes: true, maxDurationMinutes: true, validUntil: true } },
        documents: { orderBy: { createdAt: "asc" }, select: { id: true, originalName: true, mimeType: true, sizeBytes: true, sha256: true, createdAt: true } },
      },
    }),
    db.accountClosureRequest.findMany({ where: { userId: patientId }, orderBy: { requestedAt: "asc" }, select: { requestedAt: true, completedAt: true } }),
  ]);

  const data = {
    format: EXPORT_FORMAT,
    exportedAt: (options.now ?? new Date()).toISOString(),
    profile,
    consents,
    appointments: appointments.map(({ therapist, restrictions, sessionNote, massageTypeSlug, ...appointment }) => ({
      ...appointment,
      massageType: massageTypeSlug,
      therapist: therapist.user.name,
      restrictions: restrictions.map((link) => link.restriction),
      sessionNote,
    })),
    intakes,
    healthRecord: conditions,
    clearances: clearances.map(({ physician, ...clearance }) => ({ ...clearance, physician: physician.user.name })),
    accountClosureRequests: closureRequests,
  };
  await writeAudit(db, {
    actor,
    action: "data.exported",
    entityType: "User",
    entityId: patientId,
    details: { appointments: appointments.length, intakes: intakes.length, clearances: clearances.length },
    ipAddress: options.ipAddress,
  });
  return data;
}

export type PatientExport = Awaited<ReturnType<typeof buildPatientExport>>;
