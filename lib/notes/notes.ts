// A therapist's session notes (docs/decisions/0016): written by the appointment's own therapist once the session
// has begun, editable until the clinic's note lock (noteLockHours after the session's end), and every write and
// every read audited. Authorisation is at the data: the appointment is looked up in the caller's scope first.
import type { AuditActor } from "@/lib/audit";
import { writeAudit } from "@/lib/audit";
import { appointmentScope } from "@/lib/booking/queries";
import type { Db, DbClient } from "@/lib/db/prisma";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getClinicSettings } from "@/lib/settings";
import type { SessionNoteInput } from "@/lib/validation/notes";

const HOUR_MS = 3_600_000;

export const sessionNoteSelect = {
  id: true,
  appointmentId: true,
  subjective: true,
  objective: true,
  assessment: true,
  plan: true,
  painBefore: true,
  painAfter: true,
  sleepChange: true,
  moodChange: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.SessionNoteSelect;

export type SessionNoteRecord = Prisma.SessionNoteGetPayload<{ select: typeof sessionNoteSelect }>;

/** The moment a session's note can no longer be changed. */
export function noteLockAt(endsAt: Date, noteLockHours: number): Date {
  return new Date(endsAt.getTime() + noteLockHours * HOUR_MS);
}

/** Why the note of this appointment cannot be written now, or null when it can. */
export function noteBlocker(
  appointment: { status: string; startsAt: Date; endsAt: Date },
  noteLockHours: number,
  now: Date,
): ConflictError | null {
  if (appointment.status !== "CONFIRMED" && appointment.status !== "COMPLETED") {
    return new ConflictError("not_notable", "Notes are kept for sessions that took place: this appointment is not confirmed or completed.");
  }
  if (appointment.startsAt > now) {
    return new ConflictError("not_started", "This session has not started yet: write its notes once it has begun.");
  }
  if (now >= noteLockAt(appointment.endsAt, noteLockHours)) {
    return new ConflictError(
      "note_locked",
      `The notes of this session are locked: they can be changed until ${noteLockHours} hours after the session ends.`,
    );
  }
  return null;
}

export interface SaveNoteRequest {
  user: AuditActor;
  appointmentId: string;
  input: SessionNoteInput;
  now?: Date;
  ipAddress?: string;
}

/** Creates or replaces the note of one appointment, for its own therapist only. `created` tells which. */
export async function saveSessionNote(db: Db, request: SaveNoteRequest): Promise<{ note: SessionNoteRecord; created: boolean }> {
  const now = request.now ?? new Date();
  const settings = await getClinicSettings(db);
  return db.$transaction(async (tx) => {
    const appointment = await tx.appointment.findFirst({
      where: { AND: [{ id: request.appointmentId }, appointmentScope(request.user)] },
      select: { id: true, status: true, startsAt: true, endsAt: true, patientId: true, therapist: { select: { userId: true } }, sessionNote: { select: { id: true } } },
    });
    if (!appointment) throw new NotFoundError("No such appointment.");
    if (request.user.role !== "THERAPIST" || appointment.therapist.userId !== request.user.id) {
      throw new ForbiddenError("Only the appointment's therapist writes its session notes.");
    }
    const blocker = noteBlocker(appointment, settings.noteLockHours, now);
    if (blocker) throw blocker;
    const { input } = request;
    const data = {
      subjective: input.subjective,
      objective: input.objective,
      assessment: input.assessment,
      plan: input.plan,
      painBefore: input.painBefore,
      painAfter: input.painAfter,
      sleepChange: input.sleepChange ?? null,
      moodChange: input.moodChange ?? null,
    };
    const note = await tx.sessionNote.upsert({
      where: { appointmentId: appointment.id },
      create: { appointmentId: appointment.id, ...data, createdAt: now, updatedAt: now },
      update: { ...data, updatedAt: now },
      select: sessionNoteSelect,
    });
    const created = !appointment.sessionNote;
    await writeAudit(tx, {
      actor: request.user,
      action: created ? "session_note.created" : "session_note.updated",
      entityType: "SessionNote",
      entityId: note.id,
      // The scores only: the note's words stay in the note.
      details: { appointmentId: appointment.id, patientId: appointment.patientId, painBefore: note.painBefore, painAfter: note.painAfter },
      ipAddress: request.ipAddress,
    });
    return { note, created };
  });
}

/** The API's shape of a note (lib/api-docs/notes.ts). */
export function sessionNoteJson(note: SessionNoteRecord) {
  return {
    id: note.id,
    appointmentId: note.appointmentId,
    subjective: note.subjective,
    objective: note.objective,
    assessment: note.assessment,
    plan: note.plan,
    painBefore: note.painBefore,
    painAfter: note.painAfter,
    sleepChange: note.sleepChange,
    moodChange: note.moodChange,
    createdAt: note.createdAt.toISOString(),
    updatedAt: note.updatedAt.toISOString(),
  };
}

export interface PastSession {
  appointmentId: string;
  startsAt: Date;
  massageType: string;
  therapistName: string;
  note: SessionNoteRecord | null;
}

/** Writes the one audit entry of a read of notes (who read which patient's notes, and which). */
async function auditRead(db: DbClient, viewer: AuditActor, patientId: string, noteIds: string[], via: string, ipAddress?: string) {
  if (noteIds.length === 0) return;
  await writeAudit(db, {
    actor: viewer,
    action: "session_note.read",
    entityType: "Patient",
    entityId: patientId,
    details: { notes: noteIds, via },
    ipAddress,
  });
}

const pastSessionSelect = {
  id: true,
  startsAt: true,
  massageType: { select: { name: true } },
  therapist: { select: { user: { select: { name: true } } } },
  sessionNote: { select: sessionNoteSelect },
} satisfies Prisma.AppointmentSelect;

function toPastSession(row: Prisma.AppointmentGetPayload<{ select: typeof pastSessionSelect }>): PastSession {
  return {
    appointmentId: row.id,
    startsAt: row.startsAt,
    massageType: row.massageType.name,
    therapistName: row.therapist.user.name,
    note: row.sessionNote,
  };
}

export interface AppointmentNotes {
  /** This appointment's own note, if written. */
  note: SessionNoteRecord | null;
  lockAt: Date;
  /** Why it cannot be written now (not started, locked …), or null. */
  blocker: ConflictError | null;
  /** The patient's completed sessions before this one (any therapist), oldest first, with their notes. */
  earlier: PastSession[];
}

/**
 * What the therapist of an appointment reads of its patient's notes: this session's and the earlier ones'. Only
 * the appointment's own therapist (anyone else: 404, as the page is theirs alone). Audited when a note is read.
 */
export async function notesForAppointment(db: Db, viewer: AuditActor, appointmentId: string, now = new Date()): Promise<AppointmentNotes> {
  const settings = await getClinicSettings(db);
  const appointment = await db.appointment.findFirst({
    where: { AND: [{ id: appointmentId }, appointmentScope(viewer)], therapist: { userId: viewer.id } },
    select: { id: true, status: true, startsAt: true, endsAt: true, patientId: true, sessionNote: { select: sessionNoteSelect } },
  });
  if (!appointment || viewer.role !== "THERAPIST") throw new NotFoundError("No such appointment.");
  const rows = await db.appointment.findMany({
    where: { patientId: appointment.patientId, status: "COMPLETED", startsAt: { lt: appointment.startsAt }, id: { not: appointment.id } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: pastSessionSelect,
  });
  const earlier = rows.map(toPastSession);
  const noteIds = [appointment.sessionNote?.id, ...earlier.map((session) => session.note?.id)].filter((id): id is string => Boolean(id));
  await auditRead(db, viewer, appointment.patientId, noteIds, `appointment:${appointment.id}`);
  return {
    note: appointment.sessionNote,
    lockAt: noteLockAt(appointment.endsAt, settings.noteLockHours),
    blocker: noteBlocker(appointment, settings.noteLockHours, now),
    earlier,
  };
}

export interface ProgressPoint {
  appointmentId: string;
  startsAt: Date;
  painBefore: number;
  painAfter: number;
}

/** A patient's own pain scores across their completed sessions, oldest first (the scores, not the notes' words). Audited. */
export async function progressForPatient(db: Db, patient: AuditActor): Promise<ProgressPoint[]> {
  if (patient.role !== "PATIENT") throw new ForbiddenError("Only a patient reads their own progress.");
  const rows = await db.appointment.findMany({
    where: { patientId: patient.id, status: "COMPLETED", sessionNote: { isNot: null } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: { id: true, startsAt: true, sessionNote: { select: { id: true, painBefore: true, painAfter: true } } },
  });
  await auditRead(db, patient, patient.id, rows.flatMap((row) => (row.sessionNote ? [row.sessionNote.id] : [])), "patient:progress");
  return progressPoints(rows.map((row) => ({ appointmentId: row.id, startsAt: row.startsAt, note: row.sessionNote })));
}

/** The chart's points from sessions: those with a note, in order. */
export function progressPoints(sessions: ReadonlyArray<{ appointmentId: string; startsAt: Date; note: { painBefore: number; painAfter: number } | null }>): ProgressPoint[] {
  return sessions.flatMap((session) =>
    session.note ? [{ appointmentId: session.appointmentId, startsAt: session.startsAt, painBefore: session.note.painBefore, painAfter: session.note.painAfter }] : [],
  );
}
