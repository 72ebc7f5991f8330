// The JSON the /api/v1 routes answer, as zod schemas: what the OpenAPI document
// (./document.ts) publishes and the contract test (e2e/contract.spec.ts) holds
// every answer to. The routes build these bodies in lib/booking/queries.ts,
// lib/clearance/queries.ts and the route files; strict objects, so a field added
// there without being described here fails the contract test.
import { z } from "zod";
import { MASSAGE_TYPE_SLUGS } from "@/lib/catalogue/massage-types";
import { PAIN_AREAS } from "@/lib/validation/intake";

/** Database ids: any 8-4-4-4-12 hex (the seed's ids need not be RFC 9562 versions). */
const id = z.guid();
/** Instants as the API writes them: `Date.toISOString()`, always UTC. */
const instant = z.iso.datetime();
const count = z.int().min(0);
const named = z.strictObject({ id, name: z.string() });

export const APPOINTMENT_STATUS_WORDS = ["held", "confirmed", "completed", "cancelled", "no-show"] as const;
export const CLEARANCE_STATUS_WORDS = ["awaiting_document", "under_review", "approved", "declined", "expired"] as const;

const massageTypeRef = z.strictObject({ slug: z.enum(MASSAGE_TYPE_SLUGS), name: z.string() });
const conditionLabel = z.strictObject({ key: z.string(), label: z.string() });

export const massageTypeSchema = z
  .strictObject({
    slug: z.enum(MASSAGE_TYPE_SLUGS),
    name: z.string(),
    description: z.string(),
    durations: z.array(z.int().positive()).describe("Lengths offered, in minutes."),
  })
  .meta({ title: "MassageType" });

export const therapistSchema = z
  .strictObject({ id, name: z.string(), massageTypes: z.array(z.enum(MASSAGE_TYPE_SLUGS)) })
  .meta({ title: "Therapist" });

export const physicianSchema = named.meta({ title: "Physician" });

export const availabilitySchema = z
  .strictObject({
    timeZone: z.string().describe("The clinic's IANA time zone, for showing the times."),
    slots: z.array(z.strictObject({ start: instant, end: instant, therapistId: id })),
  })
  .meta({ title: "Availability" });

export const registeredSchema = z.strictObject({ id }).meta({ title: "Registered" });

const intakeSummarySchema = z.strictObject({
  painOnset: z.enum(["recent", "chronic"]),
  painAreas: z.array(z.enum(PAIN_AREAS)),
  painLevel: z.int().min(0).max(10),
  flags: z.array(conditionLabel).describe("What screening raised from the answers."),
  otherSerious: z.string().nullable(),
  notes: z.string().nullable(),
});

const appointmentRestrictionSchema = z.strictObject({
  id,
  text: z.string(),
  excludedMassageTypes: z.array(z.enum(MASSAGE_TYPE_SLUGS)),
  maxDurationMinutes: z.int().positive().nullable(),
  validUntil: instant,
  physician: named,
  summary: z.string().describe("The restriction in one line, as therapists read it."),
});

export const appointmentSchema = z
  .strictObject({
    id,
    status: z.enum(APPOINTMENT_STATUS_WORDS),
    start: instant,
    end: instant,
    massageType: massageTypeRef,
    therapist: named,
    patient: named,
    cancelReason: z.string().nullable(),
    hold: z
      .strictObject({ reason: z.string().nullable(), until: instant })
      .nullable()
      .describe("Set while the appointment is held (awaiting a clearance or a change)."),
    rescheduledFromId: id.nullable(),
    rescheduledFrom: z.strictObject({ start: instant }).nullable(),
    rescheduledToId: id.nullable(),
    clearance: z
      .strictObject({ id, status: z.enum(CLEARANCE_STATUS_WORDS), holdUntil: instant, physician: named })
      .nullable(),
    intake: intakeSummarySchema.nullable(),
    restrictions: z.array(appointmentRestrictionSchema),
  })
  .meta({ title: "Appointment" });

export const appointmentListSchema = z.array(appointmentSchema);

export const bookingResultSchema = z
  .strictObject({
    id,
    status: z.enum(["confirmed", "held"]),
    start: instant,
    end: instant,
    clearance: z
      .strictObject({ id, status: z.enum(CLEARANCE_STATUS_WORDS), holdUntil: instant })
      .optional()
      .describe("Present when the booking is held for a physician's clearance."),
  })
  .meta({ title: "BookingResult" });

