import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { requireRole } from "@/lib/auth/guards";
import { listAppointments, restrictionWords, type AppointmentRecord } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { formatDate, formatDateTime, STATUS_LABEL } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "My appointments" };

export default async function PatientHome() {
  const user = await requireRole("PATIENT", "/patient");
  const db = getDb();
  const [profile, appointments, settings, clearances] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, email: true, createdAt: true } }),
    listAppointments(db, user),
    getClinicSettings(db),
    db.clearanceRequest.findMany({
      where: { patientId: user.id },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: {
        id: true,
        status: true,
        holdUntil: true,
        validUntil: true,
        appointmentId: true,
        physician: { select: { user: { select: { name: true } } } },
        restriction: { select: { text: true, excludedMassageTypes: true, maxDurationMinutes: true } },
        _count: { select: { documents: true } },
      },
    }),
  ]);
  const now = Date.now();
  const upcoming = appointments.filter((a) => a.startsAt.getTime() >= now);
  const past = appointments.filter((a) => a.startsAt.getTime() < now).reverse();

  return (
    <>
      <PageHeader title={`Welcome, ${profile.name}`} lead="Your appointments and your account.">
        <div className="mt-4">
          <ButtonLink href="/book">Book a massage</ButtonLink>
        </div>
      </PageHeader>
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
      <Section title="Your clearances" id="clearances">
        {clearances.length === 0 ? (
          <EmptyState>No physician&apos;s clearance has been needed so far.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {clearances.map((clearance) => (
              <li key={clearance.id}>
                <Card>
                  <p className="font-semibold">
                    {STATUS_LABEL[clearance.status]} · {clearance.physician.user.name}
                  </p>
                  <p className="text-sm text-muted">
                    {clearance._count.documents} document{clearance._count.documents === 1 ? "" : "s"} uploaded
                    {clearance.status === "APPROVED" && clearance.validUntil ? `; valid until ${formatDateTime(clearance.validUntil, settings.timeZone)}` : ""}
                    {clearance.status === "AWAITING_DOCUMENT" || clearance.status === "UNDER_REVIEW"
                      ? `; needed by ${formatDateTime(clearance.holdUntil, settings.timeZone)}`
                      : ""}
                  </p>
                  {clearance.restriction ? <p className="text-sm">Restrictions: {restrictionWords(clearance.restriction)}</p> : null}
                  {clearance.appointmentId && (clearance.status === "AWAITING_DOCUMENT" || clearance.status === "UNDER_REVIEW") ? (
                    <Link href={`/appointments/${clearance.appointmentId}#clearance`} className="text-sm text-sage-800 underline underline-offset-4">
                      Upload the clearance document
                    </Link>
                  ) : null}
                </Card>
              </li>
            ))}
          </ul>
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

function AppointmentList({ items, timeZone }: { items: AppointmentRecord[]; timeZone: string }) {
  return (
    <ul className="flex flex-col gap-3">
      {items.map((appointment) => (
        <li key={appointment.id}>
          <Card>
            <Link href={`/appointments/${appointment.id}`} className="font-semibold text-sage-800 underline underline-offset-4">
              {formatDateTime(appointment.startsAt, timeZone)}
            </Link>
            <p className="text-muted">
              {appointment.massageType.name} with {appointment.therapist.user.name}
            </p>
            <p className="mt-1 text-sm font-medium">{STATUS_LABEL[appointment.status] ?? appointment.status}</p>
            {appointment.status === "HELD" && appointment.clearance ? (
              <p className="text-sm text-clay-700">
                Missing: your physician&apos;s approved clearance. Time held until{" "}
                {formatDateTime(appointment.clearance.holdUntil, timeZone)}.
              </p>
            ) : null}
          </Card>
        </li>
      ))}
    </ul>
  );
}
