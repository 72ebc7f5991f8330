// Consent, the export and account closure (docs/decisions/0021), on a real database with a frozen clock.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as exportRoute } from "@/app/api/v1/me/export/route";
import { bookAppointment, cancelAppointment } from "@/lib/appointments";
import type { AuditActor } from "@/lib/audit";
import { checkCredentials } from "@/lib/auth/credentials";
import { addDocument, APP_URL, createWorld, heldBooking, intake, NOW, quickUser, type World } from "@/lib/clearance/testing";
import { getEnv } from "@/lib/env";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { registerPatient } from "@/lib/users/register";
import { registerSchema } from "@/lib/validation/auth";
import { bookingSchema } from "@/lib/validation/booking";
import { useTestDatabase } from "@/test/db";
import { closedEmail, CLOSED_NAME, completeAccountClosure, requestAccountClosure } from "./closure";
import { ConsentRequiredError, hasHealthDataConsent, recordHealthDataConsent } from "./consent";
import { buildPatientExport } from "./export";
import { PRIVACY_NOTICE_VERSION } from "./notice";

const app = vi.hoisted(() => ({ db: undefined as unknown, session: null as null | { user: { id: string } } }));
vi.mock("@/lib/db", () => ({ getDb: () => app.db }));
vi.mock("@/lib/auth/session", () => ({
  sessionClaims: async () => (app.session ? { uid: app.session.user.id, sv: 0, seen: Math.floor(Date.now() / 1000) } : null),
}));

const t = useTestDatabase();
let world: World;
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  app.db = t.db;
  world = await createWorld(t.db);
});
afterAll(() => {
  vi.useRealTimers();
});

const at = (day: number, hourUtc = 9) => new Date(Date.UTC(2026, 11, day, hourUtc));
const PASSWORD = "stroll-Harbour-42";
let registered = 0;
const register = (extra: Record<string, unknown> = {}) =>
  registerPatient(t.db, registerSchema.parse({ name: "Pat Jensen", email: `privacy-${++registered}-${Date.now()}@example.test`, password: PASSWORD, ...extra }), "203.0.113.40", 1_000);

const bookFor = (patient: AuditActor, start: Date) =>
  bookAppointment(t.db, {
    patient,
    booking: bookingSchema.parse({ therapistId: world.therapistId, massageType: "swedish", duration: 60, start: start.toISOString(), intake: intake() }),
    appUrl: APP_URL,
    now: NOW,
  });

describe("consent to the use of health data", () => {
  it("is recorded at sign-up with the notice's version and time, and audited", async () => {
    const { id } = await register({ healthDataConsent: true });
    const consents = await t.db.consent.findMany({ where: { userId: id } });
    expect(consents).toEqual([expect.objectContaining({ scope: "HEALTH_DATA", noticeVersion: PRIVACY_NOTICE_VERSION, givenAt: NOW })]);
    expect(await t.db.auditEntry.count({ where: { action: "consent.given", entityId: consents[0]!.id, actorId: id } })).toBe(1);
  });

  it("is not assumed: without it a booking is refused (422 consent_required), nothing written, not even the intake's screening", async () => {
    const { id } = await register();
    const patient = { id, role: "PATIENT" as const };
    expect(await hasHealthDataConsent(t.db, id)).toBe(false);
    const refusal = await bookFor(patient, at(7)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConsentRequiredError);
    expect(refusal).toMatchObject({ status: 422, code: "consent_required", fields: { healthDataConsent: expect.any(String) } });
    expect(await t.db.appointment.count({ where: { patientId: id } })).toBe(0);
    expect(await t.db.intake.count({ where: { patientId: id } })).toBe(0);
    expect(await t.db.auditEntry.count({ where: { actorId: id, action: { startsWith: "booking." } } })).toBe(0);

    // Given on the booking page, the same booking goes through.
    await recordHealthDataConsent(t.db, patient);
    expect((await bookFor(patient, at(7))).status).toBe("confirmed");
  });

  it("is a record: the database refuses to change or delete it", async () => {
    const { id } = await register({ healthDataConsent: true });
    await expect(t.db.consent.updateMany({ where: { userId: id }, data: { noticeVersion: "other" } })).rejects.toThrow();
    await expect(t.db.consent.deleteMany({ where: { userId: id } })).rejects.toThrow();
  });
});

