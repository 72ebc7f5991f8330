// Clearance requests as each role may see them. Authorisation is the query
// itself: a request outside the caller's scope is simply not found.
import { writeAudit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/guards";
import { intakeSelect, intakeSummary } from "@/lib/booking/queries";
import { queryAll, type DbClient } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ClearanceStatus } from "@/lib/generated/prisma/enums";
import { CONDITION_RULES } from "@/lib/screening/conditions";
import type { ClearanceStatusFilter } from "@/lib/validation/clearance";

type Viewer = Pick<CurrentUser, "id" | "role">;

const CLEARANCE_STATUSES: readonly ClearanceStatus[] = ["AWAITING_DOCUMENT", "UNDER_REVIEW", "APPROVED", "DECLINED", "EXPIRED"];
export const OPEN_CLEARANCE_STATUSES: readonly ClearanceStatus[] = ["AWAITING_DOCUMENT", "UNDER_REVIEW"];

/**
 * Who may see a clearance request (its intake, documents and decision): its
 * patient, the physician it is addressed to, admins. Therapists see the
 * outcome on the appointment (its restriction), not the request.
 */
export function clearanceScope(viewer: Viewer): Prisma.ClearanceRequestWhereInput {
  switch (viewer.role) {
    case "PATIENT":
      return { patientId: viewer.id };
    case "PHYSICIAN":
      return { physician: { userId: viewer.id } };
    case "ADMIN":
      return {};
    case "THERAPIST":
      return { id: { in: [] } };
  }
}

const statusWords = (status: ClearanceStatus) => status.toLowerCase();

function statusFilter(filter: ClearanceStatusFilter | undefined): Prisma.ClearanceRequestWhereInput {
  if (!filter) return {};
  if (filter === "open") return { status: { in: [...OPEN_CLEARANCE_STATUSES] } };
  return { status: filter.toUpperCase() as ClearanceStatus };
}

/** Condition keys with the words the patient answered (lib/screening/conditions.ts). */
export function conditionLabels(keys: readonly string[]) {
  return keys.map((key) => ({ key, label: CONDITION_RULES.find((rule) => rule.key === key)?.label ?? key }));
}

const appointmentBrief = {
  id: true,
  status: true,
  holdReason: true,
  startsAt: true,
  endsAt: true,
  massageType: { select: { slug: true, name: true } },
  therapist: { select: { id: true, user: { select: { name: true } } } },
} satisfies Prisma.AppointmentSelect;

const queueSelect = {
  id: true,
  status: true,
  conditions: true,
  holdUntil: true,
  decidedAt: true,
  createdAt: true,
  patient: { select: { id: true, name: true } },
  appointment: { select: appointmentBrief },
  _count: { select: { documents: true } },
} satisfies Prisma.ClearanceRequestSelect;

export type ClearanceQueueItem = Prisma.ClearanceRequestGetPayload<{ select: typeof queueSelect }>;

export interface ClearanceQueue {
  items: ClearanceQueueItem[];
  /** Every request addressed to this physician, by status (lower case), whatever the filter. */
  counts: Record<Lowercase<ClearanceStatus>, number>;
}

