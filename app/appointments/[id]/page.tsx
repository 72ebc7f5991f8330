import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CancelButton } from "@/components/booking/cancel-button";
import { ClearanceUploadForm } from "@/components/clearance/upload-form";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { requireUser } from "@/lib/auth/guards";
import { getAppointment, intakeSummary, restrictionWords } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { formatDateTime, STATUS_LABEL } from "@/lib/format";
import { CONDITION_RULES } from "@/lib/screening/conditions";
import { getClinicSettings } from "@/lib/settings";
import { PAIN_AREA_LABEL, type PainArea } from "@/lib/validation/intake";

export const metadata: Metadata = { title: "Appointment" };

const HEADINGS: Record<string, string> = {
  CONFIRMED: "Your appointment is confirmed",
  HELD: "Your time is held until your physician clears you",
  CANCELLED: "This appointment is cancelled",
  COMPLETED: "This appointment took place",
  NO_SHOW: "This appointment was missed",
};

export default async function AppointmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/appointments/${id}`);
  const db = getDb();
  const appointment = await getAppointment(db, user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError || (error as { code?: string }).code === "P2023") notFound();
    throw error;
  });
  const settings = await getClinicSettings(db);
  const tz = settings.timeZone;
  // Clearance documents are for the patient, the addressed physician and admins: not the therapist.
  const documents =
    appointment.clearance && user.role !== "THERAPIST"
      ? await db.clearanceDocument.findMany({
          where: { clearanceId: appointment.clearance.id },
          orderBy: { createdAt: "asc" },
          select: { id: true, originalName: true, createdAt: true },
        })
      : [];
  const minutes = (appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000;
  const intake = appointment.intake ? intakeSummary(appointment.intake) : null;
  const clearanceFlags = intake?.flags.filter((flag) => CONDITION_RULES.find((rule) => rule.key === flag.key)?.outcome === "clearance") ?? [];
  const isPatient = user.role === "PATIENT";
  const active = appointment.status === "HELD" || appointment.status === "CONFIRMED";
  const changeableOnline =
    active && appointment.startsAt.getTime() - Date.now() >= settings.cancellationNoticeHours * 3_600_000;
  const heading = isPatient ? HEADINGS[appointment.status] : `${appointment.massageType.name} for ${appointment.patient.name}`;

  return (
    <>
      <PageHeader title={heading ?? "Appointment"} lead={STATUS_LABEL[appointment.status]} />
      <Card>
        <DefinitionList
          items={[
            ["When", formatDateTime(appointment.startsAt, tz)],
            ["Massage", `${appointment.massageType.name}, ${minutes} minutes`],
            ["Therapist", appointment.therapist.user.name],
            ...(isPatient ? [] : ([["Patient", appointment.patient.name]] as Array<[string, string]>)),
            ...(appointment.cancelReason ? ([["Reason", appointment.cancelReason]] as Array<[string, string]>) : []),
          ]}
        />
      </Card>

      {appointment.status === "HELD" && appointment.clearance ? (
        <Section title="Why your time is held, and what to do" id="clearance">
          <Card>
            <p>
              You told us about{" "}
              <strong>{clearanceFlags.map((flag) => flag.label.toLowerCase()).join(", ") || "a serious medical condition"}</strong>.
              The clinic&apos;s rule is that massage with this condition needs your physician&apos;s clearance first.
            </p>
            <ol className="mt-3 list-decimal space-y-2 pl-5">
              <li>
                Ask <strong>{appointment.clearance.physician.user.name}</strong> for a signed clearance for massage therapy.
              </li>
              <li>Upload the signed clearance here (PDF or photo), or your physician uploads it.</li>
              <li>Once your physician approves it, your appointment is confirmed and we send you an email.</li>
            </ol>
            <p className="mt-3 font-medium">
              We keep this time for you until {formatDateTime(appointment.clearance.holdUntil, tz)}. Without an approved clearance
              by then, the time is released.
            </p>
            <p className="mt-2 text-sm text-muted">Clearance status: {STATUS_LABEL[appointment.clearance.status]}</p>
            {documents.length ? (
              <div className="mt-4">
                <h3 className="font-semibold">Uploaded documents</h3>
                <ul className="mt-1 list-disc pl-5">
                  {documents.map((document) => (
                    <li key={document.id}>
                      <a href={`/api/v1/documents/${document.id}`} className="text-sage-800 underline underline-offset-4">
                        {document.originalName}
                      </a>{" "}
                      <span className="text-sm text-muted">({formatDateTime(document.createdAt, tz)})</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {isPatient ? (
              <div className="mt-4 border-t border-line pt-4">
                <ClearanceUploadForm clearanceId={appointment.clearance.id} />
              </div>
            ) : null}
          </Card>
        </Section>
      ) : null}

      {appointment.restriction ? (
        <Section title="Physician's restrictions" id="restrictions">
          <Card>
            <p className="font-medium text-clay-700">{restrictionWords(appointment.restriction)}</p>
          </Card>
        </Section>
      ) : null}

      {intake ? (
        <Section title={isPatient ? "Your health answers" : "Health intake"} id="intake">
          <Card>
            <DefinitionList
              items={[
                ["Pain", `${intake.painOnset === "recent" ? "Recent" : "Chronic"}, level ${intake.painLevel} of 10`],
                ["Where", intake.painAreas.map((area) => PAIN_AREA_LABEL[area as PainArea] ?? area).join(", ")],
                ["Flags", intake.flags.length ? intake.flags.map((flag) => flag.label).join("; ") : "None"],
                ...(intake.otherSerious ? ([["Other condition", intake.otherSerious]] as Array<[string, string]>) : []),
                ...(intake.notes ? ([["Notes", intake.notes]] as Array<[string, string]>) : []),
              ]}
            />
          </Card>
        </Section>
      ) : null}

      {isPatient && active ? (
        <Section title="Change or cancel" id="change">
          {changeableOnline ? (
            <div className="flex flex-wrap items-start gap-3">
              <ButtonLink href={`/appointments/${appointment.id}/reschedule`} variant="secondary">
                Move to another time
              </ButtonLink>
              <CancelButton appointmentId={appointment.id} />
            </div>
          ) : (
            <p className="text-muted">
              Less than {settings.cancellationNoticeHours} hours to go: to change or cancel, please call the clinic.
            </p>
          )}
        </Section>
      ) : null}

      <div className="mt-8">
        <ButtonLink href={isPatient ? "/patient" : "/home"} variant="quiet">
          Back to my page
        </ButtonLink>
      </div>
    </>
  );
}
