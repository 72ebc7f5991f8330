// The one place that inserts Appointment rows, and the rows that come with one
// (its intake, its clearance request, new entries on the health record, the
// restrictions in force, the mail, the audit entries): one statement, so a
// booking is one round trip for the database after its locks. Status changes of
// existing rows go through lib/appointments/transitions.ts.
import { auditInsertSql, type AuditInput } from "@/lib/audit";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import { outboxInsertSql } from "@/lib/mail/outbox";
import type { ClinicContact } from "@/lib/clinic-contact";
import type { OutgoingMail } from "@/lib/mail/types";
import type { IntakeColumns } from "@/lib/screening/screen";
import { normaliseDescription, type ConditionRef } from "@/lib/screening/record";

export interface NewAppointment {
  id: string;
  therapistId: string;
  patientId: string;
  massageType: string;
  start: Date;
  end: Date;
  status: Extract<AppointmentStatus, "HELD" | "CONFIRMED">;
  hold: { reason: "clearance" | "restrictions"; until: Date } | null;
  idempotencyKey?: string;
  /** The first appointment of its chain of reschedules (its own id when new). */
  seriesId: string;
  sequence: number;
  rescheduledFromId?: string;
  /** A new intake, or the one of the appointment this replaces (moved over). */
  intake: { kind: "new"; id: string; columns: IntakeColumns } | { kind: "moved"; fromAppointmentId: string };
  /** A new clearance request, or the replaced appointment's open one, moved over with a new cut-off. */
  clearance:
    | { kind: "new"; id: string; physicianId: string; conditions: string[]; otherSerious: string[]; holdUntil: Date }
    | { kind: "moved"; id: string; holdUntil: Date }
    | null;
  /** Serious conditions the intake declares for the first time: they join the patient's record. */
  newConditions: ConditionRef[];
  restrictionIds: string[];
  mails: OutgoingMail[];
  /** The clinic's details, which close every mail (lib/mail/outbox.ts). */
  clinic: ClinicContact;
  audits: AuditInput[];
}

const iso = (at: Date) => at.toISOString();

/** The insert as one statement; data-modifying CTEs all run, each child row reading the appointment's. */
export function insertAppointmentSql(row: NewAppointment): Prisma.Sql {
  const parts: Prisma.Sql[] = [
    Prisma.sql`appointment AS (
      INSERT INTO "Appointment" ("id", "therapistId", "patientId", "massageTypeSlug", "startsAt", "endsAt", "status", "holdReason",
                                 "heldUntil", "idempotencyKey", "seriesId", "sequence", "rescheduledFromId", "updatedAt")
      VALUES (${row.id}::uuid, ${row.therapistId}::uuid, ${row.patientId}::uuid, ${row.massageType}, ${iso(row.start)}::timestamptz,
              ${iso(row.end)}::timestamptz, ${row.status}::"AppointmentStatus", ${row.hold?.reason ?? null},
              ${row.hold ? iso(row.hold.until) : null}::timestamptz, ${row.idempotencyKey ?? null}, ${row.seriesId}::uuid,
              ${row.sequence}::int, ${row.rescheduledFromId ?? null}::uuid, now())
      RETURNING "id")`,
  ];
  const intake = row.intake;
  if (intake.kind === "new") {
    const c = intake.columns;
    parts.push(Prisma.sql`intake AS (
      INSERT INTO "Intake" ("id", "appointmentId", "patientId", "painOnset", "painAreas", "painLevel", "fever", "contagiousIllness",
                            "acuteInjury", "cardiovascular", "cancer", "diabetes", "osteoporosis", "otherSerious", "notes")
      SELECT ${intake.id}::uuid, appointment."id", ${row.patientId}::uuid, ${c.painOnset}::"PainOnset", ${c.painAreas}::text[],
             ${c.painLevel}::int, ${c.fever}, ${c.contagiousIllness}, ${c.acuteInjury}, ${c.cardiovascular}, ${c.cancer},
             ${c.diabetes}, ${c.osteoporosis}, ${c.otherSerious}, ${c.notes}
        FROM appointment
      RETURNING "id")`);
  } else {
    parts.push(Prisma.sql`intake AS (
      UPDATE "Intake" i SET "appointmentId" = appointment."id" FROM appointment
       WHERE i."appointmentId" = ${intake.fromAppointmentId}::uuid
      RETURNING i."id")`);
  }
  const clearance = row.clearance;
  if (clearance?.kind === "new") {
    parts.push(Prisma.sql`clearance AS (
      INSERT INTO "ClearanceRequest" ("id", "appointmentId", "patientId", "physicianId", "conditions", "otherSerious", "holdUntil", "updatedAt")
      SELECT ${clearance.id}::uuid, appointment."id", ${row.patientId}::uuid, ${clearance.physicianId}::uuid,
             ${clearance.conditions}::text[], ${clearance.otherSerious}::text[], ${iso(clearance.holdUntil)}::timestamptz, now()
        FROM appointment)`);
  } else if (clearance?.kind === "moved") {
    parts.push(Prisma.sql`clearance AS (
      UPDATE "ClearanceRequest" c SET "appointmentId" = appointment."id", "holdUntil" = ${iso(clearance.holdUntil)}::timestamptz, "updatedAt" = now()
        FROM appointment WHERE c."id" = ${clearance.id}::uuid)`);
  }
  if (row.newConditions.length) {
    const values = row.newConditions.map(
      (condition) =>
        Prisma.sql`(${condition.key}, ${condition.description ?? null}, ${normaliseDescription(condition.description)})`,
    );
    // Two bookings of one patient declare at once: the open-once index keeps one entry (the patient's lock makes this rare).
    parts.push(Prisma.sql`record AS (
      INSERT INTO "HealthCondition" ("id", "patientId", "condition", "description", "descriptionKey", "intakeId")
      SELECT gen_random_uuid(), ${row.patientId}::uuid, v."condition", v."description", v."descriptionKey", intake."id"
        FROM intake, (VALUES ${Prisma.join(values)}) AS v("condition", "description", "descriptionKey")
      ON CONFLICT ("patientId", "condition", "descriptionKey") WHERE "resolvedAt" IS NULL DO NOTHING)`);
  }
  if (row.restrictionIds.length) {
    parts.push(Prisma.sql`restrictions AS (
      INSERT INTO "AppointmentRestriction" ("appointmentId", "restrictionId")
      SELECT appointment."id", r FROM appointment, unnest(${row.restrictionIds}::uuid[]) AS r)`);
  }
  if (row.mails.length) parts.push(Prisma.sql`mail AS (${outboxInsertSql(row.mails, row.clinic)})`);
  if (row.audits.length) parts.push(Prisma.sql`audit AS (${auditInsertSql(row.audits)})`);
  return Prisma.sql`WITH ${Prisma.join(parts, ",\n")} SELECT "id"::text AS id FROM appointment`;
}
