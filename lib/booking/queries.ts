// Appointments as each role may see them. Authorisation is the query itself:
// a record outside the caller's scope is simply not found.
import type { CurrentUser } from "@/lib/auth/guards";
import type { DbClient } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import { typeInSentence } from "@/lib/catalogue/massage-types";
import { NotFoundError } from "@/lib/errors";
import { intakeFromColumns, screenIntake } from "@/lib/screening/screen";

type Viewer = Pick<CurrentUser, "id" | "role">;

/** Who may see an appointment (and its intake): its patient, its therapist, the physician its clearance is addressed to, admins. */
export function appointmentScope(viewer: Viewer): Prisma.AppointmentWhereInput {
  switch (viewer.role) {
    case "PATIENT":
      return { patientId: viewer.id };
    case "THERAPIST":
      return { therapist: { userId: viewer.id } };
    case "PHYSICIAN":
      return { clearance: { physician: { userId: viewer.id } } };
    case "ADMIN":
      return {};
  }
}

/** The intake fields its readers (therapist, physician, patient, admin) see. */
export const intakeSelect = {
  painOnset: true,
  painAreas: true,
  painLevel: true,
  fever: true,
  contagiousIllness: true,
  acuteInjury: true,
  cardiovascular: true,
  cancer: true,
  diabetes: true,
  osteoporosis: true,
  otherSerious: true,
  notes: true,
} satisfies Prisma.IntakeSelect;

const restrictionSelect = {
  id: true,
  text: true,
  excludedMassageTypes: true,
  maxDurationMinutes: true,
  validUntil: true,
  physician: { select: { id: true, user: { select: { name: true } } } },
} satisfies Prisma.RestrictionSelect;

const appointmentSelect = {
  id: true,
  status: true,
  startsAt: true,
  endsAt: true,
  cancelReason: true,
  holdReason: true,
  heldUntil: true,
  createdAt: true,
  seriesId: true,
  rescheduledFromId: true,
  rescheduledFrom: { select: { startsAt: true, massageType: { select: { name: true } } } },
  rescheduledTo: { select: { id: true, startsAt: true } },
  massageType: { select: { slug: true, name: true } },
  therapist: { select: { id: true, user: { select: { name: true } } } },
  patient: { select: { id: true, name: true } },
  clearance: {
    select: {
      id: true,
      status: true,
      holdUntil: true,
      conditions: true,
      otherSerious: true,
      physician: { select: { id: true, user: { select: { name: true } } } },
    },
  },
  intake: { select: intakeSelect },
  restrictions: {
    orderBy: [{ restriction: { createdAt: "desc" } }, { restrictionId: "asc" }],
    select: { restriction: { select: restrictionSelect } },
  },
  // The day-before check's answers (docs/decisions/0019), shown on the therapist's schedule cards.
  healthCheck: { select: { fever: true, contagiousIllness: true, acuteInjury: true, answeredAt: true } },
} satisfies Prisma.AppointmentSelect;

export type AppointmentRecord = Prisma.AppointmentGetPayload<{ select: typeof appointmentSelect }>;
export type AttachedRestriction = AppointmentRecord["restrictions"][number]["restriction"];

export const APPOINTMENT_STATUSES: readonly AppointmentStatus[] = ["HELD", "CONFIRMED", "COMPLETED", "CANCELLED", "NO_SHOW"];

export interface ListOptions {
  /** Appointments starting at or after `from` and before `to`. */
  from?: Date;
  to?: Date;
  statuses?: readonly AppointmentStatus[];
  /** Only this therapist's (the clinic's list of all appointments, filtered). */
  therapistId?: string;
  /** "asc": soonest first (upcoming); "desc": latest first (history). */
  order?: "asc" | "desc";
  /** Leave out the old slots of reschedules: the new appointment stands for them ("moved from …"). Default true. */
  hideRescheduled?: boolean;
  cursor?: ListCursor;
  limit?: number;
}

/** Where the next page starts: after this appointment in the list's order. */
export interface ListCursor {
  startsAt: Date;
  id: string;
}

export interface AppointmentPage {
  items: AppointmentRecord[];
  next: ListCursor | null;
}

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 200;

