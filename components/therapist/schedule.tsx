// The therapist's schedule: today's appointments and a day or week calendar, each appointment a card with what
// they need before the session, linked to the appointment page. Times in the clinic's time zone.
import Link from "next/link";
import { HealthCheckAnswerBadge } from "@/components/health-check/answer-badge";
import { EmptyState } from "@/components/ui/card";
import { painLine, RestrictionsBanner } from "@/components/therapist/workspace-parts";
import { intakeSummary, type AppointmentRecord } from "@/lib/booking/queries";
import { conditionLabels } from "@/lib/clearance/queries";
import { answersOf } from "@/lib/health-check/queries";
import { appointmentStatusLabel, dateTimeFormat } from "@/lib/format";
import type { ScheduleWindow } from "@/lib/therapist/schedule";
import { localDateOf } from "@/lib/time/zoned";

export interface ScheduleCardProps {
  appointment: AppointmentRecord;
  timeZone: string;
}

/** What is missing for a held appointment, in the therapist's words. */
function heldWhy(appointment: AppointmentRecord): string | null {
  if (appointment.status !== "HELD") return null;
  return appointment.holdReason === "restrictions"
    ? "Missing: a change of massage type or length that fits the physician's restrictions"
    : "Missing: the physician's approved clearance";
}

export function ScheduleCard({ appointment, timeZone }: ScheduleCardProps) {
  const time = dateTimeFormat({ hour: "2-digit", minute: "2-digit", timeZone });
  const minutes = Math.round((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000);
  const summary = appointment.intake ? intakeSummary(appointment.intake) : null;
  const flags = summary?.flags.length ? conditionLabels(summary.flags.map((flag) => flag.key)).map((flag) => flag.label) : [];
  const missing = heldWhy(appointment);
  return (
    <article className="rounded-xl border border-line bg-card p-3" aria-label={`${time.format(appointment.startsAt)} ${appointment.patient.name}`}>
      <h4 className="font-semibold">
        <Link href={`/therapist/appointments/${appointment.id}`} className="text-sage-800 underline underline-offset-4">
          {time.format(appointment.startsAt)}–{time.format(appointment.endsAt)} {appointment.patient.name}
        </Link>
      </h4>
      <p className="text-sm text-muted">
        {appointment.massageType.name}, {minutes} minutes
      </p>
      <p className="text-sm font-medium">{appointmentStatusLabel(appointment)}</p>
      {missing ? <p className="text-sm font-medium text-clay-700">{missing}</p> : null}
      {summary ? <p className="mt-1 text-sm">Pain: {painLine(summary)}</p> : null}
      {flags.length ? <p className="text-sm font-semibold text-clay-700">Health flags: {flags.join("; ")}</p> : null}
      <RestrictionsBanner restrictions={appointment.restrictions.map(({ restriction }) => restriction)} compact />
      {/* The day-before check's answer; before it is answered, only for confirmed visits (a held one gets no check). */}
      {appointment.healthCheck?.answeredAt || appointment.status === "CONFIRMED" ? (
        <p className="mt-2" data-slot="day-before-check">
          <HealthCheckAnswerBadge answers={answersOf(appointment.healthCheck)} />
        </p>
      ) : null}
    </article>
  );
}

function CardList({ items, timeZone, empty, quiet = false }: { items: AppointmentRecord[]; timeZone: string; empty: string; quiet?: boolean }) {
  if (items.length === 0) return quiet ? <p className="text-sm text-muted">{empty}</p> : <EmptyState>{empty}</EmptyState>;
  return (
    <ul className="grid gap-2 md:grid-cols-2 xl:grid-cols-3">
      {items.map((appointment) => (
        <li key={appointment.id}>
          <ScheduleCard appointment={appointment} timeZone={timeZone} />
        </li>
      ))}
    </ul>
  );
}

export function TodayList({ items, timeZone }: { items: AppointmentRecord[]; timeZone: string }) {
  return <CardList items={items} timeZone={timeZone} empty="Nothing booked today." />;
}

const navLink = "inline-flex min-h-11 items-center rounded-lg border border-sage-700 px-3 font-semibold text-sage-800 hover:bg-sage-50";

/** The calendar: a day or a week, with links to the previous and next and to switch between them. */
export function ScheduleCalendar({ window, items, timeZone }: { window: ScheduleWindow; items: AppointmentRecord[]; timeZone: string }) {
  const heading = dateTimeFormat({ weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
  const byDay = new Map<string, AppointmentRecord[]>(window.days.map((day) => [day, []]));
  for (const appointment of items) byDay.get(localDateOf(appointment.startsAt, timeZone))?.push(appointment);
  const href = (view: string, date: string) => `/therapist?view=${view}&date=${date}#calendar`;
  const other = window.view === "day" ? "week" : "day";
  return (
    <div className="flex flex-col gap-3">
      <nav aria-label="Calendar" className="flex flex-wrap gap-2">
        <Link className={navLink} href={href(window.view, window.previous)}>
          {window.view === "day" ? "Previous day" : "Previous week"}
        </Link>
        <Link className={navLink} href={href(window.view, window.today)}>
          {window.view === "day" ? "Today" : "This week"}
        </Link>
        <Link className={navLink} href={href(window.view, window.next)}>
          {window.view === "day" ? "Next day" : "Next week"}
        </Link>
        <Link className={navLink} href={href(other, window.view === "day" ? window.days[0]! : window.today)}>
          {other === "day" ? "Day view" : "Week view"}
        </Link>
      </nav>
      <p className="text-sm text-muted">All times: {timeZone}.</p>
      <div className="flex flex-col gap-4">
        {window.days.map((day) => (
          <section key={day} aria-label={heading.format(new Date(`${day}T00:00:00Z`))} className="flex min-w-0 flex-col gap-2 border-t border-line pt-3">
            <h3 className={`font-semibold ${day === window.today ? "text-sage-800 underline underline-offset-4" : ""}`}>
              {heading.format(new Date(`${day}T00:00:00Z`))}
              {day === window.today ? <span className="sr-only"> (today)</span> : null}
            </h3>
            <CardList items={byDay.get(day) ?? []} timeZone={timeZone} empty="Nothing booked." quiet />
          </section>
        ))}
      </div>
    </div>
  );
}
