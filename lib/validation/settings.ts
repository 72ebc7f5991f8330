// PATCH /api/v1/admin/settings and the settings page: any subset of the clinic's settings, each within bounds
// a clinic can run on (docs/decisions/0018 says why these). Unknown fields are refused, so a typo is a 422.
import { z } from "zod";
import { safeText } from "./text";

/** The zones this runtime knows (IANA names), and UTC. */
export function supportedTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : [...zones, "UTC"];
}

const whole = (label: string, min: number, max: number, unit: string) =>
  z
    .number({ error: `${label}: give a whole number of ${unit} from ${min} to ${max}.` })
    .int(`${label}: give a whole number of ${unit} from ${min} to ${max}.`)
    .min(min, `${label}: give a whole number of ${unit} from ${min} to ${max}.`)
    .max(max, `${label}: give a whole number of ${unit} from ${min} to ${max}.`);

/** Grid steps that divide an hour, so every hour's times line up (":00, :15, :30, :45"). */
export const SLOT_GRIDS = [5, 10, 15, 20, 30, 60] as const;

/** The bounds, for the page's inputs and the ADR: [min, max]. */
export const SETTING_BOUNDS = {
  minimumNoticeHours: [0, 168],
  bookingHorizonDays: [1, 365],
  holdCutoffHours: [1, 168],
  cancellationNoticeHours: [0, 168],
  noteLockHours: [1, 720],
  healthCheckHour: [0, 23],
  waitlistOfferMinutes: [15, 1440],
  clearanceValidityMonths: [1, 24],
} as const;

const bounded = (key: keyof typeof SETTING_BOUNDS, label: string, unit: string) =>
  whole(label, SETTING_BOUNDS[key][0], SETTING_BOUNDS[key][1], unit);

export const settingsPatchSchema = z.strictObject(
  {
    clinicName: safeText({ error: "Give the clinic's name." }).trim().min(1, "Give the clinic's name.").max(100, "Keep the name under 100 characters."),
    address: safeText({ error: "Give the address as text." }).trim().max(300, "Keep the address under 300 characters."),
    phone: safeText({ error: "Give the phone number as text." })
      .trim()
      .max(40, "Keep the phone number under 40 characters.")
      .refine((value) => value === "" || /^\+?[0-9 ()./-]{6,}$/.test(value), "Give a phone number of digits, spaces and + ( ) - only."),
    email: safeText({ error: "Give the email address as text." })
      .trim()
      .max(200, "Keep the email address under 200 characters.")
      .refine((value) => value === "" || z.email().safeParse(value).success, "Give an email address like desk@clinic.example."),
    timeZone: z
      .string({ error: "Choose a time zone, e.g. Europe/Amsterdam." })
      .refine((value) => supportedTimeZones().includes(value), "Choose a time zone from the list, e.g. Europe/Amsterdam."),
    minimumNoticeHours: bounded("minimumNoticeHours", "Minimum notice", "hours"),
    bookingHorizonDays: bounded("bookingHorizonDays", "Booking horizon", "days"),
    holdCutoffHours: bounded("holdCutoffHours", "Hold cut-off", "hours"),
    cancellationNoticeHours: bounded("cancellationNoticeHours", "Cancellation notice", "hours"),
    noteLockHours: bounded("noteLockHours", "Note lock", "hours"),
    healthCheckHour: bounded("healthCheckHour", "Hour of the day-before check", "hours (0 is midnight)"),
    waitlistOfferMinutes: bounded("waitlistOfferMinutes", "Waitlist offer", "minutes"),
    slotGridMinutes: z
      .number({ error: `Slot grid: choose ${SLOT_GRIDS.join(", ")} minutes.` })
      .refine((value) => (SLOT_GRIDS as readonly number[]).includes(value), `Slot grid: choose ${SLOT_GRIDS.join(", ")} minutes.`),
    clearanceValidityMonths: bounded("clearanceValidityMonths", "Clearance validity", "months"),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown setting: ${issue.keys.join(", ")}.` : "Send the settings as a JSON object.") },
).partial();

export type SettingsPatch = z.output<typeof settingsPatchSchema>;
export const SETTING_KEYS = Object.keys(settingsPatchSchema.shape) as Array<keyof SettingsPatch>;