/** The caller's appointments in one window and order, a page at a time: nothing is cut off silently. */
export async function listAppointments(db: DbClient, viewer: Viewer, options: ListOptions = {}): Promise<AppointmentPage> {
  const order = options.order ?? "asc";
  const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_PAGE), MAX_PAGE);
  const cursor = options.cursor;
  const after: Prisma.AppointmentWhereInput = cursor
    ? order === "asc"
      ? { OR: [{ startsAt: { gt: cursor.startsAt } }, { startsAt: cursor.startsAt, id: { gt: cursor.id } }] }
      : { OR: [{ startsAt: { lt: cursor.startsAt } }, { startsAt: cursor.startsAt, id: { lt: cursor.id } }] }
    : {};
  const rows = await db.appointment.findMany({
    where: {
      AND: [
        appointmentScope(viewer),
        options.from || options.to ? { startsAt: { ...(options.from ? { gte: options.from } : {}), ...(options.to ? { lt: options.to } : {}) } } : {},
        options.statuses?.length ? { status: { in: [...options.statuses] } } : {},
        options.therapistId ? { therapistId: options.therapistId } : {},
        options.hideRescheduled === false ? {} : { rescheduledTo: { is: null } },
        after,
      ],
    },
    orderBy: [{ startsAt: order }, { id: order }],
    take: limit + 1,
    select: appointmentSelect,
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { startsAt: last.startsAt, id: last.id } : null };
}

export async function getAppointment(db: DbClient, viewer: Viewer, id: string): Promise<AppointmentRecord> {
  const appointment = await db.appointment.findFirst({ where: { AND: [{ id }, appointmentScope(viewer)] }, select: appointmentSelect });
  if (!appointment) throw new NotFoundError("No such appointment.");
  return appointment;
}

export const statusJson = (status: AppointmentStatus) => status.toLowerCase().replace("_", "-");

/** The API's shape of an appointment (docs/product.md, lib/api-docs): times in UTC, statuses in lower case. */
export function appointmentJson(appointment: AppointmentRecord) {
  const intake = appointment.intake;
  return {
    id: appointment.id,
    status: statusJson(appointment.status),
    start: appointment.startsAt.toISOString(),
    end: appointment.endsAt.toISOString(),
    massageType: appointment.massageType,
    therapist: { id: appointment.therapist.id, name: appointment.therapist.user.name },
    patient: appointment.patient,
    cancelReason: appointment.cancelReason,
    hold: appointment.status === "HELD" && appointment.heldUntil
      ? { reason: appointment.holdReason, until: appointment.heldUntil.toISOString() }
      : null,
    rescheduledFromId: appointment.rescheduledFromId,
    rescheduledFrom: appointment.rescheduledFrom ? { start: appointment.rescheduledFrom.startsAt.toISOString() } : null,
    rescheduledToId: appointment.rescheduledTo?.id ?? null,
    clearance: appointment.clearance
      ? {
          id: appointment.clearance.id,
          status: appointment.clearance.status.toLowerCase(),
          holdUntil: appointment.clearance.holdUntil.toISOString(),
          physician: { id: appointment.clearance.physician.id, name: appointment.clearance.physician.user.name },
        }
      : null,
    intake: intake ? intakeSummary(intake) : null,
    restrictions: appointment.restrictions.map(({ restriction }) => restrictionJson(restriction)),
  };
}

export function restrictionJson(restriction: AttachedRestriction) {
  return {
    id: restriction.id,
    text: restriction.text,
    excludedMassageTypes: restriction.excludedMassageTypes,
    maxDurationMinutes: restriction.maxDurationMinutes,
    validUntil: restriction.validUntil.toISOString(),
    physician: { id: restriction.physician.id, name: restriction.physician.user.name },
    summary: restrictionWords(restriction),
  };
}

/** The intake as the therapist reads it before the session: answers plus the flags screening raised. */
export function intakeSummary(intake: NonNullable<AppointmentRecord["intake"]>) {
  const screening = screenIntake(intakeFromColumns(intake));
  return {
    painOnset: intake.painOnset === "RECENT" ? "recent" : "chronic",
    painAreas: intake.painAreas,
    painLevel: intake.painLevel,
    flags: screening.reasons.map((reason) => ({ key: reason.key, label: reason.label })),
    otherSerious: intake.otherSerious,
    notes: intake.notes,
  };
}



/** A physician's restrictions in one line, as therapists read them before a session: "Avoid lumbar pressure; no deep tissue massage; at most 30 minutes". */
export function restrictionWords(restriction: { text: string; excludedMassageTypes: readonly string[]; maxDurationMinutes: number | null }): string {
  const types = restriction.excludedMassageTypes.map(typeInSentence);
  const parts = [
    restriction.text.trim().replace(/[.;\s]+$/, ""),
    types.length ? `no ${types.join(" and no ")}` : "",
    restriction.maxDurationMinutes ? `at most ${restriction.maxDurationMinutes} minutes` : "",
  ].filter(Boolean);
  const line = parts.join("; ");
  return line ? line.charAt(0).toUpperCase() + line.slice(1) : "None";
}
