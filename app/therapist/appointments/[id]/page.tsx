import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { HealthCheckAnswerBadge } from "@/components/health-check/answer-badge";
import { FinishButtons } from "@/components/therapist/finish-buttons";
import { ProgressChart } from "@/components/therapist/progress-chart";
import { SessionNoteForm } from "@/components/therapist/session-note-form";
import { painLine, RestrictionsBanner } from "@/components/therapist/workspace-parts";
import { requireRole } from "@/lib/auth/guards";
import { getAppointment, intakeSummary } from "@/lib/booking/queries";
import { conditionLabels } from "@/lib/clearance/queries";
import { getDb } from "@/lib/db";
import { answersOf } from "@/lib/health-check/queries";
import { NotFoundError } from "@/lib/errors";
import { appointmentStatusLabel, dateTimeFormat, formatDateTime } from "@/lib/format";
import { notesForAppointment, progressPoints, type SessionNoteRecord } from "@/lib/notes/notes";
import { CONDITION_RULES } from "@/lib/screening/conditions";
import { getClinicSettings } from "@/lib/settings";
import { isUuid } from "@/lib/validation/ids";
import { CHANGE_WORDS } from "@/lib/validation/notes";

export const metadata: Metadata = { title: "Session" };

function NoteView({ note }: { note: SessionNoteRecord }) {
  const change = (value: number | null) => (value === null ? "Not asked" : CHANGE_WORDS[String(value)]);
  return (
    <DefinitionList
      items={[
        ["Subjective", note.subjective],
        ["Objective", note.objective],
        ["Assessment", note.assessment],
        ["Plan", note.plan],
        ["Pain", `${note.painBefore}/10 before, ${note.painAfter}/10 after`],
        ["Sleep since the last session", change(note.sleepChange)],
        ["Mood since the last session", change(note.moodChange)],
      ]}
    />
  );
}

/** The therapist's own appointment: intake, restrictions, earlier sessions, this session's notes and how it went. */
export default async function TherapistAppointmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole("THERAPIST", `/therapist/appointments/${id}`);
  if (!isUuid(id)) notFound();
  const db = getDb();
  // Only their own: the notes' lookup is scoped to the appointment's therapist (another's is 404).
  const notFoundIfMissing = (error: unknown): never => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  };
  const [appointment, notes, settings] = await Promise.all([
    getAppointment(db, user, id).catch(notFoundIfMissing),
    notesForAppointment(db, user, id).catch(notFoundIfMissing),
    getClinicSettings(db),
  ]);
  const tz = settings.timeZone;
  const minutes = (appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000;
  const intake = appointment.intake;
  const summary = intake ? intakeSummary(intake) : null;
  const restrictions = appointment.restrictions.map(({ restriction }) => restriction);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request: this is the request's time
  const now = Date.now();
  const mayFinish = appointment.status === "CONFIRMED" && appointment.startsAt.getTime() <= now;
  const day = dateTimeFormat({ day: "numeric", month: "short", timeZone: tz });
  const chartPoints = progressPoints(notes.earlier).map((point) => ({ ...point, label: day.format(point.startsAt) }));
  const editable = notes.blocker === null;

  return (
    <>
      <PageHeader title={`${appointment.massageType.name} for ${appointment.patient.name}`} lead={appointmentStatusLabel(appointment)} />
      <RestrictionsBanner restrictions={restrictions} />
      <div className="mt-4">
        <Card>
          <DefinitionList
            items={[
              ["When", `${formatDateTime(appointment.startsAt, tz)} (${tz})`],
              ["Massage", `${appointment.massageType.name}, ${minutes} minutes`],
              ["Patient", appointment.patient.name],
              ["Status", appointmentStatusLabel(appointment)],
              // The day-before check, as on the schedule's card; a held visit gets none until it is confirmed.
              ...(appointment.healthCheck?.answeredAt || appointment.status === "CONFIRMED"
                ? [
                    [
                      "Day-before check",
                      <>
                        <HealthCheckAnswerBadge answers={answersOf(appointment.healthCheck)} />
                        {appointment.healthCheck?.answeredAt ? ` answered ${formatDateTime(appointment.healthCheck.answeredAt, tz)}` : null}
                      </>,
                    ] as [string, ReactNode],
                  ]
                : []),
            ]}
          />
        </Card>
      </div>

      <Section title="Health intake" id="intake">
        {intake && summary ? (
          <Card>
            <DefinitionList
              items={[
                ["Pain", painLine(summary)],
                ["Flags", summary.flags.length ? conditionLabels(summary.flags.map((flag) => flag.key)).map((flag) => flag.label).join("; ") : "None"],
                ...CONDITION_RULES.filter((rule) => rule.key !== "otherSerious").map(
                  (rule) => [rule.label, intake[rule.key as Exclude<typeof rule.key, "otherSerious">] ? "Yes" : "No"] as [string, string],
                ),
                ["Other serious condition", intake.otherSerious || "None"],
                ["Patient's notes", intake.notes || "None"],
              ]}
            />
          </Card>
        ) : (
          <EmptyState>No intake was given for this appointment.</EmptyState>
        )}
      </Section>

      <Section title="This session's notes" id="notes">
        <Card>
          {editable ? (
            <>
              <p className="mb-3 text-sm text-muted">
                You can change these notes until {formatDateTime(notes.lockAt, tz)} ({settings.noteLockHours} hours after the session ends).
              </p>
              <SessionNoteForm
                appointmentId={appointment.id}
                initial={
                  notes.note
                    ? {
                        subjective: notes.note.subjective,
                        objective: notes.note.objective,
                        assessment: notes.note.assessment,
                        plan: notes.note.plan,
                        painBefore: notes.note.painBefore,
                        painAfter: notes.note.painAfter,
                        sleepChange: notes.note.sleepChange,
                        moodChange: notes.note.moodChange,
                      }
                    : null
                }
              />
            </>
          ) : (
            <>
              <p className="mb-3 font-medium">{notes.blocker?.message}</p>
              {notes.note ? <NoteView note={notes.note} /> : null}
            </>
          )}
        </Card>
      </Section>

      {mayFinish ? (
        <Section title="How did it go?" id="outcome">
          <FinishButtons appointmentId={appointment.id} />
        </Section>
      ) : appointment.status === "COMPLETED" || appointment.status === "NO_SHOW" ? (
        // Once recorded the buttons are gone (the page re-renders with the action), so the outcome stays in their place.
        <Section title="How did it go?" id="outcome">
          <Alert>{appointment.status === "COMPLETED" ? "Marked completed." : "Marked as a no-show."}</Alert>
        </Section>
      ) : null}

      <Section title="Progress" id="progress">
        <Card>
          <ProgressChart points={chartPoints} title={`${appointment.patient.name}'s pain before and after earlier sessions`} />
        </Card>
      </Section>

      <Section title="Earlier sessions" id="earlier">
        {notes.earlier.length === 0 ? (
          <EmptyState>No earlier completed sessions.</EmptyState>
        ) : (
          <ol className="flex flex-col gap-3">
            {notes.earlier.toReversed().map((session) => (
              <li key={session.appointmentId}>
                <Card>
                  <h3 className="font-semibold">
                    {formatDateTime(session.startsAt, tz)}: {session.massageType} with {session.therapistName}
                  </h3>
                  {session.note ? <NoteView note={session.note} /> : <p className="text-muted">No notes were written.</p>}
                </Card>
              </li>
            ))}
          </ol>
        )}
      </Section>

      <div className="mt-8">
        <ButtonLink href="/therapist" variant="quiet">
          Back to my schedule
        </ButtonLink>
      </div>
    </>
  );
}
