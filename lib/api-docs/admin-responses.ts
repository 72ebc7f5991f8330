// The admin API's answer bodies (closures, time off, settings), for lib/api-docs/operations.ts.
import { z } from "zod";

const id = z.guid();
const instant = z.iso.datetime();
const named = z.strictObject({ id, name: z.string() });

export const closureSchema = z
  .strictObject({ id, date: z.iso.date().describe("The closed day in the clinic's time zone."), reason: z.string() })
  .meta({ title: "Closure" });

export const timeOffSchema = z
  .strictObject({
    id,
    therapistId: id,
    start: instant,
    end: instant,
    reason: z.string(),
    status: z.enum(["requested", "approved", "declined"]),
  })
  .meta({ title: "TimeOff" });

export const appointmentsInTheWay = z
  .array(
    z.strictObject({
      id,
      start: instant,
      end: instant,
      status: z.enum(["held", "confirmed"]),
      therapist: named,
      patient: named,
    }),
  )
  .describe("The active appointments to move or cancel first, soonest first.");

export const clinicSettingsSchema = z
  .strictObject({
    clinicName: z.string(),
    timeZone: z.string().describe("An IANA time zone, e.g. Europe/Amsterdam."),
    holdCutoffHours: z.int(),
    minimumNoticeHours: z.int(),
    cancellationNoticeHours: z.int(),
    bookingHorizonDays: z.int(),
    slotGridMinutes: z.int(),
    clearanceValidityMonths: z.int(),
    address: z.string(),
    phone: z.string(),
    email: z.string(),
    noteLockHours: z.int(),
    healthCheckHour: z.int(),
    waitlistOfferMinutes: z.int(),
  })
  .meta({ title: "ClinicSettings" });
