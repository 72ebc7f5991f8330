import type { Metadata } from "next";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { formatDate, formatDateTime, STATUS_LABEL } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "My appointments" };

export default async function PatientHome() {
  const user = await requireRole("PATIENT", "/patient");
  const db = getDb();
  const [profile, appointments, settings] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, email: true, createdAt: true } }),
    db.appointment.findMany({
      where: { patientId: user.id },
      orderBy: { startsAt: "desc" },
      select: {
        id: true,
        startsAt: true,
        status: true,
        massageType: { select: { name: true } },
        therapist: { select: { user: { select: { name: true } } } },
      },
    }),
    getClinicSettings(db),
  ]);
  const now = Date.now();
  const upcoming = appointments.filter((a) => a.startsAt.getTime() >= now).reverse();
  const past = appointments.filter((a) => a.startsAt.getTime() < now);

  return (
    <>
      <PageHeader title={`Welcome, ${profile.name}`} lead="Your appointments and your account." />
      <Section title="Upcoming appointments" id="upcoming">
        {upcoming.length === 0 ? (
          <EmptyState>You have no upcoming appointments.</EmptyState>
        ) : (
          <AppointmentList items={upcoming} timeZone={settings.timeZone} />
        )}
      </Section>
      <Section title="Past appointments" id="past">
        {past.length === 0 ? (
          <EmptyState>No past appointments yet.</EmptyState>
        ) : (
          <AppointmentList items={past} timeZone={settings.timeZone} />
        )}
      </Section>
      <Section title="Your profile" id="profile">
        <Card>
          <DefinitionList
            items={[
              ["Name", profile.name],
              ["Email", profile.email],
              ["Patient since", formatDate(profile.createdAt)],
            ]}
          />
        </Card>
      </Section>
    </>
  );
}

function AppointmentList({
  items,
  timeZone,
}: {
  items: Array<{ id: string; startsAt: Date; status: string; massageType: { name: string }; therapist: { user: { name: string } } }>;
  timeZone: string;
}) {
  return (
    <ul className="flex flex-col gap-3">
      {items.map((appointment) => (
        <li key={appointment.id}>
          <Card>
            <p className="font-semibold">{formatDateTime(appointment.startsAt, timeZone)}</p>
            <p className="text-muted">
              {appointment.massageType.name} with {appointment.therapist.user.name}
            </p>
            <p className="mt-1 text-sm font-medium">{STATUS_LABEL[appointment.status] ?? appointment.status}</p>
          </Card>
        </li>
      ))}
    </ul>
  );
}
