import type { Metadata } from "next";
import Link from "next/link";
import { Input, Select } from "@/components/calendar/fields";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { appointmentsHref, parseAppointmentFilters, STATUS_FILTERS } from "@/lib/calendar/appointment-filters";
import { listClinicAppointments } from "@/lib/calendar/appointments";
import { getDb } from "@/lib/db";
import { appointmentStatusLabel, formatDateTime, STATUS_LABEL } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "All appointments" };

type Params = Record<string, string | string[] | undefined>;

export default async function AllAppointmentsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireRole("ADMIN", "/admin/appointments");
  const db = getDb();
  const { filters, values, problems } = parseAppointmentFilters(await searchParams);
  const [settings, therapists] = await Promise.all([
    getClinicSettings(db),
    db.therapist.findMany({ orderBy: { user: { name: "asc" } }, select: { id: true, user: { select: { name: true } } } }),
  ]);
  const page = await listClinicAppointments(db, user, filters, settings.timeZone, new Date());
  const minutes = (a: { startsAt: Date; endsAt: Date }) => Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000);

  return (
    <>
      <PageHeader
        title="All appointments"
        lead={`Every therapist's appointments, from today on or for one day, soonest first. Times in ${settings.timeZone}. Open one to cancel or move it for the patient.`}
      />
      <Section title="Filter" id="filter">
        <form method="get" action="/admin/appointments" aria-label="Filter the appointments" className="rounded-2xl border border-line bg-card p-4 sm:p-5">
          <div className="grid gap-4 sm:grid-cols-3">
            <Input id="day" label="Day" type="date" defaultValue={values.day ?? ""} hint="Leave empty for today onwards." />
            <Select
              id="therapist"
              label="Therapist"
              defaultValue={values.therapist ?? ""}
              options={[["", "Every therapist"], ...therapists.map((t): [string, string] => [t.id, t.user.name])]}
            />
            <Select
              id="status"
              label="Status"
              defaultValue={values.status ?? ""}
              options={[["", "Any status"], ...Object.entries(STATUS_FILTERS).map(([word, status]): [string, string] => [word, STATUS_LABEL[status] ?? word])]}
            />
          </div>
          <div className="mt-4 flex flex-wrap gap-3">
            <Button type="submit">Show appointments</Button>
            <ButtonLink variant="secondary" href="/admin/appointments">
              Clear filters
            </ButtonLink>
          </div>
        </form>
        {problems.length ? (
          <div className="mt-3">
            <Alert tone="warning">
              <ul className="list-disc pl-5">
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </Alert>
          </div>
        ) : null}
      </Section>
      <Section title="Appointments" id="list">
        {page.items.length === 0 ? (
          <EmptyState>No appointments match.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {page.items.map((appointment) => (
              <li key={appointment.id}>
                <Card>
                  <Link href={`/admin/appointments/${appointment.id}`} className="font-semibold text-sage-800 underline underline-offset-4">
                    {formatDateTime(appointment.startsAt, settings.timeZone)}
                  </Link>
                  <p className="text-muted">
                    {appointment.patient.name} with {appointment.therapist.user.name}: {appointment.massageType.name}, {minutes(appointment)} minutes
                  </p>
                  <p className="text-sm font-medium">{appointmentStatusLabel(appointment)}</p>
                  {appointment.status === "CANCELLED" && appointment.cancelReason ? (
                    <p className="text-sm text-muted">Reason: {appointment.cancelReason}</p>
                  ) : null}
                </Card>
              </li>
            ))}
          </ul>
        )}
        {page.next ? (
          <nav aria-label="Appointment pages" className="mt-4 flex flex-wrap gap-3">
            <ButtonLink variant="secondary" href={appointmentsHref(values)}>
              First page
            </ButtonLink>
            <ButtonLink variant="secondary" href={appointmentsHref(values, page.next)}>
              Next page
            </ButtonLink>
          </nav>
        ) : filters.cursor ? (
          <nav aria-label="Appointment pages" className="mt-4">
            <ButtonLink variant="secondary" href={appointmentsHref(values)}>
              First page
            </ButtonLink>
          </nav>
        ) : null}
      </Section>
    </>
  );
}
