import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { requireRole } from "@/lib/auth/guards";
import { isCertifiedOn } from "@/lib/catalogue/queries";
import { intakeSummary, listAppointments, restrictionWords } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { formatDate, formatDateTime, minutesToClock, STATUS_LABEL, weekdayName } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "My schedule" };

export default async function TherapistHome() {
  const user = await requireRole("THERAPIST", "/therapist");
  const db = getDb();
  const now = new Date();
  const [therapist, settings, schedule] = await Promise.all([
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
    getClinicSettings(db),
    listAppointments(db, user),
  ]);
  const upcoming = schedule.filter(
    (appointment) => appointment.endsAt >= now && (appointment.status === "HELD" || appointment.status === "CONFIRMED"),
  );

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
      <Section title="Upcoming appointments" id="schedule">
        {upcoming.length === 0 ? (
          <EmptyState>No upcoming appointments.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {upcoming.map((appointment) => {
              const intake = appointment.intake ? intakeSummary(appointment.intake) : null;
              return (
                <li key={appointment.id}>
                  <Card>
                    <Link href={`/appointments/${appointment.id}`} className="font-semibold text-sage-800 underline underline-offset-4">
                      {formatDateTime(appointment.startsAt, settings.timeZone)}
                    </Link>
                    <p className="text-muted">
                      {appointment.massageType.name} for {appointment.patient.name}
                    </p>
                    <p className="mt-1 text-sm font-medium">{STATUS_LABEL[appointment.status]}</p>
                    {intake ? (
                      <p className="mt-1 text-sm">
                        Pain {intake.painOnset}, {intake.painLevel}/10
                        {intake.flags.length ? (
                          <span className="font-semibold text-clay-700"> · Flags: {intake.flags.map((flag) => flag.label).join("; ")}</span>
                        ) : null}
                      </p>
                    ) : null}
                    {appointment.restriction ? (
                      <p className="mt-2 rounded-lg border border-clay-700/30 bg-clay-50 p-2 text-sm text-clay-700">
                        <strong>Physician&apos;s restrictions:</strong> {restrictionWords(appointment.restriction)}
                      </p>
                    ) : null}
                  </Card>
                </li>
              );
            })}
          </ul>
        )}
      </Section>
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
