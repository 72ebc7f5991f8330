// The therapist workspace's route handlers below the session: session notes (who may write them, the scores'
// bounds, the note lock) and marking a visit completed or a no-show, with an authorisation matrix over every role.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as completeRoute } from "@/app/api/v1/appointments/[id]/complete/route";
import { POST as noShowRoute } from "@/app/api/v1/appointments/[id]/no-show/route";
import { POST as notesRoute } from "@/app/api/v1/appointments/[id]/notes/route";
import type { AuditActor } from "@/lib/audit";
import { quickPhysician, quickUser } from "@/lib/clearance/testing";
import { getEnv } from "@/lib/env";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";
import { ensureClinicSettings } from "@/lib/seed/factories";
import { useTestDatabase } from "@/test/db";
import { appointmentRow, createPatient, createTherapist } from "@/test/fixtures";
import { notesForAppointment, progressForPatient } from "./notes";

const app = vi.hoisted(() => ({ db: undefined as unknown, session: null as null | { user: { id: string } } }));
vi.mock("@/lib/db", () => ({ getDb: () => app.db }));
vi.mock("@/lib/auth/session", () => ({
  sessionClaims: async () => (app.session ? { uid: app.session.user.id, sv: 0, seen: Math.floor(Date.now() / 1000) } : null),
}));

/** Tuesday 1 December 2026, 11:00 in Amsterdam. */
const NOW = new Date("2026-12-01T10:00:00Z");
const HOUR = 3_600_000;
const t = useTestDatabase();

interface Cast {
  therapist: AuditActor;
  therapistId: string;
  otherTherapist: AuditActor;
  patient: AuditActor;
  physician: AuditActor;
  admin: AuditActor;
}
let cast: Cast;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  app.db = t.db;
  await ensureClinicSettings(t.db);
  // One therapist after the other: each makes sure of the massage types, and two upserts of one slug at once race on PostgreSQL.
  const mine = await createTherapist(t.db);
  const [other, patient, physician, admin] = await Promise.all([
    createTherapist(t.db),
    createPatient(t.db),
    quickPhysician(t.db),
    quickUser(t.db, "ADMIN"),
  ]);
  cast = {
    therapist: { id: mine.userId, role: "THERAPIST" },
    therapistId: mine.id,
    otherTherapist: { id: other.userId, role: "THERAPIST" },
    patient: { id: patient.id, role: "PATIENT" },
    physician: physician.user,
    admin,
  };
});
// Each test has its own day (two days apart), its clock frozen at that day's 11:00, so no two tests' active
// appointments of the one therapist overlap.
let today = NOW;
let day = 0;
beforeEach(() => {
  today = new Date(NOW.getTime() + day++ * 48 * HOUR);
  vi.setSystemTime(today);
});
afterAll(() => vi.useRealTimers());

/** An hour-long appointment of `cast.therapist` with `cast.patient`, starting `startOffsetHours` from the test's now. */
async function appointment(startOffsetHours: number, status: AppointmentStatus = "CONFIRMED") {
  const startsAt = new Date(today.getTime() + startOffsetHours * HOUR);
  const endsAt = new Date(startsAt.getTime() + HOUR);
  const row = appointmentRow({ status, startsAt });
  await t.db.appointment.create({
    data: { ...row, endsAt, therapistId: cast.therapistId, patientId: cast.patient.id, massageTypeSlug: "swedish" },
  });
  return { id: row.id, startsAt, endsAt };
}