/** The requests addressed to this physician, the soonest appointment first. */
export async function listClearanceQueue(
  db: DbClient,
  physicianUser: Viewer,
  options: { status?: ClearanceStatusFilter; take?: number } = {},
): Promise<ClearanceQueue> {
  const scope: Prisma.ClearanceRequestWhereInput = { physician: { userId: physicianUser.id } };
  const [items, groups] = await queryAll(db, [
    () =>
      db.clearanceRequest.findMany({
        where: { AND: [scope, statusFilter(options.status)] },
        orderBy: [{ appointment: { startsAt: "asc" } }, { holdUntil: "asc" }, { id: "asc" }],
        take: options.take ?? 500,
        select: queueSelect,
      }),
    () => db.clearanceRequest.groupBy({ by: ["status"], where: scope, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(CLEARANCE_STATUSES.map((status) => [statusWords(status), 0])) as ClearanceQueue["counts"];
  for (const group of groups) counts[statusWords(group.status) as Lowercase<ClearanceStatus>] = group._count._all;
  return { items, counts };
}

const restrictionSelect = {
  id: true,
  text: true,
  excludedMassageTypes: true,
  maxDurationMinutes: true,
  validUntil: true,
} satisfies Prisma.RestrictionSelect;

const clearanceSelect = {
  id: true,
  status: true,
  conditions: true,
  holdUntil: true,
  decidedAt: true,
  declineReason: true,
  validUntil: true,
  createdAt: true,
  physician: { select: { id: true, userId: true, user: { select: { name: true } } } },
  patient: { select: { id: true, name: true, dateOfBirth: true } },
  appointment: {
    select: {
      ...appointmentBrief,
      intake: { select: intakeSelect },
    },
  },
  documents: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      originalName: true,
      mimeType: true,
      sizeBytes: true,
      sha256: true,
      createdAt: true,
      uploadedBy: { select: { id: true, name: true } },
    },
  },
  restriction: { select: restrictionSelect },
} satisfies Prisma.ClearanceRequestSelect;

const earlierSelect = {
  id: true,
  status: true,
  conditions: true,
  decidedAt: true,
  validUntil: true,
  createdAt: true,
  physician: { select: { id: true, user: { select: { name: true } } } },
  restriction: { select: restrictionSelect },
} satisfies Prisma.ClearanceRequestSelect;

export type ClearanceRecord = Prisma.ClearanceRequestGetPayload<{ select: typeof clearanceSelect }> & {
  /** Whole years on `now`, when the patient gave a date of birth. */
  patientAge: number | null;
  /** The same patient's earlier requests that the viewer may see (clearanceScope: for a physician, those addressed to them), newest first. */
  earlier: Array<Prisma.ClearanceRequestGetPayload<{ select: typeof earlierSelect }>>;
  /** How many earlier requests of the patient lie outside the viewer's scope (addressed to other physicians): only the number. */
  earlierElsewhere: number;
};

/**
 * One request with what a physician needs to decide it, if the viewer may see
 * it; else 404. The patient's earlier requests are held to the same scope: a
 * physician sees the conditions and restrictions of those addressed to them,
 * and of the others only how many there are. Every read is audited.
 */
export async function getClearance(
  db: DbClient,
  viewer: Viewer,
  id: string,
  options: { now?: Date; ipAddress?: string } = {},
): Promise<ClearanceRecord> {
  const scope = clearanceScope(viewer);
  const clearance = await db.clearanceRequest.findFirst({ where: { AND: [{ id }, scope] }, select: clearanceSelect });
  if (!clearance) throw new NotFoundError("No such clearance request.");
  const before: Prisma.ClearanceRequestWhereInput = { patientId: clearance.patient.id, id: { not: clearance.id }, createdAt: { lte: clearance.createdAt } };
  const [earlier, visible, all] = await queryAll(db, [
    () =>
      db.clearanceRequest.findMany({
        where: { AND: [before, scope] },
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
        take: 50,
        select: earlierSelect,
      }),
    () => db.clearanceRequest.count({ where: { AND: [before, scope] } }),
    () => db.clearanceRequest.count({ where: before }),
  ]);
  const earlierElsewhere = all - visible;
  await writeAudit(db, {
    actor: viewer,
    action: "clearance.read",
    entityType: "ClearanceRequest",
    entityId: clearance.id,
    details: { patientId: clearance.patient.id, earlier: earlier.map((entry) => entry.id), earlierElsewhere },
    ipAddress: options.ipAddress,
  });
  const dateOfBirth = clearance.patient.dateOfBirth;
  return { ...clearance, patientAge: dateOfBirth ? ageOn(dateOfBirth, options.now ?? new Date()) : null, earlier, earlierElsewhere };
}

/** "2 earlier requests reviewed by other physicians", for the review page. */
export function earlierElsewhereWords(count: number): string {
  return count === 1 ? "1 earlier request reviewed by another physician" : `${count} earlier requests reviewed by other physicians`;
}

/** Whole years from a date of birth (a @db.Date at UTC midnight) to `on`. */
export function ageOn(dateOfBirth: Date, on: Date): number {
  let age = on.getUTCFullYear() - dateOfBirth.getUTCFullYear();
  const birthdayPassed =
    on.getUTCMonth() > dateOfBirth.getUTCMonth() ||
    (on.getUTCMonth() === dateOfBirth.getUTCMonth() && on.getUTCDate() >= dateOfBirth.getUTCDate());
  if (!birthdayPassed) age -= 1;
  return age;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function restrictionJson(restriction: Prisma.RestrictionGetPayload<{ select: typeof restrictionSelect }> | null) {
  return restriction ? { ...restriction, validUntil: restriction.validUntil.toISOString() } : null;
}

function appointmentBriefJson(appointment: Prisma.AppointmentGetPayload<{ select: typeof appointmentBrief }> | null) {
  return appointment
    ? {
        id: appointment.id,
        status: appointment.status.toLowerCase().replace("_", "-"),
        start: appointment.startsAt.toISOString(),
        end: appointment.endsAt.toISOString(),
        durationMinutes: Math.round((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000),
        massageType: appointment.massageType,
        therapist: { id: appointment.therapist.id, name: appointment.therapist.user.name },
      }
    : null;
}

/** The API's shape of one queue entry. */
export function clearanceQueueItemJson(item: ClearanceQueueItem) {
  return {
    id: item.id,
    status: statusWords(item.status),
    conditions: conditionLabels(item.conditions),
    holdUntil: item.holdUntil.toISOString(),
    decidedAt: iso(item.decidedAt),
    createdAt: item.createdAt.toISOString(),
    documentCount: item._count.documents,
    patient: item.patient,
    appointment: appointmentBriefJson(item.appointment),
  };
}

/** The API's shape of one request (GET /api/v1/clearances/:id): times in UTC, statuses in lower case. */
export function clearanceJson(clearance: ClearanceRecord) {
  return {
    id: clearance.id,
    status: statusWords(clearance.status),
    conditions: conditionLabels(clearance.conditions),
    holdUntil: clearance.holdUntil.toISOString(),
    decidedAt: iso(clearance.decidedAt),
    declineReason: clearance.declineReason,
    validUntil: iso(clearance.validUntil),
    createdAt: clearance.createdAt.toISOString(),
    physician: { id: clearance.physician.id, name: clearance.physician.user.name },
    patient: { id: clearance.patient.id, name: clearance.patient.name, age: clearance.patientAge },
    appointment: appointmentBriefJson(clearance.appointment),
    intake: clearance.appointment?.intake ? intakeSummary(clearance.appointment.intake) : null,
    documents: clearance.documents.map((document) => ({
      id: document.id,
      originalName: document.originalName,
      mimeType: document.mimeType,
      sizeBytes: document.sizeBytes,
      sha256: document.sha256,
      createdAt: document.createdAt.toISOString(),
      uploadedBy: document.uploadedBy,
      href: `/api/v1/documents/${document.id}`,
    })),
    restriction: restrictionJson(clearance.restriction),
    earlier: clearance.earlier.map((earlier) => ({
      id: earlier.id,
      status: statusWords(earlier.status),
      conditions: conditionLabels(earlier.conditions),
      decidedAt: iso(earlier.decidedAt),
      validUntil: iso(earlier.validUntil),
      createdAt: earlier.createdAt.toISOString(),
      physician: { id: earlier.physician.id, name: earlier.physician.user.name },
      restriction: restrictionJson(earlier.restriction),
    })),
    earlierElsewhere: clearance.earlierElsewhere,
  };
}
