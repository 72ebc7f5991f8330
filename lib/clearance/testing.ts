// Builders for the clearance tests: a therapist who works every day, physicians,
// held bookings through the real booking path, and documents inserted as rows
// (the upload code is tested on its own).
import { randomBytes, randomUUID } from "node:crypto";
import type { AuditActor } from "@/lib/audit";
import { bookAppointment } from "@/lib/appointments";
import type { Db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { healthDataConsentRow } from "@/lib/privacy/notice";
import { ensureClinicSettings } from "@/lib/seed/factories";
import { bookingSchema, type BookingInput } from "@/lib/validation/booking";
import { createTherapist } from "@/test/fixtures";
import { transitionClearance } from "./transitions";

/** Tuesday 1 December 2026, 09:00 in Amsterdam (UTC+1 all December and January). */
export const NOW = new Date("2026-12-01T08:00:00Z");
export const APP_URL = "http://clinic.test";

/** `day` of December 2026 (33 = 2 January 2027 …) at `hourUtc`:00 UTC (local = UTC+1). */
export const at = (day: number, hourUtc = 9) => new Date(Date.UTC(2026, 11, day, hourUtc));

export type Conditions = Partial<BookingInput["intake"]["conditions"]>;

const unique = () => randomUUID().slice(0, 8);

export type TestUser = AuditActor & { name: string; email: string };

/** A user row without password hashing (these tests never sign in). */
export async function quickUser(db: Db, role: Role, name?: string): Promise<TestUser> {
  const id = unique();
  const user = await db.user.create({
    data: { email: `${role.toLowerCase()}-${id}@example.test`, name: name ?? `${role[0]}${role.slice(1).toLowerCase()} ${id}`, role, passwordHash: "not-used" },
  });
  // A patient has agreed to the privacy notice (a booking needs it: docs/decisions/0021).
  if (role === "PATIENT") await db.consent.create({ data: healthDataConsentRow(user.id) });
  return { id: user.id, role: user.role, name: user.name, email: user.email };
}

export async function quickPhysician(db: Db, name?: string) {
  const user = await quickUser(db, "PHYSICIAN", name ?? `Dr. ${unique()}`);
  const physician = await db.physician.create({ data: { userId: user.id, specialty: "General practice", licenseNumber: "MD" } });
  return { user, physicianId: physician.id };
}

export interface World {
  therapistId: string;
  therapistUser: AuditActor;
  physician: Awaited<ReturnType<typeof quickPhysician>>;
  otherPhysician: Awaited<ReturnType<typeof quickPhysician>>;
  admin: AuditActor;
}

/** Settings, a therapist working 08:00–20:00 every day, two physicians and an admin. */
export async function createWorld(db: Db): Promise<World> {
  await ensureClinicSettings(db);
  const therapist = await createTherapist(db, { hours: [1, 2, 3, 4, 5, 6, 7].map((d) => [d, "08:00", "20:00"]) });
  return {
    therapistId: therapist.id,
    therapistUser: { id: therapist.userId, role: "THERAPIST" },
    physician: await quickPhysician(db, "Dr. Vermeer"),
    otherPhysician: await quickPhysician(db, "Dr. Other"),
    admin: await quickUser(db, "ADMIN"),
  };
}

export function intake(conditions: Conditions = {}): BookingInput["intake"] {
  return {
    painOnset: "chronic",
    painAreas: ["lower-back"],
    painLevel: 5,
    symptoms: { fever: false, contagiousIllness: false, acuteInjury: false },
    conditions: { cardiovascular: false, cancer: false, diabetes: false, osteoporosis: false, ...conditions },
  };
}

export interface BookOptions {
  start: Date;
  conditions?: Conditions;
  massageType?: BookingInput["massageType"];
  duration?: number;
  physicianId?: string;
  now?: Date;
}

export function book(db: Db, world: World, patient: AuditActor, options: BookOptions) {
  const conditions = options.conditions ?? {};
  return bookAppointment(db, {
    patient,
    booking: bookingSchema.parse({
      therapistId: world.therapistId,
      massageType: options.massageType ?? "swedish",
      duration: options.duration ?? 60,
      start: options.start.toISOString(),
      physicianId: options.physicianId ?? world.physician.physicianId,
      intake: intake(conditions),
    }),
    appUrl: APP_URL,
    now: options.now ?? NOW,
  });
}

/** A held booking with its clearance request, for a new patient unless one is given. */
export async function heldBooking(db: Db, world: World, options: BookOptions & { patient?: TestUser }) {
  const patient = options.patient ?? (await quickUser(db, "PATIENT"));
  const result = await book(db, world, patient, { conditions: { diabetes: true }, ...options });
  if (result.status !== "held" || !result.clearance) throw new Error(`expected a held booking, got ${result.status}`);
  return { patient, appointmentId: result.id, clearanceId: result.clearance.id, holdUntil: result.clearance.holdUntil };
}

/** What an upload leaves behind: a document row, and the request under review. */
export async function addDocument(db: Db, clearanceId: string, uploadedBy: AuditActor, options: { review?: boolean } = {}) {
  const document = await db.clearanceDocument.create({
    data: {
      clearanceId,
      uploadedById: uploadedBy.id,
      storageKey: randomBytes(16).toString("hex"),
      originalName: "clearance.pdf",
      mimeType: "application/pdf",
      sizeBytes: 1234,
      sha256: randomBytes(32).toString("hex"),
    },
  });
  if (options.review ?? true) {
    await db.$transaction((tx) => transitionClearance(tx, { clearanceId, to: "UNDER_REVIEW", actor: uploadedBy, action: "clearance.document_uploaded" }));
  }
  return document;
}

/** Everything a decision could change, to compare before and after a refused one. */
export async function snapshot(db: Db, clearanceId: string) {
  const clearance = await db.clearanceRequest.findUniqueOrThrow({ where: { id: clearanceId }, include: { restriction: true } });
  const appointment = clearance.appointmentId ? await db.appointment.findUniqueOrThrow({ where: { id: clearance.appointmentId } }) : null;
  return {
    clearance,
    appointment,
    audit: await db.auditEntry.count(),
    outbox: await db.outboxMessage.count(),
    restrictions: await db.restriction.count(),
  };
}

/** The regex the mail templates' own test uses: no health detail in any mail. */
export const HEALTH_WORDS = /diabetes|cancer|osteoporosis|fever|cardiovascular|contagious|injur|intake|restriction|condition|pain/i;
