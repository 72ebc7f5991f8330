// Changing and listing appointments, as the pages and the API send them.
import { z } from "zod";
import { MASSAGE_TYPE_SLUGS } from "@/lib/catalogue/massage-types";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import { DURATIONS, DURATION_MESSAGE, isoInstant } from "./booking";
import { boundedInstant } from "./text";

/** POST /api/v1/appointments/:id/reschedule and the change page: another time, and optionally another type or length. */
export const changeSchema = z.object({
  start: isoInstant("Choose a time from the ones offered."),
  massageType: z.enum(MASSAGE_TYPE_SLUGS, { error: "Choose a massage type: Swedish, deep tissue or myofascial." }).optional(),
  duration: z
    .number({ error: "Choose how long the session should be." })
    .int()
    .refine((minutes) => (DURATIONS as readonly number[]).includes(minutes), DURATION_MESSAGE)
    .optional(),
  physicianId: z.uuid({ error: "Choose the physician who should review your clearance." }).optional(),
});

export type ChangeInput = z.input<typeof changeSchema>;

const STATUS_WORDS: Record<string, AppointmentStatus> = {
  held: "HELD",
  confirmed: "CONFIRMED",
  completed: "COMPLETED",
  cancelled: "CANCELLED",
  "no-show": "NO_SHOW",
};

const cursorSchema = z.object({ s: boundedInstant("cursor"), i: z.uuid() });

/** A page's position as an opaque token: base64url of the last appointment's start and id. */
export function encodeCursor(cursor: { startsAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ s: cursor.startsAt.toISOString(), i: cursor.id })).toString("base64url");
}

function decodeCursor(token: string): { startsAt: Date; id: string } | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(token, "base64url").toString("utf8")));
    return parsed.success ? { startsAt: parsed.data.s, id: parsed.data.i } : null;
  } catch {
    return null;
  }
}

const instant = (name: string) =>
  boundedInstant(`${name} must be an ISO 8601 date and time, e.g. 2026-06-08T09:00:00Z.`).optional();

/** GET /api/v1/appointments?from&to&status&order&cursor&limit */
export const appointmentListQuerySchema = z
  .object({
    from: instant("from"),
    to: instant("to"),
    status: z
      .string()
      .transform((value, context) => {
        const words = value.split(",").map((word) => word.trim().toLowerCase()).filter(Boolean);
        const unknown = words.filter((word) => !(word in STATUS_WORDS));
        if (unknown.length) {
          context.addIssue({ code: "custom", message: `status takes ${Object.keys(STATUS_WORDS).join(", ")} (comma-separated).` });
          return z.NEVER;
        }
        return [...new Set(words.map((word) => STATUS_WORDS[word]!))];
      })
      .optional(),
    order: z.enum(["asc", "desc"], { error: "order is asc or desc." }).optional(),
    cursor: z
      .string()
      .transform((value, context) => {
        const cursor = decodeCursor(value);
        if (!cursor) {
          context.addIssue({ code: "custom", message: "cursor must be the value from a Link: rel=\"next\" header." });
          return z.NEVER;
        }
        return cursor;
      })
      .optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, "limit must be a whole number from 1 to 200.")
      .transform(Number)
      .refine((limit) => limit >= 1 && limit <= 200, "limit must be a whole number from 1 to 200.")
      .optional(),
  })
  .refine((query) => !(query.from && query.to) || query.from < query.to, { path: ["to"], error: "to must be after from." });
