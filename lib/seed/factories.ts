// Data builders shared by the demo seed and the tests, so both make records the
// same way the app does.
import { hashPassword } from "@/lib/auth/password";
import { MASSAGE_TYPES } from "@/lib/catalogue/massage-types";
import type { DbClient } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { healthDataConsentRow } from "@/lib/privacy/notice";

export async function ensureMassageTypes(db: DbClient): Promise<void> {
  for (const type of MASSAGE_TYPES) {
    await db.massageType.upsert({ where: { slug: type.slug }, create: type, update: {} });
  }
}

export async function ensureClinicSettings(db: DbClient): Promise<void> {
  await db.clinicSettings.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
}

export interface UserSpec {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export async function ensureUser(db: DbClient, spec: UserSpec) {
  const existing = await db.user.findUnique({ where: { email: spec.email } });
  if (existing) return existing;
  const user = await db.user.create({
    data: { email: spec.email, name: spec.name, role: spec.role, passwordHash: await hashPassword(spec.password) },
  });
  // A patient made here has agreed to the privacy notice, as one who signs up does (docs/decisions/0021).
  if (spec.role === "PATIENT") await db.consent.create({ data: healthDataConsentRow(user.id) });
  return user;
}

export interface TherapistSpec extends Omit<UserSpec, "role"> {
  certificationNumber: string;
  certificationExpiry: Date;
  massageTypes: string[];
  bio?: string;
  active?: boolean;
  /** [isoWeekday, "HH:MM", "HH:MM"] in the clinic's time zone. */
  hours?: Array<[number, string, string]>;
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export async function ensureTherapist(db: DbClient, spec: TherapistSpec) {
  const user = await ensureUser(db, { ...spec, role: "THERAPIST" });
  const existing = await db.therapist.findUnique({ where: { userId: user.id } });
  if (existing) return existing;
  return db.therapist.create({
    data: {
      userId: user.id,
      certificationNumber: spec.certificationNumber,
      certificationExpiry: spec.certificationExpiry,
      bio: spec.bio ?? "",
      active: spec.active ?? true,
      massageTypes: { create: spec.massageTypes.map((massageTypeSlug) => ({ massageTypeSlug })) },
      workingHours: {
        create: (spec.hours ?? []).map(([weekday, start, end]) => ({
          weekday,
          startMinute: minutes(start),
          endMinute: minutes(end),
        })),
      },
    },
  });
}

export interface PhysicianSpec extends Omit<UserSpec, "role"> {
  specialty: string;
  licenseNumber: string;
}

export async function ensurePhysician(db: DbClient, spec: PhysicianSpec) {
  const user = await ensureUser(db, { ...spec, role: "PHYSICIAN" });
  const existing = await db.physician.findUnique({ where: { userId: user.id } });
  if (existing) return existing;
  return db.physician.create({
    data: { userId: user.id, specialty: spec.specialty, licenseNumber: spec.licenseNumber },
  });
}
