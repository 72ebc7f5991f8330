// The clinic's therapists: made with an invitation, edited, given weekly hours. The admin pages' server
// actions and the admin API call these same functions; each change is one transaction with its audit entry.
import { writeAudit } from "@/lib/audit";
import type { Db, DbClient } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NotFoundError, ValidationError, type FieldErrors } from "@/lib/errors";
import { minutesToClock } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";
import {
  dateToDay,
  dayToDate,
  shiftMinutes,
  type TherapistCreateInput,
  type TherapistEditInput,
  type WeeklyHoursInput,
} from "@/lib/validation/staff";
import type { StaffChangeContext } from "./context";
import { createStaffUser, isPasswordUnset, sendInvitation, withEmailConflict, type Invitation } from "./invite";

async function assertMassageTypesExist(tx: DbClient, slugs: string[]) {
  const found = await tx.massageType.count({ where: { slug: { in: slugs } } });
  if (found !== slugs.length) throw new ValidationError("Some answers need another look.", { massageTypes: "Choose from the clinic's massage types." });
}

/** A therapist account with an invitation mail. 409 email_in_use; the caller has validated the input. */
export async function createTherapist(db: Db, input: TherapistCreateInput, context: StaffChangeContext): Promise<{ id: string; userId: string; invitation: Invitation }> {
  return withEmailConflict(() =>
    db.$transaction(async (tx) => {
      await assertMassageTypesExist(tx, input.massageTypes);
      const user = await createStaffUser(tx, { name: input.name, email: input.email, role: "THERAPIST" });
      const therapist = await tx.therapist.create({
        data: {
          userId: user.id,
          certificationNumber: input.certificationNumber,
          certificationExpiry: dayToDate(input.certificationExpiresOn),
          massageTypes: { create: input.massageTypes.map((massageTypeSlug) => ({ massageTypeSlug })) },
        },
        select: { id: true },
      });
      const invitation = await sendInvitation(tx, user, context);
      await writeAudit(tx, {
        actor: context.actor,
        action: "therapist.created",
        entityType: "Therapist",
        entityId: therapist.id,
        toState: "active",
        details: {
          userId: user.id,
          email: user.email,
          certificationNumber: input.certificationNumber,
          certificationExpiresOn: input.certificationExpiresOn,
          massageTypes: input.massageTypes,
          invitationExpiresAt: invitation.expiresAt.toISOString(),
        },
        ipAddress: context.ipAddress,
      });
      return { id: therapist.id, userId: user.id, invitation };
    }),
  );
}

const therapistSelect = {
  id: true,
  certificationNumber: true,
  certificationExpiry: true,
  bio: true,
  active: true,
  bufferMinutes: true,
  user: { select: { id: true, name: true, email: true, passwordHash: true } },
  massageTypes: { select: { massageTypeSlug: true } },
  workingHours: { orderBy: [{ weekday: "asc" }, { startMinute: "asc" }], select: { weekday: true, startMinute: true, endMinute: true } },
} satisfies Prisma.TherapistSelect;

/** One therapist as the admin pages show and edit it; 404 when there is none. */
export async function getTherapistForAdmin(db: DbClient, therapistId: string) {
  const therapist = await db.therapist.findUnique({ where: { id: therapistId }, select: therapistSelect });
  if (!therapist) throw new NotFoundError("There is no such therapist.");
  const { passwordHash, ...user } = therapist.user;
  return {
    ...therapist,
    user,
    invitationPending: isPasswordUnset(passwordHash),
    certificationExpiresOn: dateToDay(therapist.certificationExpiry),
    massageTypes: therapist.massageTypes.map((offered) => offered.massageTypeSlug),
    hours: therapist.workingHours.map(hoursJson),
  };
}

export function hoursJson(shift: { weekday: number; startMinute: number; endMinute: number }) {
  return { weekday: shift.weekday, start: minutesToClock(shift.startMinute), end: minutesToClock(shift.endMinute) };
}

/** Every therapist, bookable or not, by name. */
export async function listTherapistsForAdmin(db: DbClient) {
  return db.therapist.findMany({
    orderBy: { user: { name: "asc" } },
    select: {
      id: true,
      certificationNumber: true,
      certificationExpiry: true,
      active: true,
      user: { select: { name: true, email: true } },
      massageTypes: { select: { massageType: { select: { name: true, sortOrder: true } } } },
      _count: { select: { workingHours: true } },
    },
  });
}

