// The clinic's staff records: therapists, their weekly hours, physicians (ADR 0017).
// One schema per form, shared by the admin pages (zodResolver), their server actions and the admin API.
import { z } from "zod";
import { MASSAGE_TYPE_SLUGS } from "@/lib/catalogue/massage-types";
import { safeText } from "./text";

export const staffNameSchema = safeText({ error: "Enter the person's name." })
  .trim()
  .min(1, "Enter the person's name.")
  .max(120, "Use at most 120 characters.");

/** The new staff member's address (the shared emailSchema speaks to the person themselves). */
export const staffEmailSchema = z
  .string({ error: "Enter their email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter their email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter an email address like name@example.com." }));

/** A calendar day, "YYYY-MM-DD", between 2000 and 2099 (a certification lapses at the end of it). */
export const calendarDaySchema = z
  .string({ error: "Give the date." })
  .trim()
  .min(1, "Give the date.")
  .pipe(z.iso.date({ error: "Give a date like 2027-06-30." }))
  .refine((day) => day >= "2000-01-01" && day <= "2099-12-31", "Give a date between the years 2000 and 2099.");

/** "2027-06-30" as the database's @db.Date (UTC midnight). */
export const dayToDate = (day: string) => new Date(`${day}T00:00:00Z`);
export const dateToDay = (date: Date) => date.toISOString().slice(0, 10);

const certificationNumberSchema = safeText({ error: "Enter the certification number." })
  .trim()
  .min(1, "Enter the certification number.")
  .max(60, "Use at most 60 characters.");

const massageTypesSchema = z
  .array(z.enum(MASSAGE_TYPE_SLUGS, { error: "Choose from the clinic's massage types." }), { error: "Choose at least one massage type." })
  .min(1, "Choose at least one massage type.")
  .transform((slugs) => [...new Set(slugs)]);

export const therapistCreateSchema = z.object({
  name: staffNameSchema,
  email: staffEmailSchema,
  certificationNumber: certificationNumberSchema,
  certificationExpiresOn: calendarDaySchema,
  massageTypes: massageTypesSchema,
});
export type TherapistCreateInput = z.infer<typeof therapistCreateSchema>;

export const BUFFER_MAX_MINUTES = 120;

export const therapistEditSchema = z.object({
  certificationNumber: certificationNumberSchema,
  certificationExpiresOn: calendarDaySchema,
  massageTypes: massageTypesSchema,
  bio: safeText().trim().max(1000, "Use at most 1000 characters."),
  active: z.boolean({ error: "Say whether the therapist takes bookings." }),
  bufferMinutes: z
    .number({ error: "Give the minutes as a number." })
    .int("Give whole minutes.")
    .min(0, "Use 0 minutes or more.")
    .max(BUFFER_MAX_MINUTES, `Use at most ${BUFFER_MAX_MINUTES} minutes.`),
});
export type TherapistEditInput = z.infer<typeof therapistEditSchema>;

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const clockToMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** One weekly shift in the clinic's time zone: "09:00" to "17:00"; "24:00" ends at midnight. */
export const shiftSchema = z.object({
  weekday: z.int({ error: "Choose the day of the week." }).min(1, "Choose a day from Monday (1) to Sunday (7).").max(7, "Choose a day from Monday (1) to Sunday (7)."),
  start: z.string({ error: "Give the start time." }).regex(CLOCK, "Give a time like 09:00."),
  end: z.string({ error: "Give the end time." }).refine((clock) => CLOCK.test(clock) || clock === "24:00", "Give a time like 17:00."),
});
export type ShiftInput = z.infer<typeof shiftSchema>;

export const shiftMinutes = (shift: ShiftInput) => ({ startMinute: clockToMinutes(shift.start), endMinute: clockToMinutes(shift.end) });

/** The whole week, replacing what was there: every shift ends after it starts, and no two shifts of a day overlap. */
export const weeklyHoursSchema = z
  .array(shiftSchema, { error: "Send the week as a list of shifts." })
  .max(70, "Use at most 70 shifts a week.")
  .superRefine((shifts, context) => {
    shifts.forEach((shift, index) => {
      const { startMinute, endMinute } = shiftMinutes(shift);
      if (endMinute <= startMinute) context.addIssue({ code: "custom", path: [index, "end"], message: "End the shift after it starts." });
    });
    shifts.forEach((shift, index) => {
      const own = shiftMinutes(shift);
      const clash = shifts.findIndex((other, otherIndex) => {
        if (otherIndex === index || other.weekday !== shift.weekday) return false;
        const theirs = shiftMinutes(other);
        return own.startMinute < theirs.endMinute && theirs.startMinute < own.endMinute;
      });
      if (clash >= 0 && own.endMinute > own.startMinute) {
        context.addIssue({ code: "custom", path: [index, "start"], message: `This overlaps another shift that day (${shifts[clash]!.start}–${shifts[clash]!.end}).` });
      }
    });
  });
export type WeeklyHoursInput = z.infer<typeof weeklyHoursSchema>;

/** The hours page edits the same list, wrapped so the form has an object at its root. */
export const hoursFormSchema = z.object({ shifts: weeklyHoursSchema });
export type HoursFormInput = z.infer<typeof hoursFormSchema>;

const optionalDirectoryText = (max: number) => safeText().trim().max(max, `Use at most ${max} characters.`);

export const physicianCreateSchema = z.object({
  name: staffNameSchema,
  email: staffEmailSchema,
  specialty: optionalDirectoryText(120),
  licenseNumber: optionalDirectoryText(60),
});
export type PhysicianCreateInput = z.infer<typeof physicianCreateSchema>;

export const physicianEditSchema = z.object({
  specialty: optionalDirectoryText(120),
  licenseNumber: optionalDirectoryText(60),
  active: z.boolean({ error: "Say whether patients may choose this physician." }),
});
export type PhysicianEditInput = z.infer<typeof physicianEditSchema>;
