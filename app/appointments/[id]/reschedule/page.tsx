import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RescheduleForm } from "@/components/booking/reschedule-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { getAppointment } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Move an appointment" };

export default async function ReschedulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole("PATIENT", `/appointments/${id}/reschedule`);
  const db = getDb();
  const appointment = await getAppointment(db, user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError || (error as { code?: string }).code === "P2023") notFound();
    throw error;
  });
  if (appointment.status !== "HELD" && appointment.status !== "CONFIRMED") notFound();
  const settings = await getClinicSettings(db);
  const duration = (appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000;
  return (
    <>
      <PageHeader
        title="Move your appointment"
        lead={`Now: ${formatDateTime(appointment.startsAt, settings.timeZone)}, ${appointment.massageType.name} with ${appointment.therapist.user.name}. Your current time stays booked until the new one is confirmed.`}
      />
      <Card>
        <RescheduleForm
          appointmentId={appointment.id}
          therapistId={appointment.therapist.id}
          massageType={appointment.massageType.slug}
          duration={duration}
          timeZone={settings.timeZone}
        />
      </Card>
    </>
  );
}
