// The demo clinic's history for the therapist workspace (docs/decisions/0016): Pat Jensen's five weekly sessions with
// Anna Lindqvist, completed with notes (so the progress chart shows something on `npm start`), Dr. Okafor's approval
// with restrictions from the first of them, and six visits of the last twelve hours that have started and wait
// for Anna to record notes and mark them completed, their day-before checks answered (the e2e specs use these: a
// booking cannot start in the past).
// Seed data, like the rest of the demo: rows written straight, not through the lifecycle. Idempotent: once Pat has
// any appointment with Anna, nothing is added.
import type { Db } from "@/lib/db/prisma";
import type { AppointmentStatus } from "@/lib/generated/prisma/enums";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Pain before and after each of the five completed sessions, oldest first: "down from 6 to 3 over 5 visits". */
const HISTORY: Array<{ before: number; after: number; sleep: number | null; mood: number | null; s: string; o: string; a: string; p: string }> = [
  { before: 7, after: 6, sleep: null, mood: null, s: "Lower back pain for a year, worse after sitting at work.", o: "Tight lumbar paraspinals, left more than right; guarded on flexion.", a: "Chronic non-specific low back pain, muscular.", p: "Gentle Swedish, weekly; walk daily." },
  { before: 7, after: 5, sleep: 1, mood: 0, s: "Slept better the first two nights after the session.", o: "Left paraspinals still tight; better range on flexion.", a: "Responding to treatment.", p: "Continue weekly; add hip flexor stretch." },
  { before: 6, after: 4, sleep: 1, mood: 1, s: "Fewer bad days; still stiff in the morning.", o: "Less guarding; trigger point at left quadratus lumborum.", a: "Improving.", p: "Continue; stretches twice a day." },
  { before: 5, after: 3, sleep: 2, mood: 1, s: "Could sit through a long meeting without pain.", o: "Near full range; mild tenderness left QL.", a: "Clearly improving.", p: "Every two weeks from now." },
  { before: 5, after: 3, sleep: 1, mood: 2, s: "Mostly pain-free; some ache after gardening.", o: "Soft tissue normal to touch; full range.", a: "Maintenance phase.", p: "Every two to three weeks; keep up the stretches." },
];

export async function seedDemoSessions(db: Db, emails: { patient: string; therapist: string; physician: string }, now = new Date()): Promise<void> {
  const patient = await db.user.findUnique({ where: { email: emails.patient }, select: { id: true } });
  const therapist = await db.therapist.findFirst({ where: { user: { email: emails.therapist } }, select: { id: true } });
  const physician = await db.physician.findFirst({ where: { user: { email: emails.physician } }, select: { id: true } });
  if (!patient || !therapist || !physician) return;
  if (await db.appointment.count({ where: { patientId: patient.id, therapistId: therapist.id } })) return;

  const hour = Math.floor(now.getTime() / HOUR) * HOUR;
  const visit = async (startsAt: Date, status: AppointmentStatus, intake: { level: number; cardiovascular: boolean; notes?: string }) => {
    const appointment = await db.appointment.create({
      data: {
        therapistId: therapist.id,
        patientId: patient.id,
        massageTypeSlug: "swedish",
        startsAt,
        endsAt: new Date(startsAt.getTime() + HOUR),
        status,
        seriesId: crypto.randomUUID(),
        createdAt: new Date(startsAt.getTime() - 7 * DAY),
      },
    });
    await db.intake.create({
      data: {
        appointmentId: appointment.id,
        patientId: patient.id,
        painOnset: "CHRONIC",
        painAreas: ["lower-back"],
        painLevel: intake.level,
        fever: false,
        contagiousIllness: false,
        acuteInjury: false,
        cardiovascular: intake.cardiovascular,
        cancer: false,
        diabetes: false,
        osteoporosis: false,
        notes: intake.notes ?? null,
        createdAt: appointment.createdAt,
      },
    });
    return appointment;
  };

  let first: { id: string; startsAt: Date } | undefined;
  for (const [index, session] of HISTORY.entries()) {
    const startsAt = new Date(hour - (HISTORY.length - index) * 7 * DAY);
    const appointment = await visit(startsAt, "COMPLETED", { level: session.before, cardiovascular: true, notes: index === 0 ? "Sitting all day at a desk." : undefined });
    first ??= appointment;
    const end = new Date(startsAt.getTime() + HOUR);
    await db.sessionNote.create({
      data: {
        appointmentId: appointment.id,
        subjective: session.s,
        objective: session.o,
        assessment: session.a,
        plan: session.p,
        painBefore: session.before,
        painAfter: session.after,
        sleepChange: session.sleep,
        moodChange: session.mood,
        createdAt: end,
        updatedAt: end,
      },
    });
  }

  // The physician cleared Pat's high blood pressure before the first session, with restrictions.
  const clearance = await db.clearanceRequest.create({
    data: {
      appointmentId: first!.id,
      patientId: patient.id,
      physicianId: physician.id,
      status: "APPROVED",
      conditions: ["cardiovascular"],
      holdUntil: first!.startsAt,
      decidedAt: new Date(first!.startsAt.getTime() - 2 * DAY),
      validUntil: new Date(first!.startsAt.getTime() + 365 * DAY),
    },
  });
  const restriction = await db.restriction.create({
    data: {
      clearanceId: clearance.id,
      patientId: patient.id,
      physicianId: physician.id,
      text: "Treated high blood pressure: moderate pressure only, no prone position longer than 20 minutes",
      excludedMassageTypes: ["deep-tissue"],
      maxDurationMinutes: 60,
      validUntil: new Date(first!.startsAt.getTime() + 365 * DAY),
      createdAt: new Date(first!.startsAt.getTime() - 2 * DAY),
    },
  });

  // Started, not yet recorded: two to twelve hours ago. Pat answered each day-before check the evening before: all clear.
  for (const hoursAgo of [2, 4, 6, 8, 10, 12]) {
    const appointment = await visit(new Date(hour - hoursAgo * HOUR), "CONFIRMED", { level: 3, cardiovascular: true, notes: "Some ache after gardening." });
    await db.appointmentRestriction.create({ data: { appointmentId: appointment.id, restrictionId: restriction.id } });
    const asked = new Date(appointment.startsAt.getTime() - 20 * HOUR);
    await db.healthCheck.create({
      data: {
        appointmentId: appointment.id,
        mailQueuedAt: asked,
        fever: false,
        contagiousIllness: false,
        acuteInjury: false,
        answeredAt: new Date(asked.getTime() + HOUR),
        answeredById: patient.id,
        createdAt: asked,
      },
    });
  }
}
