// The patient's appointments in three lists people can read: what is coming,
// what happened, what was called off. A rescheduled appointment is one visit:
// it appears once, at its new time, carrying "moved from …"; the slot it left
// (cancelled by the move) is in no list. The pages read the lists from here.
import type { DbClient } from "@/lib/db/prisma";
import { listAppointments, type AppointmentPage, type ListCursor, type ListOptions } from "./queries";

export const PATIENT_LISTS = {
  upcoming: { statuses: ["HELD", "CONFIRMED"], order: "asc", when: "from" },
  past: { statuses: ["CONFIRMED", "COMPLETED", "NO_SHOW"], order: "desc", when: "to" },
  cancelled: { statuses: ["CANCELLED"], order: "desc", when: null },
} as const satisfies Record<string, Pick<ListOptions, "statuses" | "order"> & { when: "from" | "to" | null }>;

export type PatientListName = keyof typeof PATIENT_LISTS;
export const PATIENT_LIST_NAMES = Object.keys(PATIENT_LISTS) as PatientListName[];

export type PatientLists = Record<PatientListName, AppointmentPage>;

/** The three lists at `now`, each from its own cursor (the "Show more" links), 20 to a page. */
export async function patientAppointmentLists(
  db: DbClient,
  viewer: { id: string; role: "PATIENT" },
  now: Date,
  cursors: Partial<Record<PatientListName, ListCursor>> = {},
  limit = 20,
): Promise<PatientLists> {
  const pages = await Promise.all(
    PATIENT_LIST_NAMES.map((name) => {
      const { statuses, order, when } = PATIENT_LISTS[name];
      return listAppointments(db, viewer, {
        statuses,
        order,
        ...(when ? { [when]: now } : {}),
        hideRescheduled: true,
        cursor: cursors[name],
        limit,
      });
    }),
  );
  return { upcoming: pages[0]!, past: pages[1]!, cancelled: pages[2]! };
}