const appointmentBriefSchema = z.strictObject({
  id,
  status: z.enum(APPOINTMENT_STATUS_WORDS),
  start: instant,
  end: instant,
  durationMinutes: z.int().positive(),
  massageType: massageTypeRef,
  therapist: named,
});

const clearanceRestrictionSchema = z.strictObject({
  id,
  text: z.string(),
  excludedMassageTypes: z.array(z.enum(MASSAGE_TYPE_SLUGS)),
  maxDurationMinutes: z.int().positive().nullable(),
  validUntil: instant,
});

export const clearanceQueueItemSchema = z
  .strictObject({
    id,
    status: z.enum(CLEARANCE_STATUS_WORDS),
    conditions: z.array(conditionLabel),
    holdUntil: instant,
    decidedAt: instant.nullable(),
    createdAt: instant,
    documentCount: count,
    patient: named,
    appointment: appointmentBriefSchema.nullable(),
  })
  .meta({ title: "ClearanceQueueItem" });

export const clearanceQueueSchema = z.array(clearanceQueueItemSchema);

const clearanceFields = {
  id,
  status: z.enum(CLEARANCE_STATUS_WORDS),
  conditions: z.array(conditionLabel),
  holdUntil: instant,
  decidedAt: instant.nullable(),
  declineReason: z.string().nullable(),
  validUntil: instant.nullable(),
  createdAt: instant,
  physician: named,
  patient: z.strictObject({ id, name: z.string(), age: count.nullable() }),
  appointment: appointmentBriefSchema.nullable(),
  intake: intakeSummarySchema.nullable(),
  documents: z.array(
    z.strictObject({
      id,
      originalName: z.string(),
      mimeType: z.enum(["application/pdf", "image/jpeg", "image/png"]),
      sizeBytes: count,
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      createdAt: instant,
      uploadedBy: named,
      href: z.string().describe("Where GET fetches the file: /api/v1/documents/{id}."),
    }),
  ),
  restriction: clearanceRestrictionSchema.nullable(),
  earlier: z
    .array(
      z.strictObject({
        id,
        status: z.enum(CLEARANCE_STATUS_WORDS),
        conditions: z.array(conditionLabel),
        decidedAt: instant.nullable(),
        validUntil: instant.nullable(),
        createdAt: instant,
        physician: named,
        restriction: clearanceRestrictionSchema.nullable(),
      }),
    )
    .describe("The same patient's earlier requests that the caller may see (a physician: those addressed to them), newest first."),
  earlierElsewhere: count.describe("How many earlier requests of the patient were addressed to other physicians: only the number."),
};

export const clearanceSchema = z.strictObject(clearanceFields).meta({ title: "Clearance" });

export const decidedClearanceSchema = z
  .strictObject({
    ...clearanceFields,
    outcome: z
      .enum(["confirmed", "held_needs_change", "cancelled", "no_held_appointment"])
      .describe("What the decision did to the held appointment."),
  })
  .meta({ title: "DecidedClearance" });

export const uploadedDocumentSchema = z
  .strictObject({ id, sha256: z.string().regex(/^[0-9a-f]{64}$/) })
  .meta({ title: "UploadedDocument" });

/** Every error answer: `{ error, message, fields? }` (lib/http/respond.ts), with the codes a response may carry. */
export function errorBody(codes: readonly [string, ...string[]], extra: Record<string, z.ZodType> = {}) {
  return z.strictObject({
    error: z.enum(codes).describe("A stable code to branch on."),
    message: z.string().describe("What went wrong, in words to show a person."),
    fields: z
      .record(z.string(), z.string())
      .optional()
      .describe("Per field (dotted path), the message to show beside it."),
    ...extra,
  });
}

export const contraindicationReasons = z
  .array(z.strictObject({ key: z.string(), label: z.string(), why: z.string() }))
  .optional()
  .describe("With `contraindicated`: each condition that rules massage out now.");

export const slotAlternatives = z
  .array(z.strictObject({ start: instant, end: instant, therapistId: id }))
  .optional()
  .describe("With `slot_taken`: free times close to the one asked for.");

export const createdSchema = z.strictObject({ id }).meta({ title: "Created" });

export const weeklyHoursBodySchema = z
  .array(
    z.strictObject({
      weekday: z.int().min(1).max(7).describe("ISO weekday: 1 = Monday … 7 = Sunday."),
      start: z.string().regex(/^\d{2}:\d{2}$/),
      end: z.string().regex(/^\d{2}:\d{2}$/),
    }),
  )
  .meta({ title: "WeeklyHours" });
