// The clinic's calendar exceptions and services, as the admin pages and /api/v1/admin send them:
// closures (a whole day), time off (a range), decisions on time-off requests, massage-type edits, and
// the reasons the clinic gives when it cancels or moves an appointment for a patient.
import { z } from "zod";
import { DURATIONS, DURATION_MESSAGE, isoInstant } from "./booking";
import { safeText } from "./text";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date "YYYY-MM-DD" that exists (no 31 February), between 2000 and 2099. */
export const calendarDate = (message: string) =>
  z
    .string({ error: message })
    .regex(DAY, message)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= "2000-01-01" && value < "2100-01-01";
    }, message);

const reason = (what: string, max = 200) =>
  safeText({ error: `Give a reason ${what}.` })
    .trim()
    .min(1, `Give a reason ${what}.`)
    .max(max, `Keep the reason under ${max} characters.`);

/** POST /api/v1/admin/closures: a day the whole clinic is closed, in its time zone. */
export const closureSchema = z.object({
  date: calendarDate("Give the day as a date, e.g. 2026-12-25."),
  reason: reason("(e.g. Christmas Day)", 120),
});
export type ClosureInput = z.input<typeof closureSchema>;

/** The longest time off entered at once. */
export const MAX_TIME_OFF_DAYS = 366;

/** POST /api/v1/admin/therapists/:id/time-off and the therapist's request: [start, end), ISO instants. */
export const timeOffSchema = z
  .object({
    start: isoInstant("Give the start as a date and time, e.g. 2026-12-24T09:00:00+01:00."),
    end: isoInstant("Give the end as a date and time, e.g. 2026-12-24T17:00:00+01:00."),
    reason: safeText().trim().max(200, "Keep the reason under 200 characters.").optional().default(""),
  })
  .superRefine((value, context) => {
    if (value.end.getTime() <= value.start.getTime()) {
      context.addIssue({ code: "custom", path: ["end"], message: "The end must come after the start." });
    } else if (value.end.getTime() - value.start.getTime() > MAX_TIME_OFF_DAYS * 86_400_000) {
      context.addIssue({ code: "custom", path: ["end"], message: `Enter at most ${MAX_TIME_OFF_DAYS} days at once.` });
    }
  });
export type TimeOffInput = z.input<typeof timeOffSchema>;

export const timeOffDecisionSchema = z.object({
  decision: z.enum(["approve", "decline"], { error: "Choose approve or decline." }),
});

/** The durations a type offers: 30 to 120 minutes in steps of 15, at least one, each once. */
export const durationsSchema = z
  .array(z.number({ error: DURATION_MESSAGE }).int(DURATION_MESSAGE).refine((m) => (DURATIONS as readonly number[]).includes(m), DURATION_MESSAGE), {
    error: "Choose at least one length.",
  })
  .min(1, "Choose at least one length.")
  .transform((minutes) => [...new Set(minutes)].toSorted((a, b) => a - b));

/** An edit of a massage type on /admin/services (its name and slug stay: bookings and the API refer to them). */
export const massageTypeUpdateSchema = z.object({
  summary: safeText().trim().min(1, "Give a one-line summary.").max(160, "Keep the summary under 160 characters."),
  description: safeText().trim().min(1, "Describe the massage for patients.").max(2000, "Keep the description under 2000 characters."),
  durations: durationsSchema,
  active: z.boolean({ error: "Say whether the type is offered." }),
});
export type MassageTypeUpdate = z.output<typeof massageTypeUpdateSchema>;

/** The clinic cancels on a patient's behalf: the reason is required (the patient reads it in the mail). */
export const clinicCancelSchema = z.object({ reason: reason("the patient will read") });

/** The clinic moves an appointment on a patient's behalf: the new start and why. */
export const clinicMoveSchema = z.object({
  start: isoInstant("Choose a time from the ones offered."),
  reason: reason("for the move"),
});
