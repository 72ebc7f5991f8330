import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChangeForm } from "@/components/booking/change-form";
import { CallTheClinic } from "@/components/layout/clinic-contact";
import { Card, PageHeader } from "@/components/ui/card";
import { loadPatientCoverage } from "@/lib/appointments/context";
import { patientMayChange } from "@/lib/appointments/deadlines";
import { strictestLimits } from "@/lib/appointments/coverage";
import { requireRole } from "@/lib/auth/guards";
import { getAppointment } from "@/lib/booking/queries";
import { listMassageTypes } from "@/lib/catalogue/queries";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";
import { isUuid } from "@/lib/validation/ids";

export const metadata: Metadata = { title: "Change an appointment" };

export default async function ChangePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ what?: string }> }) {
  const { id } = await params;
  const { what } = await searchParams;
  const user = await requireRole(["PATIENT", "ADMIN"], `/appointments/${id}/change`);
  if (!isUuid(id)) notFound();
  const db = getDb();
  const appointment = await getAppointment(db, user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  if (appointment.status !== "HELD" && appointment.status !== "CONFIRMED") notFound();
  const now = new Date();
  const [settings, types, therapist, coverage] = await Promise.all([
    getClinicSettings(db),
    listMassageTypes(db),
    db.therapist.findUniqueOrThrow({ where: { id: appointment.therapist.id }, select: { massageTypes: { select: { massageTypeSlug: true } } } }),
    loadPatientCoverage(db, appointment.patient.id, now),
  ]);
  // What this therapist offers and, at this time, the physician's restrictions allow (the server checks again at the new time).
  const limits = strictestLimits(coverage.restrictions, appointment.startsAt);
  const offered = new Set(therapist.massageTypes.map((entry) => entry.massageTypeSlug));
  const massageTypes = types
    .filter((type) => offered.has(type.slug) && !limits.excludedMassageTypes.includes(type.slug))
    .map((type) => ({ ...type, durations: type.durations.filter((minutes) => limits.maxDurationMinutes === null || minutes <= limits.maxDurationMinutes) }))
    .filter((type) => type.durations.length > 0);
  const duration = (appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000;
  const beforeNotice = patientMayChange(appointment.startsAt, now, settings);
  const canMoveTime = user.role === "ADMIN" || beforeNotice;
  const startWords = formatDateTime(appointment.startsAt, settings.timeZone);
  return (
    <>
      <PageHeader
        title="Change your appointment"
        lead={`Now: ${startWords}, ${appointment.massageType.name}, ${duration} minutes with ${appointment.therapist.user.name}. It stays booked as it is until the change is saved.`}
      />
      <Card>
        <ChangeForm
          appointmentId={appointment.id}
          therapistId={appointment.therapist.id}
          current={{ massageType: appointment.massageType.slug, duration, start: appointment.startsAt.toISOString(), startWords }}
          massageTypes={massageTypes}
          canKeepTime
          canMoveTime={canMoveTime}
          timeZone={settings.timeZone}
          days={settings.bookingHorizonDays}
          focus={what === "type" ? "type" : "time"}
        />
        {!canMoveTime ? (
          <p className="mt-4 text-sm text-muted">
            Less than {settings.cancellationNoticeHours} hours to go: to change the time, <CallTheClinic clinic={settings} />. The
            massage type and length can still be changed here.
          </p>
        ) : null}
      </Card>
    </>
  );
}
