// Joining the waitlist and claiming an offer, as the pages and the API send them.
import { z } from "zod";
import { MASSAGE_TYPE_SLUGS } from "@/lib/catalogue/massage-types";
import { DURATIONS } from "./booking";
import { intakeSchema } from "./intake";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const calendarDay = (message: string) =>
  z
    .string({ error: message })
    .regex(DAY, message)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= "2000-01-01" && value < "2100-01-01";
    }, message);

const clock = (message: string) => z.string({ error: message }).regex(CLOCK, message);

export const minuteOfClock = (value: string) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));

export const waitlistJoinSchema = z
  .object({
    massageType: z.enum(MASSAGE_TYPE_SLUGS, { error: "Choose a massage type: Swedish, deep tissue or myofascial." }),
    duration: z
      .number({ error: "Choose how long the session should be." })
      .int()
      .refine((minutes) => (DURATIONS as readonly number[]).includes(minutes), "Choose 30, 60 or 90 minutes."),
    therapistId: z.uuid({ error: "Choose a therapist, or any therapist." }).optional(),
    from: calendarDay("Give the first day that suits you, e.g. 2026-12-07."),
    to: calendarDay("Give the last day that suits you, e.g. 2026-12-20."),
    days: z
      .array(z.number({ error: "Choose days of the week." }).int().min(1, "Choose days of the week.").max(7, "Choose days of the week."), {
        error: "Choose days of the week.",
      })
      .max(7)
      .refine((days) => new Set(days).size === days.length, "Choose each day once.")
      .optional(),
    earliest: clock("Give the earliest time as HH:MM, e.g. 09:00.").optional(),
    latest: clock("Give the latest time as HH:MM, e.g. 17:00.").optional(),
  })
  .superRefine((value, context) => {
    if (value.to < value.from) context.addIssue({ code: "custom", path: ["to"], message: "The last day cannot be before the first." });
    const earliest = value.earliest ? minuteOfClock(value.earliest) : 0;
    const latest = value.latest ? minuteOfClock(value.latest) : 1440;
    if (latest - earliest < value.duration) {
      context.addIssue({ code: "custom", path: ["latest"], message: "Leave room for the whole session between the earliest and latest time." });
    }
  });

export type WaitlistJoinInput = z.input<typeof waitlistJoinSchema>;
export type WaitlistJoin = z.output<typeof waitlistJoinSchema>;

export const waitlistClaimSchema = z.object({
  physicianId: z.uuid({ error: "Choose the physician who should review your clearance." }).optional(),
  intake: intakeSchema,
});

export type WaitlistClaimInput = z.input<typeof waitlistClaimSchema>;
export type WaitlistClaim = z.output<typeof waitlistClaimSchema>;
