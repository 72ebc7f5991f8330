// Read-only catalogue queries for the public pages and the public API.
// One query each, with the relations they need included (no N+1).
import type { DbClient } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";

export async function listMassageTypes(db: DbClient) {
  return db.massageType.findMany({
    where: { active: true },
    orderBy: { sortOrder: "asc" },
    select: { slug: true, name: true, summary: true, description: true, durations: true },
  });
}

/** The start of today in UTC: a certification that expires today is still valid today. */
function startOfTodayUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Whether a certification expiring on this date (a @db.Date at UTC midnight) is still valid at `now`. */
export function isCertifiedOn(certificationExpiry: Date, now: Date = new Date()): boolean {
  return certificationExpiry.getTime() >= startOfTodayUtc(now).getTime();
}

/** Who a patient may book: active, certified (not expired), optionally offering one type. */
export function bookableTherapistWhere(options: { massageType?: string; now?: Date } = {}): Prisma.TherapistWhereInput {
  return {
    active: true,
    certificationExpiry: { gte: startOfTodayUtc(options.now ?? new Date()) },
    ...(options.massageType ? { massageTypes: { some: { massageTypeSlug: options.massageType } } } : {}),
  };
}

/** Therapists a patient may book: active, certified (not expired), optionally offering one type. */
export async function listBookableTherapists(db: DbClient, options: { massageType?: string; now?: Date } = {}) {
  const therapists = await db.therapist.findMany({
    where: bookableTherapistWhere(options),
    orderBy: { user: { name: "asc" } },
    select: {
      id: true,
      bio: true,
      certificationNumber: true,
      certificationExpiry: true,
      user: { select: { name: true } },
      massageTypes: { select: { massageTypeSlug: true, massageType: { select: { sortOrder: true } } } },
    },
  });
  return therapists.map((therapist) => ({
    id: therapist.id,
    name: therapist.user.name,
    bio: therapist.bio,
    certificationNumber: therapist.certificationNumber,
    certificationExpiry: therapist.certificationExpiry,
    massageTypes: therapist.massageTypes
      .toSorted((a, b) => a.massageType.sortOrder - b.massageType.sortOrder)
      .map((offered) => offered.massageTypeSlug),
  }));
}

export async function listPhysicians(db: DbClient) {
  const physicians = await db.physician.findMany({
    where: { active: true },
    orderBy: { user: { name: "asc" } },
    select: { id: true, specialty: true, user: { select: { name: true } } },
  });
  return physicians.map((physician) => ({ id: physician.id, name: physician.user.name, specialty: physician.specialty }));
}
