// The one registry of the /api/v1 operations: what each route takes (the zod
// schemas the route itself parses with) and every answer it gives (./responses.ts).
// document.ts turns it into OpenAPI 3.1; operations.test.ts checks every route
// file is here; e2e/contract.spec.ts calls every operation and checks the answers.
import { z } from "zod";
import { appointmentListQuerySchema, changeSchema } from "@/lib/validation/appointments";
import { registerSchema } from "@/lib/validation/auth";
import { bookingSchema, idempotencyKeySchema } from "@/lib/validation/booking";
import { availabilityQuerySchema } from "@/lib/validation/availability";
import { therapistsQuerySchema } from "@/lib/validation/catalogue";
import { clearanceQueueQuerySchema, decisionSchema } from "@/lib/validation/clearance";
import { therapistCreateSchema, weeklyHoursSchema } from "@/lib/validation/staff";
import * as body from "./responses";
import { closureSchema as closureBody, timeOffSchema as timeOffBody } from "@/lib/validation/calendar";
import { settingsPatchSchema } from "@/lib/validation/settings";
import * as admin from "./admin-responses";
import { waitlistClaimSchema, waitlistJoinSchema } from "@/lib/validation/waitlist";
import * as waitlist from "./waitlist";
import { passwordResetConfirmSchema, passwordResetRequestSchema } from "@/lib/validation/account";
import * as account from "./account";
import { healthCheckSchema } from "@/lib/validation/health-check";
import * as healthCheck from "./health-check";
import * as privacy from "./privacy";
import { sessionNoteSchema } from "@/lib/validation/notes";
import * as notes from "./notes";

export type Method = "get" | "post" | "put" | "patch" | "delete";

export interface ResponseSpec {
  description: string;
  /** An error answer's codes (`error`), so the rules every write follows can add theirs. */
  codes?: readonly [string, ...string[]];
  /** A JSON body; `binary` names the media types of a file answer instead. */
  schema?: z.ZodType;
  binary?: readonly string[];
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}

export interface Operation {
  id: string;
  method: Method;
  /** OpenAPI path, `{id}` for the path parameter. */
  path: string;
  tag: Tag;
  summary: string;
  description?: string;
  /** `public`: no session needed; otherwise the roles that get a 2xx (`any`: every signed-in role, each seeing its own). */
  access: "public" | "any" | ReadonlyArray<"PATIENT" | "THERAPIST" | "PHYSICIAN" | "ADMIN">;
  pathId?: string;
  query?: z.ZodObject;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
  json?: z.ZodType;
  multipartFile?: string;
  responses: Record<number, ResponseSpec>;
}

export const TAGS = {
  catalogue: "The clinic's massage types, therapists, physicians and free times: public.",
  accounts: "Creating a patient account and setting a new password by a mailed link. Signing in is next-auth's (/api/auth/*): the session is a cookie.",
  appointments: "Booking, listing, changing and cancelling appointments.",
  clearances: "Physician clearance requests: the queue, a request, its documents and the decision.",
  staff: "The clinic's staff, for admins: adding therapists (with an invitation mail) and setting their weekly hours.",
  admin: "Running the clinic: closures, therapists' time off and the clinic's settings. Clinic staff only.",
  waitlist: "A patient waits for a time; freed times are offered to the longest waiting, who claim them.",
  meta: "This description of the API.",
  privacy: "A patient's own data, for the patient (docs/decisions/0021).",
} as const;
export type Tag = keyof typeof TAGS;

const conflict = (codes: readonly [string, ...string[]], description: string, extra: Record<string, z.ZodType> = {}): ResponseSpec => ({
  description,
  codes,
  schema: body.errorBody(codes, extra),
});
const unauthorized = conflict(["unauthorized"], "No session: sign in first.");
const forbidden = (who: string) => conflict(["forbidden"], `Signed in, but ${who}.`);
const notFound = (what: string) =>
  conflict(["not_found"], `${what} does not exist, or the caller may not see it (the same answer either way).`);
const badJson = conflict(["invalid_json"], "The body is not JSON.");
const invalid = (what = "A field is missing or invalid: `fields` says which, in words to show a person.") => conflict(["validation"], what);
const jsonError = (description: string, schema: z.ZodType): ResponseSpec => ({ description, schema });

