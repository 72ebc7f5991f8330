// The query string of /admin/appointments: ?day=YYYY-MM-DD&therapist=<id>&status=<word>&after=<cursor>,
// validated; anything unreadable is dropped with a message rather than failing the page.
import { z } from "zod";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import { appointmentListQuerySchema, encodeCursor } from "@/lib/validation/appointments";
import { calendarDate } from "@/lib/validation/calendar";
import type { ClinicListFilters } from "./appointments";

export const STATUS_FILTERS: Record<string, AppointmentStatus> = {
  held: "HELD",
  confirmed: "CONFIRMED",
  completed: "COMPLETED",
  cancelled: "CANCELLED",
  "no-show": "NO_SHOW",
};

const one = (value: string | string[] | undefined) => (typeof value === "string" && value !== "" ? value : undefined);

export interface ParsedFilters {
  filters: ClinicListFilters;
  values: { day?: string; therapist?: string; status?: string };
  problems: string[];
}

export function parseAppointmentFilters(params: Record<string, string | string[] | undefined>): ParsedFilters {
  const problems: string[] = [];
  const values = { day: one(params.day), therapist: one(params.therapist), status: one(params.status) };
  const filters: ClinicListFilters = {};
  if (values.day) {
    if (calendarDate("").safeParse(values.day).success) filters.day = values.day;
    else problems.push("Day: give a date such as 2026-12-24.");
  }
  if (values.therapist) {
    if (z.uuid().safeParse(values.therapist).success) filters.therapistId = values.therapist;
    else problems.push("Therapist: choose one from the list.");
  }
  if (values.status) {
    const status = STATUS_FILTERS[values.status];
    if (status) filters.status = status;
    else problems.push(`Status: choose ${Object.keys(STATUS_FILTERS).join(", ")}.`);
  }
  const after = one(params.after);
  if (after) {
    const parsed = appointmentListQuerySchema.safeParse({ cursor: after });
    if (parsed.success && parsed.data.cursor) filters.cursor = parsed.data.cursor;
    else problems.push("That page no longer exists; showing the first.");
  }
  return { filters, values, problems };
}

export function appointmentsHref(values: ParsedFilters["values"], next?: { startsAt: Date; id: string }): string {
  const query = new URLSearchParams();
  if (values.day) query.set("day", values.day);
  if (values.therapist) query.set("therapist", values.therapist);
  if (values.status) query.set("status", values.status);
  if (next) query.set("after", encodeCursor(next));
  const text = query.toString();
  return text ? `/admin/appointments?${text}` : "/admin/appointments";
}
