import type { Metadata } from "next";
import Link from "next/link";
import { AppointmentList } from "@/components/appointments/appointment-list";
import { HealthRecordList } from "@/components/appointments/health-record";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { PatientPrivacy } from "@/components/privacy/patient-privacy";
import { PatientWaitlist } from "@/components/waitlist/patient-waitlist";
import { PainProgress } from "@/components/patient/pain-progress";
import { listRecord } from "@/lib/appointments";
import { requireRole } from "@/lib/auth/guards";
import { PATIENT_LIST_NAMES, patientAppointmentLists, type PatientListName } from "@/lib/booking/patient-lists";
import { restrictionWords } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { formatDate, formatDateTime, STATUS_LABEL } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";
import { appointmentListQuerySchema, encodeCursor } from "@/lib/validation/appointments";

export const metadata: Metadata = { title: "My appointments" };

/** ?upcoming=<cursor>&past=…: where each list's page starts (the "Show more" links). */
function cursorFor(search: Record<string, string | string[] | undefined>, name: PatientListName) {
  const value = search[name];
  const parsed = appointmentListQuerySchema.safeParse({ cursor: typeof value === "string" ? value : undefined });
  return parsed.success ? parsed.data.cursor : undefined;
}

export default async function PatientHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("PATIENT", "/patient");
  const search = await searchParams;
  const db = getDb();
  const now = new Date();
  const cursors = Object.fromEntries(PATIENT_LIST_NAMES.map((name) => [name, cursorFor(search, name)]));
  const [profile, { upcoming, past, cancelled }, settings, clearances, record] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, email: true, createdAt: true } }),
    patientAppointmentLists(db, { id: user.id, role: "PATIENT" }, now, cursors),
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
    listRecord(db, user, user.id),
  ]);
  const more = (name: PatientListName, page: { next: { startsAt: Date; id: string } | null }) =>
    page.next ? `/patient?${name}=${encodeCursor(page.next)}#${name}` : undefined;
  const tz = settings.timeZone;

  return (
    <>
      <PageHeader title={`Welcome, ${profile.name}`} lead="Your appointments and your account.">
        <div className="mt-4">
          <ButtonLink href="/book">Book a massage</ButtonLink>
        </div>
      </PageHeader>
      <Section title="Upcoming appointments" id="upcoming">
        <AppointmentList items={upcoming.items} timeZone={tz} viewer="patient" empty="You have no upcoming appointments." moreHref={more("upcoming", upcoming)} />
      </Section>
      <PatientWaitlist db={db} patientId={user.id} timeZone={tz} />
      <Section title="Past appointments" id="past">
        <AppointmentList items={past.items} timeZone={tz} viewer="patient" empty="No past appointments yet." moreHref={more("past", past)} />
      </Section>
      <Section title="Your progress" id="progress">
        <PainProgress patient={user} timeZone={settings.timeZone} />
      </Section>
      <Section title="Cancelled appointments" id="cancelled">
        <AppointmentList items={cancelled.items} timeZone={tz} viewer="patient" empty="Nothing cancelled." moreHref={more("cancelled", cancelled)} />
      </Section>
      <Section title="Your health record" id="health-record">
        <HealthRecordList conditions={record} timeZone={tz} viewer="patient" />
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
                    {clearance.status === "APPROVED" && clearance.validUntil ? `; valid until ${formatDateTime(clearance.validUntil, tz)}` : ""}
                    {clearance.status === "AWAITING_DOCUMENT" || clearance.status === "UNDER_REVIEW"
                      ? `; needed by ${formatDateTime(clearance.holdUntil, tz)}`
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
      <PatientPrivacy db={db} patientId={user.id} timeZone={tz} />
    </>
  );
}
