import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/calendar/action-form";
import { Input, inputClass } from "@/components/calendar/fields";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { requireRole } from "@/lib/auth/guards";
import { getAppointment } from "@/lib/booking/queries";
import { isoToLocalInput } from "@/lib/calendar/form-input";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { appointmentStatusLabel, formatDateTime } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";
import { isUuid } from "@/lib/validation/ids";
import { cancelForPatientAction, moveForPatientAction } from "./actions";

export const metadata: Metadata = { title: "Appointment" };

export default async function ClinicAppointmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const { id } = await params;
  const user = await requireRole("ADMIN", `/admin/appointments/${id}`);
  if (!isUuid(id)) notFound();
  const db = getDb();
  const settings = await getClinicSettings(db);
  const appointment = await getAppointment(db, user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { done } = await searchParams;
  const tz = settings.timeZone;
  const minutes = Math.round((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000);
  const changeable = (appointment.status === "HELD" || appointment.status === "CONFIRMED") && appointment.startsAt > new Date();

  return (
    <>
      <PageHeader title={`${appointment.patient.name}, ${formatDateTime(appointment.startsAt, tz)}`} lead={<Link className="underline underline-offset-4" href="/admin/appointments">All appointments</Link>} />
      {done === "moved" ? <Alert tone="info">Moved. The patient has been mailed the new time.</Alert> : null}
      {done === "cancelled" && appointment.status === "CANCELLED" ? (
        <Alert tone="info">Cancelled. The patient has been mailed the reason, and the time is free again.</Alert>
      ) : null}
      <Card className="mt-4">
        <DefinitionList
          items={[
            ["Patient", appointment.patient.name],
            ["Therapist", appointment.therapist.user.name],
            ["Massage", `${appointment.massageType.name}, ${minutes} minutes`],
            ["When", `${formatDateTime(appointment.startsAt, tz)} – ${formatDateTime(appointment.endsAt, tz)}`],
            ["Status", appointmentStatusLabel(appointment)],
            ...(appointment.cancelReason ? ([["Reason", appointment.cancelReason]] as Array<[string, string]>) : []),
            ...(appointment.rescheduledFrom ? ([["Moved from", formatDateTime(appointment.rescheduledFrom.startsAt, tz)]] as Array<[string, string]>) : []),
          ]}
        />
        {appointment.rescheduledTo ? (
          <p className="mt-3">
            Moved to{" "}
            <Link className="font-semibold underline underline-offset-4" href={`/admin/appointments/${appointment.rescheduledTo.id}`}>
              {formatDateTime(appointment.rescheduledTo.startsAt, tz)}
            </Link>
          </p>
        ) : null}
      </Card>
      {changeable ? (
        <div className="grid gap-4 md:grid-cols-2">
          <Section title="Move for the patient" id="move">
            <Card>
              <ActionForm action={moveForPatientAction.bind(null, appointment.id)} submit="Move appointment" pending="Moving…" label="Move for the patient" fieldLabels={{ start: "New time", reason: "Reason" }}>
                <Input id="move-start" name="start" label="New time" type="datetime-local" required defaultValue={isoToLocalInput(appointment.startsAt, tz)} hint={`Same therapist, massage and length; clinic time (${tz}).`} />
                <Input id="move-reason" name="reason" label="Reason" required maxLength={200} hint="Kept in the audit log." />
              </ActionForm>
            </Card>
          </Section>
          <Section title="Cancel for the patient" id="cancel">
            <Card>
              <ActionForm action={cancelForPatientAction.bind(null, appointment.id)} submit="Cancel appointment" pending="Cancelling…" variant="secondary" label="Cancel for the patient" fieldLabels={{ reason: "Reason" }}>
                <div className="flex flex-col gap-1">
                  <label htmlFor="cancel-reason" className="font-semibold">
                    Reason
                  </label>
                  <textarea id="cancel-reason" name="reason" required maxLength={200} rows={3} aria-describedby="cancel-reason-hint" className={inputClass} />
                  <p id="cancel-reason-hint" className="text-sm text-muted">
                    The patient reads this in the cancellation mail.
                  </p>
                </div>
              </ActionForm>
            </Card>
          </Section>
        </div>
      ) : null}
    </>
  );
}