describe("the export of a patient's own data", () => {
  it("holds the profile, consents, appointments, intakes, clearances with document metadata and session notes; one audit entry each", async () => {
    const held = await heldBooking(t.db, world, { start: at(14) });
    const document = await addDocument(t.db, held.clearanceId, held.patient);
    // Diabetes on record and not yet cleared: this one is held for a clearance of its own.
    const second = await bookFor(held.patient, at(15));
    await t.db.sessionNote.create({
      data: { appointmentId: second.id, subjective: "Stiff", objective: "Tight trapezius", assessment: "Better", plan: "Stretch daily", painBefore: 6, painAfter: 3 },
    });
    const other = await heldBooking(t.db, world, { start: at(16) });

    const data = await buildPatientExport(t.db, held.patient, { ipAddress: "203.0.113.41", now: NOW });
    expect(data.profile).toMatchObject({ id: held.patient.id, email: held.patient.email, name: held.patient.name });
    expect(data.consents).toEqual([expect.objectContaining({ scope: "HEALTH_DATA", noticeVersion: PRIVACY_NOTICE_VERSION })]);
    expect(data.appointments.map((a) => a.id)).toEqual([held.appointmentId, second.id]);
    expect(data.appointments[1]!.sessionNote).toMatchObject({ plan: "Stretch daily", painBefore: 6, painAfter: 3 });
    expect(data.intakes.map((i) => i.appointmentId)).toEqual([held.appointmentId, second.id]);
    expect(data.healthRecord.map((c) => c.condition)).toEqual(["diabetes"]);
    expect(data.clearances.map((c) => [c.appointmentId, c.documents.length])).toEqual([[held.appointmentId, 1], [second.id, 0]]);
    expect(data.clearances[0]!.documents).toEqual([
      { id: document.id, originalName: "clearance.pdf", mimeType: "application/pdf", sizeBytes: 1234, sha256: document.sha256, createdAt: document.createdAt },
    ]);
    // Nothing of anyone else, and no storage key or password hash.
    const text = JSON.stringify(data);
    expect(text).not.toContain(other.appointmentId);
    expect(text).not.toContain(document.storageKey);
    expect(text).not.toContain("passwordHash");

    const audits = await t.db.auditEntry.findMany({ where: { action: "data.exported", entityId: held.patient.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: held.patient.id, ipAddress: "203.0.113.41", details: { appointments: 2, intakes: 2, clearances: 2 } });
  });

  it("is for patients only", async () => {
    await expect(buildPatientExport(t.db, world.admin)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(buildPatientExport(t.db, world.therapistUser)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("GET /api/v1/me/export: 401 anonymous, 403 staff, 200 a JSON download for the patient", async () => {
    const get = () => exportRoute(new Request(`${getEnv().APP_URL}/api/v1/me/export`), undefined as never);
    app.session = null;
    expect((await get()).status).toBe(401);
    for (const role of ["THERAPIST", "PHYSICIAN", "ADMIN"] as const) {
      app.session = { user: { id: (await quickUser(t.db, role)).id } };
      const response = await get();
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: "forbidden" });
    }
    const patient = await quickUser(t.db, "PATIENT");
    app.session = { user: { id: patient.id } };
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("attachment");
    expect(await response.json()).toMatchObject({ format: "backcare-clinic.patient-export.v1", profile: { id: patient.id } });
    expect(await t.db.auditEntry.count({ where: { action: "data.exported", entityId: patient.id } })).toBe(1);
  });
});

describe("closing an account", () => {
  it("is refused while the patient has an upcoming appointment, and allowed once it is cancelled", async () => {
    const patient = await quickUser(t.db, "PATIENT");
    const { id } = await bookFor(patient, at(20));
    const refusal = await requestAccountClosure(t.db, patient, { now: NOW }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect(refusal).toMatchObject({ code: "upcoming_appointments" });
    await cancelAppointment(t.db, { user: patient, appointmentId: id, appUrl: APP_URL, now: NOW });
    await requestAccountClosure(t.db, patient, { now: NOW });
    await expect(requestAccountClosure(t.db, patient, { now: NOW })).rejects.toMatchObject({ code: "already_requested" });
    expect(await t.db.auditEntry.count({ where: { action: "account.closure_requested", actorId: patient.id } })).toBe(1);
  });

  it("is completed by clinic staff: login and contact details gone, sessions ended, clinical records kept, audited", async () => {
    const { id: patientId } = await register({ healthDataConsent: true });
    const patient = { id: patientId, role: "PATIENT" as const };
    const { email } = await t.db.user.update({ where: { id: patientId }, data: { phone: "+31 6 1234 5678", dateOfBirth: new Date("1980-05-01") } });
    const booked = await bookFor(patient, at(21));
    await t.db.sessionNote.create({ data: { appointmentId: booked.id, subjective: "s", objective: "o", assessment: "a", plan: "p", painBefore: 5, painAfter: 2 } });
    await cancelAppointment(t.db, { user: patient, appointmentId: booked.id, appUrl: APP_URL, now: NOW });
    const before = await t.db.user.findUniqueOrThrow({ where: { id: patientId } });
    const request = await requestAccountClosure(t.db, patient, { now: NOW });

    await expect(completeAccountClosure(t.db, patient, request.id, { now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(completeAccountClosure(t.db, world.therapistUser, request.id, { now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    await completeAccountClosure(t.db, world.admin, request.id, { now: NOW, ipAddress: "203.0.113.42" });

    const after = await t.db.user.findUniqueOrThrow({ where: { id: patientId } });
    expect(after).toMatchObject({ name: CLOSED_NAME, email: closedEmail(patientId), phone: null, dateOfBirth: null, deactivatedAt: NOW });
    expect(after.sessionVersion).toBeGreaterThan(before.sessionVersion);
    expect(await checkCredentials(t.db, { email, password: PASSWORD }, "203.0.113.43")).toMatchObject({ ok: false });
    // The clinical record stays, tied to the pseudonymous account.
    expect(await t.db.appointment.count({ where: { patientId } })).toBe(1);
    expect(await t.db.intake.count({ where: { patientId } })).toBe(1);
    expect(await t.db.sessionNote.count({ where: { appointmentId: booked.id } })).toBe(1);
    expect(await t.db.consent.count({ where: { userId: patientId } })).toBe(1);
    expect(await t.db.accountClosureRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ completedAt: NOW, completedById: world.admin.id });
    expect(await t.db.auditEntry.count({ where: { action: "account.closed", entityId: request.id, actorId: world.admin.id } })).toBe(1);
    // Done once: a second completion finds nothing open.
    await expect(completeAccountClosure(t.db, world.admin, request.id, { now: NOW })).rejects.toBeInstanceOf(NotFoundError);
  });
});
