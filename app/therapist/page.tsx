import type { Metadata } from "next";
import { AppointmentList } from "@/components/appointments/appointment-list";
import { TimeOffRequest } from "@/components/calendar/time-off-request";
import { TherapistHealthChecks } from "@/components/health-check/therapist-answers";
import { ScheduleCalendar, TodayList } from "@/components/therapist/schedule";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { requireRole } from "@/lib/auth/guards";
import { isCertifiedOn } from "@/lib/catalogue/queries";
import { listAppointments, MAX_PAGE } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { formatDate, minutesToClock, weekdayName } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";
import { appointmentListQuerySchema, encodeCursor } from "@/lib/validation/appointments";
import { scheduleWindow } from "@/lib/therapist/schedule";
import { wallClockToUtcAtOrAfter, addDays } from "@/lib/time/zoned";

export const metadata: Metadata = { title: "My schedule" };

type Query = { after?: string | string[]; view?: string | string[]; date?: string | string[] };
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function TherapistHome({ searchParams }: { searchParams: Promise<Query> }) {
  const user = await requireRole("THERAPIST", "/therapist");
  const { after, view, date } = await searchParams;
  const cursor = appointmentListQuerySchema.safeParse({ cursor: typeof after === "string" ? after : undefined });
  const db = getDb();
  const now = new Date();
  const settings = await getClinicSettings(db);
  const calendar = scheduleWindow({ view: one(view), date: one(date) }, now, settings.timeZone);
  const todayFrom = wallClockToUtcAtOrAfter(calendar.today, 0, settings.timeZone);
  const todayTo = wallClockToUtcAtOrAfter(addDays(calendar.today, 1), 0, settings.timeZone);
  const shown = ["HELD", "CONFIRMED", "COMPLETED", "NO_SHOW"] as const;
  const [therapist, schedule, today, window] = await Promise.all([
    db.therapist.findUnique({
      where: { userId: user.id },
      select: {
        certificationNumber: true,
        certificationExpiry: true,
        active: true,
        massageTypes: { select: { massageType: { select: { name: true, sortOrder: true } } } },
        workingHours: { orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] },
      },
    }),
    // From the start of the hour, so a session in progress is still on the list.
    listAppointments(db, user, {
      from: new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000),
      statuses: ["HELD", "CONFIRMED"],
      cursor: cursor.success ? cursor.data.cursor : undefined,
    }),
    listAppointments(db, user, { from: todayFrom, to: todayTo, statuses: shown, limit: MAX_PAGE }),
    listAppointments(db, user, { from: calendar.from, to: calendar.to, statuses: shown, limit: MAX_PAGE }),
  ]);

  if (!therapist) {
    return (
      <>
        <PageHeader title={`Welcome, ${user.name}`} />
        <EmptyState>Your therapist profile has not been set up yet. Please ask the clinic.</EmptyState>
      </>
    );
  }

  const certified = isCertifiedOn(therapist.certificationExpiry, now);
  const types = therapist.massageTypes
    .map((offered) => offered.massageType)
    .toSorted((a, b) => a.sortOrder - b.sortOrder)
    .map((type) => type.name);

  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} lead="Your schedule, your hours and your certification." />
      <Section title="Today" id="today">
        <TodayList items={today.items} timeZone={settings.timeZone} />
      </Section>
      <Section title={calendar.view === "day" ? "Day" : "Week"} id="calendar">
        <ScheduleCalendar window={calendar} items={window.items} timeZone={settings.timeZone} />
      </Section>
      <Section title="Upcoming appointments" id="schedule">
        <AppointmentList
          items={schedule.items}
          timeZone={settings.timeZone}
          viewer="staff"
          empty="No upcoming appointments."
          moreHref={schedule.next ? `/therapist?after=${encodeCursor(schedule.next)}#schedule` : undefined}
        />
      </Section>
      <TherapistHealthChecks user={user} timeZone={settings.timeZone} now={now} />
      <Section title="Working hours" id="hours">
        <Card>
          <p className="mb-3 text-sm text-muted">Times are in the clinic&apos;s time zone ({settings.timeZone}).</p>
          {therapist.workingHours.length === 0 ? (
            <EmptyState>No working hours are set. Please ask the clinic.</EmptyState>
          ) : (
            <table className="w-full text-left">
              <caption className="sr-only">Weekly working hours</caption>
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="py-2 pr-4">Day</th>
                  <th scope="col" className="py-2">Hours</th>
                </tr>
              </thead>
              <tbody>
                {therapist.workingHours.map((shift) => (
                  <tr key={shift.id} className="border-b border-line last:border-0">
                    <th scope="row" className="py-2 pr-4 font-medium">{weekdayName(shift.weekday)}</th>
                    <td className="py-2">
                      {minutesToClock(shift.startMinute)} – {minutesToClock(shift.endMinute)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </Section>
      <Section title="Time off" id="time-off">
        <TimeOffRequest userId={user.id} timeZone={settings.timeZone} />
      </Section>
      <Section title="Your profile" id="profile">
        <Card>
          <DefinitionList
            items={[
              ["Name", user.name],
              ["Email", user.email],
              ["Certification number", therapist.certificationNumber],
              [
                "Certification valid until",
                `${formatDate(therapist.certificationExpiry)}${certified ? "" : " (expired: you cannot be booked)"}`,
              ],
              ["Massage types", types.join(", ") || "None yet"],
              ["Bookable", therapist.active && certified ? "Yes" : "No"],
            ]}
          />
        </Card>
      </Section>
    </>
  );
}