/** Certification, massage types, bio, active and buffer. The audit entry names each field that changed, from and to. */
export async function updateTherapist(db: Db, therapistId: string, input: TherapistEditInput, context: StaffChangeContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await getTherapistForAdmin(tx, therapistId);
    await assertMassageTypesExist(tx, input.massageTypes);
    await tx.therapist.update({
      where: { id: therapistId },
      data: {
        certificationNumber: input.certificationNumber,
        certificationExpiry: dayToDate(input.certificationExpiresOn),
        bio: input.bio,
        active: input.active,
        bufferMinutes: input.bufferMinutes,
      },
    });
    const typesBefore = before.massageTypes.toSorted();
    const typesAfter = input.massageTypes.toSorted();
    if (typesBefore.join() !== typesAfter.join()) {
      await tx.therapistMassageType.deleteMany({ where: { therapistId, massageTypeSlug: { notIn: typesAfter } } });
      await tx.therapistMassageType.createMany({ data: typesAfter.map((massageTypeSlug) => ({ therapistId, massageTypeSlug })), skipDuplicates: true });
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const compare = (field: string, from: unknown, to: unknown) => {
      if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
    };
    compare("certificationNumber", before.certificationNumber, input.certificationNumber);
    compare("certificationExpiresOn", before.certificationExpiresOn, input.certificationExpiresOn);
    compare("massageTypes", typesBefore, typesAfter);
    compare("bio", before.bio, input.bio);
    compare("active", before.active, input.active);
    compare("bufferMinutes", before.bufferMinutes, input.bufferMinutes);
    if (Object.keys(changes).length === 0) return;
    await writeAudit(tx, {
      actor: context.actor,
      action: "therapist.updated",
      entityType: "Therapist",
      entityId: therapistId,
      fromState: before.active ? "active" : "inactive",
      toState: input.active ? "active" : "inactive",
      details: changes as Prisma.InputJsonObject,
      ipAddress: context.ipAddress,
    });
  });
}

/**
 * Replaces the therapist's whole week. The schema has checked each shift and the overlaps; here each time must also
 * lie on the clinic's slot grid (a shift starting 09:10 on a 30-minute grid would silently offer nothing before 09:30).
 * The therapist row is locked first, so two saves at once give one week, not both weeks' shifts.
 */
export async function setWeeklyHours(db: Db, therapistId: string, shifts: WeeklyHoursInput, context: StaffChangeContext) {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ id: string }>>`SELECT "id"::text FROM "Therapist" WHERE "id" = ${therapistId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new NotFoundError("There is no such therapist.");
    const { slotGridMinutes } = await getClinicSettings(tx);
    const fields: FieldErrors = {};
    shifts.forEach((shift, index) => {
      const { startMinute, endMinute } = shiftMinutes(shift);
      const grid = `Use the clinic's ${slotGridMinutes}-minute steps (for example 09:00 or ${minutesToClock(9 * 60 + slotGridMinutes)}).`;
      if (startMinute % slotGridMinutes !== 0) fields[`${index}.start`] = grid;
      if (endMinute % slotGridMinutes !== 0) fields[`${index}.end`] = grid;
    });
    if (Object.keys(fields).length > 0) throw new ValidationError("Some shifts need another look.", fields);

    const before = await tx.workingHours.findMany({
      where: { therapistId },
      orderBy: [{ weekday: "asc" }, { startMinute: "asc" }],
      select: { weekday: true, startMinute: true, endMinute: true },
    });
    await tx.workingHours.deleteMany({ where: { therapistId } });
    const rows = shifts
      .map((shift) => ({ therapistId, weekday: shift.weekday, ...shiftMinutes(shift) }))
      .toSorted((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
    if (rows.length > 0) await tx.workingHours.createMany({ data: rows });
    const after = rows.map(hoursJson);
    await writeAudit(tx, {
      actor: context.actor,
      action: "therapist.hours_set",
      entityType: "Therapist",
      entityId: therapistId,
      details: { from: before.map(hoursJson), to: after },
      ipAddress: context.ipAddress,
    });
    return after;
  });
}