const as = (user: AuditActor | null) => {
  app.session = user ? { user: { id: user.id } } : null;
};
const base = getEnv().APP_URL;
const post = (path: string, body?: unknown) =>
  new Request(`${base}${path}`, {
    method: "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const params = (id: string) => ({ params: Promise.resolve({ id }) });
async function answer(response: Promise<Response>) {
  const result = await response;
  return { status: result.status, body: (await result.json()) as Record<string, unknown> & { fields?: Record<string, string> } };
}
const note = (extra: Record<string, unknown> = {}) => ({
  subjective: "Lower back stiff after long drives.",
  objective: "Tight erector spinae on the left.",
  assessment: "Muscular, improving.",
  plan: "Stretch twice a day; next visit in two weeks.",
  painBefore: 6,
  painAfter: 3,
  ...extra,
});
const writeNote = (id: string, body: unknown = note()) => answer(notesRoute(post(`/api/v1/appointments/${id}/notes`, body), params(id)));
const finish = (route: typeof completeRoute, id: string) => answer(route(post(`/api/v1/appointments/${id}/finish`), params(id)));
const audits = (action: string, entityId?: string) => t.db.auditEntry.count({ where: { action, ...(entityId ? { entityId } : {}) } });

/** Moves the frozen clock. */
function clockAt(instant: Date) {
  vi.setSystemTime(instant);
}

describe("POST /api/v1/appointments/:id/notes", () => {
  it("answers every role as documented: its therapist 201, other staff and its patient 403, those who cannot see it 404, no session 401", async () => {
    const visit = await appointment(-1);
    const matrix: Array<[string, AuditActor | null, number]> = [
      ["anonymous", null, 401],
      ["its patient", cast.patient, 403],
      ["a physician it is not addressed to", cast.physician, 404],
      ["an admin", cast.admin, 403],
      ["another therapist", cast.otherTherapist, 404],
    ];
    for (const [who, user, status] of matrix) {
      as(user);
      expect((await writeNote(visit.id)).status, who).toBe(status);
    }
    expect(await t.db.sessionNote.count({ where: { appointmentId: visit.id } })).toBe(0);

    as(cast.therapist);
    const written = await writeNote(visit.id, note({ sleepChange: 1, moodChange: -2 }));
    expect(written).toMatchObject({ status: 201, body: { appointmentId: visit.id, painBefore: 6, painAfter: 3, sleepChange: 1, moodChange: -2 } });
    expect(await audits("session_note.created", written.body.id as string)).toBe(1);

    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await writeNote(unknown)).status).toBe(404);
    expect((await writeNote("not-a-uuid")).status).toBe(404);
  });

  it("refuses out-of-range scores and empty parts with field messages (422), writing nothing", async () => {
    const visit = await appointment(-1);
    as(cast.therapist);
    const refused = await writeNote(visit.id, note({ painBefore: 11, painAfter: -1, sleepChange: 3, moodChange: 1.5, plan: "  " }));
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.fields ?? {}).toSorted()).toEqual(["moodChange", "painAfter", "painBefore", "plan", "sleepChange"]);
    expect(refused.body.fields?.painBefore).toMatch(/0 \(none\) to 10/);
    expect(refused.body.fields?.sleepChange).toMatch(/-2 \(much worse\) to 2/);
    expect(await t.db.sessionNote.count({ where: { appointmentId: visit.id } })).toBe(0);
    const bad = await answer(notesRoute(new Request(`${base}/x`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" }), params(visit.id)));
    expect(bad.status).toBe(400);
  });

  it("replaces the note (200) until the lock, noteLockHours after the session's end, then 409 note_locked", async () => {
    const visit = await appointment(-1);
    as(cast.therapist);
    expect((await writeNote(visit.id)).status).toBe(201);
    clockAt(new Date(visit.endsAt.getTime() + 48 * HOUR - 1));
    const rewritten = await writeNote(visit.id, note({ painAfter: 2, sleepChange: null }));
    expect(rewritten).toMatchObject({ status: 200, body: { painAfter: 2, sleepChange: null } });
    expect(await audits("session_note.updated", rewritten.body.id as string)).toBe(1);

    clockAt(new Date(visit.endsAt.getTime() + 48 * HOUR));
    const locked = await writeNote(visit.id, note({ painAfter: 0 }));
    expect(locked).toMatchObject({ status: 409, body: { error: "note_locked" } });
    expect((await t.db.sessionNote.findUniqueOrThrow({ where: { appointmentId: visit.id } })).painAfter).toBe(2);

    // The lock follows the clinic's setting.
    await t.db.clinicSettings.update({ where: { id: 1 }, data: { noteLockHours: 72 } });
    try {
      expect((await writeNote(visit.id, note({ painAfter: 1 }))).status).toBe(200);
    } finally {
      await t.db.clinicSettings.update({ where: { id: 1 }, data: { noteLockHours: 48 } });
    }
  });

  it("refuses notes before the session begins (409 not_started) and for a visit that did not take place (409 not_notable)", async () => {
    const later = await appointment(1);
    const cancelled = await appointment(-1, "CANCELLED");
    as(cast.therapist);
    expect(await writeNote(later.id)).toMatchObject({ status: 409, body: { error: "not_started" } });
    clockAt(later.startsAt);
    expect((await writeNote(later.id)).status).toBe(201);
    expect(await writeNote(cancelled.id)).toMatchObject({ status: 409, body: { error: "not_notable" } });
  });
});

describe("POST /api/v1/appointments/:id/complete and /no-show", () => {
  it("answers every role as documented and changes the state through the lifecycle, audited", async () => {
    const visit = await appointment(-1);
    const matrix: Array<[string, AuditActor | null, number]> = [
      ["anonymous", null, 401],
      ["its patient", cast.patient, 403],
      ["a physician it is not addressed to", cast.physician, 404],
      ["another therapist", cast.otherTherapist, 404],
    ];
    for (const [who, user, status] of matrix) {
      as(user);
      expect((await finish(completeRoute, visit.id)).status, who).toBe(status);
      expect((await finish(noShowRoute, visit.id)).status, who).toBe(status);
    }
    expect((await t.db.appointment.findUniqueOrThrow({ where: { id: visit.id } })).status).toBe("CONFIRMED");

    as(cast.therapist);
    expect(await finish(completeRoute, visit.id)).toMatchObject({ status: 200, body: { id: visit.id, status: "completed" } });
    expect(await audits("appointment.completed", visit.id)).toBe(1);
    expect(await finish(noShowRoute, visit.id)).toMatchObject({ status: 409, body: { error: "invalid_transition" } });

    const absent = await appointment(-2);
    as(cast.admin);
    expect(await finish(noShowRoute, absent.id)).toMatchObject({ status: 200, body: { status: "no-show" } });
    expect(await audits("appointment.no_show", absent.id)).toBe(1);
    expect((await finish(noShowRoute, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("is 409 not_started until the appointment's start (frozen clock)", async () => {
    const soon = await appointment(2);
    as(cast.therapist);
    clockAt(new Date(soon.startsAt.getTime() - 1));
    expect(await finish(completeRoute, soon.id)).toMatchObject({ status: 409, body: { error: "not_started" } });
    expect(await finish(noShowRoute, soon.id)).toMatchObject({ status: 409, body: { error: "not_started" } });
    clockAt(soon.startsAt);
    expect(await finish(noShowRoute, soon.id)).toMatchObject({ status: 200, body: { status: "no-show" } });
  });
});

describe("reading notes", () => {
  it("gives the appointment's therapist this and the earlier sessions' notes, audited; anyone else 404", async () => {
    const first = await appointment(-1);
    as(cast.therapist);
    await writeNote(first.id, note({ painBefore: 7, painAfter: 4 }));
    await finish(completeRoute, first.id);
    const next = await appointment(3);

    const before = await audits("session_note.read");
    const read = await notesForAppointment(t.db, cast.therapist, next.id, today);
    expect(read.note).toBeNull();
    expect(read.blocker?.code).toBe("not_started");
    expect(read.lockAt).toEqual(new Date(next.endsAt.getTime() + 48 * HOUR));
    expect(read.earlier.map((session) => session.appointmentId)).toContain(first.id);
    expect(read.earlier.find((session) => session.appointmentId === first.id)?.note).toMatchObject({ painBefore: 7, painAfter: 4 });
    expect(await audits("session_note.read")).toBe(before + 1);
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { action: "session_note.read" }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ actorId: cast.therapist.id, entityType: "Patient", entityId: cast.patient.id });

    for (const viewer of [cast.otherTherapist, cast.admin, cast.patient, cast.physician]) {
      await expect(notesForAppointment(t.db, viewer, next.id, today)).rejects.toMatchObject({ status: 404 });
    }
    expect(await audits("session_note.read")).toBe(before + 1);
  });

  it("gives a patient their own pain scores across completed sessions, audited, and refuses anyone else", async () => {
    const before = await audits("session_note.read");
    const points = await progressForPatient(t.db, cast.patient);
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((point) => point.painBefore >= 0 && point.painAfter <= 10)).toBe(true);
    expect(points.map((point) => point.startsAt.getTime())).toEqual(points.map((point) => point.startsAt.getTime()).toSorted((a, b) => a - b));
    expect(await audits("session_note.read")).toBe(before + 1);
    await expect(progressForPatient(t.db, cast.therapist)).rejects.toMatchObject({ status: 403 });
  });
});
