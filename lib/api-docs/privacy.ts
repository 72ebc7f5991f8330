// The export's answer (lib/privacy/export.ts buildPatientExport), as a zod schema for the OpenAPI document.
import { z } from "zod";

const id = z.guid();
const instant = z.iso.datetime();
const nullableInstant = instant.nullable();
const restriction = z.strictObject({ text: z.string(), excludedMassageTypes: z.array(z.string()), maxDurationMinutes: z.int().nullable(), validUntil: instant });

export const patientExportSchema = z
  .strictObject({
    format: z.literal("backcare-clinic.patient-export.v1"),
    exportedAt: instant,
    profile: z.strictObject({ id, name: z.string(), email: z.string(), phone: z.string().nullable(), dateOfBirth: nullableInstant, createdAt: instant }),
    consents: z.array(z.strictObject({ scope: z.enum(["HEALTH_DATA"]), noticeVersion: z.string(), givenAt: instant })),
    appointments: z.array(
      z.strictObject({
        id,
        massageType: z.string(),
        therapist: z.string(),
        startsAt: instant,
        endsAt: instant,
        status: z.enum(["HELD", "CONFIRMED", "COMPLETED", "CANCELLED", "NO_SHOW"]),
        cancelReason: z.string().nullable(),
        holdReason: z.string().nullable(),
        heldUntil: nullableInstant,
        rescheduledFromId: id.nullable(),
        createdAt: instant,
        restrictions: z.array(restriction).describe("The physician's restrictions in force at the appointment."),
        sessionNote: z
          .strictObject({
            subjective: z.string(),
            objective: z.string(),
            assessment: z.string(),
            plan: z.string(),
            painBefore: z.int(),
            painAfter: z.int(),
            createdAt: instant,
          })
          .nullable()
          .describe("The therapist's SOAP note of the session, once written."),
      }),
    ),
    intakes: z.array(z.looseObject({ id, appointmentId: id.nullable(), createdAt: instant }).describe("Each health intake, every answer.")),
    healthRecord: z.array(
      z.strictObject({
        condition: z.string(),
        description: z.string().nullable(),
        declaredAt: instant,
        resolvedAt: nullableInstant,
        resolvedReason: z.string().nullable(),
      }),
    ),
    clearances: z.array(
      z.strictObject({
        id,
        appointmentId: id.nullable(),
        physician: z.string(),
        status: z.enum(["AWAITING_DOCUMENT", "UNDER_REVIEW", "APPROVED", "DECLINED", "EXPIRED"]),
        conditions: z.array(z.string()),
        otherSerious: z.array(z.string()),
        holdUntil: instant,
        decidedAt: nullableInstant,
        declineReason: z.string().nullable(),
        validUntil: nullableInstant,
        createdAt: instant,
        restriction: restriction.nullable(),
        documents: z
          .array(z.strictObject({ id, originalName: z.string(), mimeType: z.string(), sizeBytes: z.int(), sha256: z.string(), createdAt: instant }))
          .describe("The documents' metadata; the files themselves are at GET /api/v1/documents/{id}."),
      }),
    ),
    accountClosureRequests: z.array(z.strictObject({ requestedAt: instant, completedAt: nullableInstant })),
  })
  .meta({ title: "PatientExport" });