const CROSS_SITE = "A browser says the request comes from another site (`cross_site`; lib/http/origin.ts).";

/**
 * What lib/http/respond.ts and proxy.ts do to every write, so no entry has to repeat it: a POST that a
 * browser marks as cross-site is refused 403 `cross_site`; a JSON body sent as anything but
 * `application/json` is refused 415 `unsupported_type`.
 */
function withWriteRules(operation: Operation): Operation {
  if (operation.method === "get") return operation;
  const responses = { ...operation.responses };
  const forbiddenNow = responses[403];
  const codes = [...(forbiddenNow?.codes ?? []), "cross_site"] as [string, ...string[]];
  responses[403] = conflict(codes, forbiddenNow ? `${forbiddenNow.description} Or: ${CROSS_SITE}` : CROSS_SITE);
  if (operation.json && !responses[415]) {
    responses[415] = conflict(["unsupported_type"], "The body is not sent as `Content-Type: application/json`.");
  }
  return { ...operation, responses };
}

const nextLink = {
  Link: {
    description: 'The next page: `<…?cursor=…>; rel="next"`, absent on the last page.',
    schema: z.string(),
  },
};

const ENTRIES: readonly Operation[] = [
  {
    id: "listMassageTypes",
    method: "get",
    path: "/api/v1/massage-types",
    tag: "catalogue",
    summary: "List the massage types",
    access: "public",
    responses: { 200: { description: "Every massage type, in the clinic's order.", schema: z.array(body.massageTypeSchema) } },
  },
  {
    id: "listTherapists",
    method: "get",
    path: "/api/v1/therapists",
    tag: "catalogue",
    summary: "List the bookable therapists",
    description: "Active therapists with a valid certification, optionally only those offering one massage type.",
    access: "public",
    query: therapistsQuerySchema,
    responses: {
      200: { description: "The therapists, by name.", schema: z.array(body.therapistSchema) },
      422: invalid("`massageType` is not one of the clinic's types."),
    },
  },
  {
    id: "listPhysicians",
    method: "get",
    path: "/api/v1/physicians",
    tag: "catalogue",
    summary: "List the physicians",
    description: "The directory patients choose a reviewing physician from.",
    access: "public",
    responses: { 200: { description: "The physicians.", schema: z.array(body.physicianSchema) } },
  },
  {
    id: "getAvailability",
    method: "get",
    path: "/api/v1/availability",
    tag: "catalogue",
    summary: "Find free start times",
    description:
      "Free start times of one therapist, or of every bookable therapist of the type when `therapistId` is left out, " +
      "starting in [from, to). Times are UTC; the clinic's time zone comes with them.",
    access: "public",
    query: availabilityQuerySchema,
    responses: {
      200: { description: "The free times.", schema: body.availabilitySchema },
      422: invalid(
        "A parameter is missing or invalid, the type is not offered for that length, the therapist cannot be booked, or the range is over 62 days.",
      ),
    },
  },
  {
    id: "registerPatient",
    method: "post",
    path: "/api/v1/auth/register",
    tag: "accounts",
    summary: "Create a patient account",
    description:
      "Only patients sign themselves up; the clinic adds its staff. Then sign in through next-auth. " +
      "`healthDataConsent: true` records the patient's explicit consent to the privacy notice (/privacy) with its version; " +
      "without it the patient is asked before the first booking, and bookings answer 422 `consent_required` until then.",
    access: "public",
    json: registerSchema,
    responses: {
      201: { description: "The account exists.", schema: body.registeredSchema },
      400: badJson,
      409: conflict(["email_in_use"], "An account with this email exists already."),
      422: invalid(),
      429: {
        ...conflict(["rate_limited"], "Too many accounts from this address this hour (REGISTRATIONS_PER_HOUR)."),
        headers: { "Retry-After": { description: "Seconds until the address may register again.", schema: z.string().regex(/^\d+$/) } },
      },
    },
  },
  {
    id: "listAppointments",
    method: "get",
    path: "/api/v1/appointments",
    tag: "appointments",
    summary: "List the caller's appointments",
    description:
      "A patient's own, a therapist's schedule, the appointments a physician reviews, everything for clinic staff; a page at a time. " +
      "From now on, soonest first, unless `from`/`to`/`order` say otherwise. `status` is a comma-separated list of " +
      `${body.APPOINTMENT_STATUS_WORDS.join(", ")}; \`limit\` is 1 to 200 (default 50).`,
    access: "any",
    query: appointmentListQuerySchema,
    responses: {
      200: { description: "One page of appointments.", schema: body.appointmentListSchema, headers: nextLink },
      401: unauthorized,
      422: invalid("A query parameter is invalid, or `to` is not after `from`."),
    },
  },
  {
    id: "bookAppointment",
    method: "post",
    path: "/api/v1/appointments",
    tag: "appointments",
    summary: "Book an appointment",
    description:
      "A patient books a free time with the health intake. Confirmed at once, or held for a physician's clearance when the intake declares a condition that needs one. " +
      "With an `Idempotency-Key`, sending the same booking again answers the first result.",
    access: ["PATIENT"],
    headers: {
      "Idempotency-Key": { description: "Any 8 to 200 characters; the same key answers the same booking.", schema: idempotencyKeySchema },
    },
    json: bookingSchema,
    responses: {
      201: { description: "Booked: confirmed, or held with the clearance request it waits for.", schema: body.bookingResultSchema },
      400: badJson,
      401: unauthorized,
      403: forbidden("only patients book"),
      409: conflict(["slot_taken"], "Someone booked the time first; `alternatives` offers others.", { alternatives: body.slotAlternatives }),
      422: conflict(
        ["validation", "contraindicated", "consent_required"],
        "`validation`: a field is invalid or the time cannot be booked. `contraindicated`: the intake rules massage out now (`reasons`). " +
          "`consent_required`: the patient has not agreed to the privacy notice's use of health data (at sign-up or on the booking page).",
        { reasons: body.contraindicationReasons },
      ),
    },
  },
  {
    id: "getAppointment",
    method: "get",
    path: "/api/v1/appointments/{id}",
    tag: "appointments",
    summary: "Get one appointment",
    access: "any",
    pathId: "The appointment's id.",
    responses: {
      200: { description: "The appointment.", schema: body.appointmentSchema },
      401: unauthorized,
      404: notFound("The appointment"),
    },
  },
  {
    id: "cancelAppointment",
    method: "post",
    path: "/api/v1/appointments/{id}/cancel",
    tag: "appointments",
    summary: "Cancel an appointment",
    description: "Its patient (before the clinic's cancellation notice) or clinic staff cancels.",
    access: ["PATIENT", "ADMIN"],
    pathId: "The appointment's id.",
    responses: {
      200: { description: "The cancelled appointment.", schema: body.appointmentSchema },
      401: unauthorized,
      403: forbidden("only its patient or clinic staff change an appointment (its therapist and physician see it)"),
      404: notFound("The appointment"),
      409: conflict(
        ["not_changeable", "too_late", "invalid_transition"],
        "The appointment can no longer be cancelled: over or started (`not_changeable`), or inside the cancellation notice for a patient (`too_late`).",
      ),
    },
  },
  {
    id: "rescheduleAppointment",
    method: "post",
    path: "/api/v1/appointments/{id}/reschedule",
    tag: "appointments",
    summary: "Change an appointment's time, type or length",
    description:
      "Same therapist. The new appointment is screened again: it may be confirmed, held for a clearance, or refused with what to choose instead.",
    access: ["PATIENT", "ADMIN"],
    pathId: "The appointment's id.",
    json: changeSchema,
    responses: {
      201: { description: "The new appointment (the old one points to it).", schema: body.appointmentSchema },
      400: badJson,
      401: unauthorized,
      403: forbidden("only its patient or clinic staff change an appointment (its therapist and physician see it)"),
      404: notFound("The appointment"),
      409: conflict(
        ["slot_taken", "not_changeable", "too_late", "invalid_transition"],
        "The new time was taken (`alternatives`), or the appointment can no longer be changed.",
        { alternatives: body.slotAlternatives },
      ),
      422: invalid("A field is invalid, the time cannot be booked, or a physician's restrictions rule the change out."),
    },
  },
  {
    id: "listWaitlist",
    method: "get",
    path: "/api/v1/waitlist",
    tag: "waitlist",
    summary: "List my waitlist entries",
    description: "The patient's own active entries, longest waiting first, each with the time offered to it now, if any.",
    access: ["PATIENT"],
    responses: {
      200: { description: "The entries.", schema: z.array(waitlist.waitlistEntrySchema) },
      401: unauthorized,
      403: forbidden("only patients wait for times"),
    },
  },
  {
    id: "joinWaitlist",
    method: "post",
    path: "/api/v1/waitlist",
    tag: "waitlist",
    summary: "Join the waitlist",
    description:
      "For a massage type and length, a therapist (or any), a window of days (`from`–`to`, clinic dates), weekdays and times (clinic time). " +
      "When a matching time frees, the longest-waiting patient is offered it by mail and on their page.",
    access: ["PATIENT"],
    json: waitlistJoinSchema,
    responses: {
      201: { description: "On the list.", schema: waitlist.waitlistJoinedSchema },
      400: badJson,
      401: unauthorized,
      403: forbidden("only patients wait for times"),
      409: conflict(["waitlist_full"], "The patient already waits for as many times as the clinic allows."),
      422: invalid(),
    },
  },
  {
    id: "claimWaitlistOffer",
    method: "post",
    path: "/api/v1/waitlist/offers/{id}/claim",
    tag: "waitlist",
    summary: "Claim a waitlist offer",
    description:
      "Books the offered time with the health intake, screened like any booking (confirmed, or held for a clearance). " +
      "Of two claims on one time exactly one wins; the other is `offer_gone` and stays on the list.",
    access: ["PATIENT"],
    pathId: "The offer's id.",
    json: waitlistClaimSchema,
    responses: {
      201: { description: "Booked.", schema: body.bookingResultSchema },
      400: badJson,
      401: unauthorized,
      403: forbidden("only patients claim offers"),
      404: notFound("The offer"),
      409: conflict(["offer_gone"], "The time was taken or the offer ended (expired, declined, claimed)."),
      422: conflict(
        ["validation", "contraindicated", "consent_required"],
        "`validation`: a field is invalid. `contraindicated`: the intake rules massage out now (`reasons`). " +
          "`consent_required`: the patient has not agreed to the use of health data.",
        { reasons: body.contraindicationReasons },
      ),
    },
  },
  {
    id: "listClearanceQueue",
    method: "get",
    path: "/api/v1/clearances",
    tag: "clearances",
    summary: "The physician's clearance queue",
    description: "Requests addressed to the signed-in physician, the soonest appointment first. `status=open` is both statuses that still wait.",
    access: ["PHYSICIAN"],
    query: clearanceQueueQuerySchema,
    responses: {
      200: { description: "The requests.", schema: body.clearanceQueueSchema },
      401: unauthorized,
      403: forbidden("only physicians have a queue"),
      422: invalid("`status` is not one of the filters."),
    },
  },
  {
    id: "getClearance",
    method: "get",
    path: "/api/v1/clearances/{id}",
    tag: "clearances",
    summary: "Get one clearance request",
    description: "With its documents' metadata and the patient's earlier requests: to its patient, the addressed physician and clinic staff.",
    access: ["PATIENT", "PHYSICIAN", "ADMIN"],
    pathId: "The clearance request's id.",
    responses: {
      200: { description: "The request.", schema: body.clearanceSchema },
      401: unauthorized,
      404: notFound("The request"),
    },
  },
  {
    id: "uploadClearanceDocument",
    method: "post",
    path: "/api/v1/clearances/{id}/documents",
    tag: "clearances",
    summary: "Upload a clearance document",
    description: "The patient or the addressed physician uploads a PDF, JPEG or PNG (judged by content) of at most 10 MB, as the multipart field `file`.",
    access: ["PATIENT", "PHYSICIAN"],
    pathId: "The clearance request's id.",
    multipartFile: "file",
    responses: {
      201: { description: "Stored.", schema: body.uploadedDocumentSchema },
      400: conflict(["missing_body", "malformed_upload"], "The body is not a multipart form with one `file`."),
      401: unauthorized,
      403: forbidden("clinic staff do not upload for the patient"),
      404: notFound("The request"),
      409: conflict(["clearance_closed"], "The request is decided or expired: it takes no more documents."),
      413: conflict(["too_large"], "The file is over 10 MB."),
      415: conflict(["unsupported_type"], "The file is not a PDF, JPEG or PNG, or the body is not multipart/form-data."),
      422: invalid("The file is empty, or an image of absurd dimensions."),
    },
  },
  {
    id: "decideClearance",
    method: "post",
    path: "/api/v1/clearances/{id}/decision",
    tag: "clearances",
    summary: "Approve or decline a clearance request",
    description:
      "The addressed physician decides, optionally with restrictions and how long the approval holds. The answer says what happened to the held appointment.",
    access: ["PHYSICIAN"],
    pathId: "The clearance request's id.",
    json: decisionSchema,
    responses: {
      200: { description: "The decided request.", schema: body.decidedClearanceSchema },
      400: badJson,
      401: unauthorized,
      403: forbidden("clinic staff do not decide"),
      404: notFound("The request"),
      409: conflict(["no_document", "already_decided", "expired"], "Not decidable now: no document yet, decided already, or expired."),
      422: invalid(),
    },
  },
  {
    id: "getDocument",
    method: "get",
    path: "/api/v1/documents/{id}",
    tag: "clearances",
    summary: "Download a clearance document",
    description: "The file itself (the reading is audited): to its patient, the addressed physician and clinic staff. Inline, or `?download=1` to save it.",
    access: ["PATIENT", "PHYSICIAN", "ADMIN"],
    pathId: "The document's id.",
    query: z.object({ download: z.string().optional().describe("`1`: as an attachment, to save; anything else: inline.") }),
    responses: {
      200: { description: "The file.", binary: ["application/pdf", "image/jpeg", "image/png"] },
      401: unauthorized,
      404: notFound("The document"),
      500: jsonError("The stored file no longer matches its checksum.", body.errorBody(["document_damaged"])),
    },
  },
  {
    id: "createClosure",
    method: "post",
    path: "/api/v1/admin/closures",
    tag: "admin",
    summary: "Close the clinic for a day",
    description:
      "A holiday: no times are offered that day (the date is read in the clinic's time zone). Refused while held or confirmed appointments are booked that day: move or cancel them first.",
    access: ["ADMIN"],
    json: closureBody,
    responses: {
      201: { description: "The clinic is closed that day.", schema: admin.closureSchema },
      400: badJson,
      401: unauthorized,
      403: forbidden("only clinic staff close the clinic"),
      409: conflict(
        ["appointments_in_the_way", "closure_exists"],
        "`appointments_in_the_way`: appointments are booked that day (`appointments` lists them). `closure_exists`: the day is closed already.",
        { appointments: admin.appointmentsInTheWay.optional() },
      ),
      422: invalid(),
    },
  },
  {
    id: "createTimeOff",
    method: "post",
    path: "/api/v1/admin/therapists/{id}/time-off",
    tag: "admin",
    summary: "Enter a therapist's time off",
    description: "Approved at once: the therapist's times in [start, end) are no longer offered. Refused while appointments of theirs lie in it.",
    access: ["ADMIN"],
    pathId: "The therapist's id.",
    json: timeOffBody,
    responses: {
      201: { description: "The time off.", schema: admin.timeOffSchema },
      400: badJson,
      401: unauthorized,
      403: forbidden("only clinic staff enter time off (therapists request theirs on their page)"),
      404: notFound("The therapist"),
      409: conflict(["appointments_in_the_way"], "Appointments of the therapist lie in the time off: `appointments` lists them.", {
        appointments: admin.appointmentsInTheWay,
      }),
      422: invalid(),
    },
  },
  {
    id: "updateSettings",
    method: "patch",
    path: "/api/v1/admin/settings",
    tag: "admin",
    summary: "Change the clinic's settings",
    description:
      "Any subset of the settings; the rest stay. Bounds: notice and cancellation notice 0–168 h, horizon 1–365 days, hold cut-off 1–168 h, note lock 1–720 h, health-check hour 0–23, waitlist offer 15–1440 min, slot grid 5/10/15/20/30/60 min, clearance validity 1–24 months; the time zone an IANA name.",
    access: ["ADMIN"],
    json: settingsPatchSchema,
    responses: {
      200: { description: "Every setting, as saved.", schema: admin.clinicSettingsSchema },
      400: badJson,
      401: unauthorized,
      403: forbidden("only clinic staff change the settings"),
      422: invalid("A setting is out of bounds, unknown, or the time zone is not one: `fields` names each."),
    },
  },
  {
    id: "createTherapist",
    method: "post",
    path: "/api/v1/admin/therapists",
    tag: "staff",
    summary: "Add a therapist",
    description:
      "Makes the therapist's account and mails them an invitation with a one-time link to set their password (valid 7 days). " +
      "Bookable once certified (`certificationExpiresOn` is the last valid day) and given weekly hours.",
    access: ["ADMIN"],
    json: therapistCreateSchema,
    responses: {
      201: { description: "The therapist exists; the invitation is in the outbox.", schema: body.createdSchema },
      400: badJson,
      401: unauthorized,
      403: forbidden("not clinic staff"),
      409: conflict(["email_in_use"], "An account with this email exists already."),
      422: invalid(),
    },
  },
  {
    id: "setTherapistHours",
    method: "put",
    path: "/api/v1/admin/therapists/{id}/hours",
    tag: "staff",
    summary: "Replace a therapist's weekly hours",
    description:
      "The whole week, in the clinic's time zone: every shift ends after it starts, no two shifts of one day overlap, and each time lies on " +
      "the clinic's slot grid (`slotGridMinutes`, 30 by default). An empty list leaves the therapist without hours (not bookable).",
    access: ["ADMIN"],
    pathId: "The therapist's id.",
    json: weeklyHoursSchema,
    responses: {
      200: { description: "The week as stored, by day and start.", schema: body.weeklyHoursBodySchema },
      400: badJson,
      401: unauthorized,
      403: forbidden("not clinic staff"),
      404: notFound("The therapist"),
      422: invalid("A shift is invalid: `fields` names it by position, e.g. `2.start`."),
    },
  },
  {
    id: "getMyExport",
    method: "get",
    path: "/api/v1/me/export",
    tag: "privacy",
    summary: "Download my data",
    description:
      "The patient's own data as one JSON document (GDPR Art. 15/20, HIPAA right of access): profile, consents, appointments with " +
      "restrictions and session notes, intakes, health record, clearances with their documents' metadata. Each call is audited.",
    access: ["PATIENT"],
    responses: {
      200: {
        description: "The data, as a download.",
        schema: privacy.patientExportSchema,
        headers: { "Content-Disposition": { description: "`attachment; filename=\"my-clinic-data.json\"`.", schema: z.string() } },
      },
      401: unauthorized,
      403: forbidden("only patients have data to export here"),
    },
  },
  {
    id: "saveSessionNote",
    method: "post",
    path: "/api/v1/appointments/{id}/notes",
    tag: "appointments",
    summary: "Write a session's notes (SOAP and pain scores)",
    description:
      "The appointment's own therapist, once the session has begun, writes its notes: subjective, objective, assessment and plan, pain before " +
      "and after (0–10), and optionally how sleep and mood changed since the last session (-2 … 2). Sending again replaces the note, until " +
      "the clinic's note lock (`noteLockHours`, 48 by default, after the session's end). Every write and read of notes is audited.",
    access: ["THERAPIST"],
    pathId: "The appointment's id.",
    json: sessionNoteSchema,
    responses: {
      200: { description: "The note was there and is replaced.", schema: notes.sessionNoteBodySchema },
      201: { description: "The note is written.", schema: notes.sessionNoteBodySchema },
      400: badJson,
      401: unauthorized,
      403: forbidden("only the appointment's therapist writes its notes (its patient, physician and clinic staff may see the appointment)"),
      404: notFound("The appointment"),
      409: conflict(
        ["not_started", "not_notable", "note_locked"],
        "The session has not begun (`not_started`), was not held (`not_notable`: held, cancelled or a no-show), or its notes are locked (`note_locked`).",
      ),
      422: invalid("A part is empty or too long, or a score is out of range (pain 0–10, sleep and mood -2–2): `fields` names each."),
    },
  },
  {
    id: "completeAppointment",
    method: "post",
    path: "/api/v1/appointments/{id}/complete",
    tag: "appointments",
    summary: "Mark an appointment completed",
    description: "Its therapist or clinic staff, once it has started. Audited.",
    access: ["THERAPIST", "ADMIN"],
    pathId: "The appointment's id.",
    responses: {
      200: { description: "The completed appointment.", schema: body.appointmentSchema },
      401: unauthorized,
      403: forbidden("only its therapist or clinic staff record how a visit went"),
      404: notFound("The appointment"),
      409: conflict(["not_started", "invalid_transition"], "It has not started yet (`not_started`), or is not confirmed (`invalid_transition`)."),
    },
  },
  {
    id: "markNoShow",
    method: "post",
    path: "/api/v1/appointments/{id}/no-show",
    tag: "appointments",
    summary: "Mark an appointment a no-show",
    description: "Its therapist or clinic staff, once it has started and the patient has not come. Audited.",
    access: ["THERAPIST", "ADMIN"],
    pathId: "The appointment's id.",
    responses: {
      200: { description: "The appointment, now a no-show.", schema: body.appointmentSchema },
      401: unauthorized,
      403: forbidden("only its therapist or clinic staff record how a visit went"),
      404: notFound("The appointment"),
      409: conflict(["not_started", "invalid_transition"], "It has not started yet (`not_started`), or is not confirmed (`invalid_transition`)."),
    },
  },
  {
    id: "getOpenApiDocument",
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "meta",
    summary: "This API's OpenAPI document",
    description: "OpenAPI 3.1, generated from the schemas the routes validate with.",
    access: "public",
    responses: { 200: { description: "The document.", schema: z.looseObject({ openapi: z.literal("3.1.0") }) } },
  },
  {
    id: "requestPasswordReset",
    method: "post",
    path: "/api/v1/auth/password-reset",
    tag: "accounts",
    summary: "Ask for a password-reset link",
    description:
      "Mails a single-use link (`/password/set?token=…`, valid 30 minutes; a newer one replaces it) if the email has an active account. " +
      "The answer is the same whether or not it has one. Throttled per email and per client address.",
    access: "public",
    json: passwordResetRequestSchema,
    responses: {
      202: { description: "Accepted: a mail is on its way if the account exists.", schema: account.passwordResetRequestedSchema },
      400: badJson,
      422: invalid("`email` is missing or not an address."),
      429: {
        ...conflict(["rate_limited"], "Too many requests for this email or from this address; unknown emails count alike."),
        headers: { "Retry-After": { description: "Seconds until another request is taken.", schema: z.string().regex(/^\d+$/) } },
      },
    },
  },
  {
    id: "confirmPasswordReset",
    method: "post",
    path: "/api/v1/auth/password-reset/confirm",
    tag: "accounts",
    summary: "Set a new password from a mail link",
    description:
      "The token of a reset link (or of a staff invitation) and the new password. Uses the link, stores the password and ends every session " +
      "of the user, on every device; then sign in with the new password.",
    access: "public",
    json: passwordResetConfirmSchema,
    responses: {
      200: { description: "The password is set; every session of the user has ended.", schema: account.passwordSetSchema },
      400: badJson,
      410: conflict(["token_used", "token_expired", "token_unknown"], "The link was used already, has expired, or was never issued (or replaced by a newer one)."),
      422: invalid("The password is too short, too long or too common (`fields.password`), or the token is malformed."),
    },
  },
  {
    id: "answerHealthCheck",
    method: "post",
    path: "/api/v1/appointments/{id}/health-check",
    tag: "appointments",
    summary: "Answer the day-before health check",
    description:
      "Its patient, from the clinic's check hour (`healthCheckHour`, clinic time) the day before a confirmed appointment until it starts. " +
      "Any `true` cancels it without charge whatever the cancellation notice, frees the time (offered to the waitlist) and tells the therapist. " +
      "The first answer stands: answering again gives it back (`recorded: false`).",
    access: ["PATIENT"],
    pathId: "The appointment's id.",
    json: healthCheckSchema,
    responses: {
      200: { description: "The answer, and the appointment's status after it.", schema: healthCheck.healthCheckResultSchema },
      400: badJson,
      401: unauthorized,
      403: forbidden("only the appointment's patient answers its health check (its therapist, physician and clinic staff see it)"),
      404: notFound("The appointment"),
      409: conflict(["not_answerable"], "The appointment is not confirmed, the check has not opened yet, or the appointment has started."),
      422: invalid("An answer is missing or not true/false: `fields` names it."),
    },
  },
];

export const OPERATIONS: readonly Operation[] = ENTRIES.map(withWriteRules);
