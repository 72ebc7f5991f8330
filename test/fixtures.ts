// Small builders for tests, on top of the factories the demo seed uses
// (lib/seed/factories.ts). Each call makes a new, uniquely named record.
import { randomUUID } from "node:crypto";
import type { DbClient } from "@/lib/db/prisma";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import { ensureMassageTypes, ensureTherapist, ensureUser, type TherapistSpec } from "@/lib/seed/factories";

export const TEST_PASSWORD = "correct-horse-battery";

const unique = () => randomUUID().slice(0, 8);

export function createPatient(db: DbClient, overrides: { email?: string; name?: string; password?: string } = {}) {
  return ensureUser(db, {
    email: overrides.email ?? `patient-${unique()}@example.test`,
    name: overrides.name ?? "Test Patient",
    role: "PATIENT",
    password: overrides.password ?? TEST_PASSWORD,
  });
}

/** A certified therapist offering every massage type unless told otherwise (creates the types first). */
export async function createTherapist(db: DbClient, overrides: Partial<TherapistSpec> = {}) {
  await ensureMassageTypes(db);
  const id = unique();
  return ensureTherapist(db, {
    email: `therapist-${id}@example.test`,
    name: `Therapist ${id}`,
    password: TEST_PASSWORD,
    certificationNumber: `LMT-${id}`,
    certificationExpiry: new Date("2099-12-31"),
    massageTypes: ["swedish", "deep-tissue", "myofascial"],
    ...overrides,
  });
}

/**
 * A raw appointment row, for tests of what reads appointments or of the
 * database's own guards (availability, the exclusion constraint): not a
 * booking, which only lib/appointments makes.
 */
export function appointmentRow<T extends { status: AppointmentStatus; startsAt: Date }>(data: T) {
  const id = randomUUID();
  return { id, seriesId: id, ...(data.status === "HELD" ? { holdReason: "clearance", heldUntil: data.startsAt } : {}), ...data };
}
