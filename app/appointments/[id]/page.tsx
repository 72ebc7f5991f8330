import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HealthRecordList } from "@/components/appointments/health-record";
import { CancelButton } from "@/components/booking/cancel-button";
import { CallTheClinic } from "@/components/layout/clinic-contact";
import { ClearanceUploadForm } from "@/components/clearance/upload-form";
import { HealthCheckSection } from "@/components/health-check/health-check-section";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { listRecord } from "@/lib/appointments";
import { freeToCancelUntil, patientMayChange } from "@/lib/appointments/deadlines";
import { requireUser } from "@/lib/auth/guards";
import { getAppointment, intakeSummary, restrictionWords } from "@/lib/booking/queries";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { appointmentStatusLabel, formatDateTime, STATUS_LABEL } from "@/lib/format";
import { conditionLabels } from "@/lib/clearance/queries";
import { conditionWords, isSeriousConditionKey } from "@/lib/screening/conditions";
import { getClinicSettings } from "@/lib/settings";
import { isUuid } from "@/lib/validation/ids";
import { PAIN_AREA_LABEL, type PainArea } from "@/lib/validation/intake";

export const metadata: Metadata = { title: "Appointment" };

/** "diabetes and epilepsy": what a clearance request asks a physician to clear, in the patient's words. */
function clearanceWords(clearance: { conditions: string[]; otherSerious: string[] }): string {
  const words = clearance.conditions.flatMap((key) =>
    key === "otherSerious" && clearance.otherSerious.length
      ? clearance.otherSerious
      : isSeriousConditionKey(key)
        ? [conditionWords(key)]
        : [key],
  );
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : (words[0] ?? "a serious medical condition");
}

function patientHeading(status: string, holdReason: string | null): string {
  switch (status) {
    case "CONFIRMED":
      return "Your appointment is confirmed";
    case "HELD":
      return holdReason === "restrictions" ? "Your time is held: this booking needs a change" : "Your time is held until your physician clears you";
    case "CANCELLED":
      return "This appointment is cancelled";
    case "COMPLETED":
      return "This appointment took place";
    default:
      return "This appointment was missed";
  }
}

export default async function AppointmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/appointments/${id}`);
  if (!isUuid(id)) notFound();
  const db = getDb();
  const appointment = await getAppointment(db, user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const settings = await getClinicSettings(db);
  const tz = settings.timeZone;
  const open = appointment.clearance && (appointment.clearance.status === "AWAITING_DOCUMENT" || appointment.clearance.status === "UNDER_REVIEW");
  // Clearance documents are for the patient, the addressed physician and admins: not the therapist.
  const [documents, record] = await Promise.all([
    appointment.clearance && user.role !== "THERAPIST"
      ? db.clearanceDocument.findMany({
          where: { clearanceId: appointment.clearance.id },
          orderBy: { createdAt: "asc" },
          select: { id: true, originalName: true, createdAt: true },
        })
      : Promise.resolve([]),
    user.role === "ADMIN" ? listRecord(db, user, appointment.patient.id) : Promise.resolve([]),
  ]);
  const minutes = (appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000;
  const intake = appointment.intake ? intakeSummary(appointment.intake) : null;
  const isPatient = user.role === "PATIENT";
  const mayChange = isPatient || user.role === "ADMIN";
  const active = appointment.status === "HELD" || appointment.status === "CONFIRMED";
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request: this is the request's time
  const now = Date.now();
  const beforeNotice = patientMayChange(appointment.startsAt, new Date(now), settings);
  const started = appointment.startsAt.getTime() <= now;
  const restrictions = appointment.restrictions.map(({ restriction }) => restriction);
  const heading = isPatient
    ? patientHeading(appointment.status, appointment.holdReason)
    : `${appointment.massageType.name} for ${appointment.patient.name}`;

  return (
    <>
      <PageHeader title={heading} lead={appointmentStatusLabel(appointment)} />
      {appointment.rescheduledTo ? (
        <p className="mb-4 rounded-xl border border-sage-700/30 bg-sage-50 p-3">
          This appointment was moved to{" "}
          <Link href={`/appointments/${appointment.rescheduledTo.id}`} className="font-semibold text-sage-800 underline underline-offset-4">
            {formatDateTime(appointment.rescheduledTo.startsAt, tz)}
          </Link>
          .
        </p>
      ) : null}
      <Card>
        <DefinitionList
          items={[
            ["When", formatDateTime(appointment.startsAt, tz)],
            ["Massage", `${appointment.massageType.name}, ${minutes} minutes`],
            ["Therapist", appointment.therapist.user.name],
            ...(isPatient ? [] : ([["Patient", appointment.patient.name]] as Array<[string, string]>)),
            ...(appointment.rescheduledFrom
              ? ([["Moved from", `${appointment.rescheduledFrom.massageType.name}, ${formatDateTime(appointment.rescheduledFrom.startsAt, tz)}`]] as Array<[string, string]>)
              : []),
            ...(appointment.cancelReason ? ([["Reason", appointment.cancelReason]] as Array<[string, string]>) : []),
          ]}
        />
      </Card>

      <HealthCheckSection user={user} appointment={appointment} settings={settings} now={new Date(now)} />

      {appointment.status === "HELD" && appointment.holdReason === "restrictions" ? (
        <Section title="What to change" id="needs-change">
          <Card>
            <p>
              {restrictions.map((r) => r.physician.user.name).filter((name, index, all) => all.indexOf(name) === index).join(" and ")} approved
              massage with restrictions that this booking does not fit:
            </p>
            <ul className="mt-2 list-disc pl-5 font-medium text-clay-700">
              {restrictions.map((restriction) => (
                <li key={restriction.id}>{restrictionWords(restriction)}</li>
              ))}
            </ul>
            <p className="mt-3">
              Change the massage type or the length to one that fits, at the same time: it is then confirmed at once. We keep this time
              for you until {appointment.heldUntil ? formatDateTime(appointment.heldUntil, tz) : "the hold ends"}.
            </p>
            {mayChange ? (
              <div className="mt-4">
                <ButtonLink href={`/appointments/${appointment.id}/change?what=type`}>Change massage type or length</ButtonLink>
              </div>
            ) : null}
          </Card>
        </Section>
      ) : null}

      {appointment.status === "HELD" && open && appointment.clearance ? (
        <Section title="Why your time is held, and what to do" id="clearance">
          <Card>
            <p>
              {isPatient ? "You told us about " : "The patient told us about "}
              <strong>{clearanceWords(appointment.clearance)}</strong>. The clinic&apos;s rule is that massage with this condition needs a
              physician&apos;s clearance first.
            </p>
            <ol className="mt-3 list-decimal space-y-2 pl-5">
              <li>
                Ask <strong>{appointment.clearance.physician.user.name}</strong> for a signed clearance for massage therapy.
              </li>
              <li>Upload the signed clearance here (PDF or photo), or your physician uploads it.</li>
              <li>Once your physician approves it, your appointment is confirmed and we send you an email.</li>
            </ol>
            <p className="mt-3 font-medium">
              We keep this time for you until {formatDateTime(appointment.clearance.holdUntil, tz)}. Without an approved clearance by then,
              the time is released.
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

      {restrictions.length ? (
        <Section title="Physician's restrictions" id="restrictions">
          <Card>
            <ul className="flex flex-col gap-2">
              {restrictions.map((restriction) => (
                <li key={restriction.id} className="font-medium text-clay-700">
                  {restrictionWords(restriction)} <span className="text-sm font-normal text-muted">({restriction.physician.user.name})</span>
                </li>
              ))}
            </ul>
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
                ["Flags", intake.flags.length ? conditionLabels(intake.flags.map((flag) => flag.key)).map((flag) => flag.label).join("; ") : "None"],
                ...(intake.otherSerious ? ([["Other condition", intake.otherSerious]] as Array<[string, string]>) : []),
                ...(intake.notes ? ([["Notes", intake.notes]] as Array<[string, string]>) : []),
              ]}
            />
          </Card>
        </Section>
      ) : null}

      {user.role === "ADMIN" ? (
        <Section title="Patient's health record" id="health-record">
          <HealthRecordList conditions={record} timeZone={tz} viewer="staff" returnPath={`/appointments/${appointment.id}`} />
        </Section>
      ) : null}

      {mayChange && active && !started ? (
        <Section title="Change or cancel" id="change">
          <div className="flex flex-wrap items-start gap-3">
            {beforeNotice || user.role === "ADMIN" ? (
              <ButtonLink href={`/appointments/${appointment.id}/change`} variant="secondary">
                Move to another time
              </ButtonLink>
            ) : null}
            <ButtonLink href={`/appointments/${appointment.id}/change?what=type`} variant="secondary">
              Change massage type or length
            </ButtonLink>
            {beforeNotice || user.role === "ADMIN" ? <CancelButton appointmentId={appointment.id} /> : null}
          </div>
          {isPatient ? (
            <p className="mt-3 text-muted">
              {beforeNotice ? (
                <>
                  You are {freeToCancelUntil(appointment.startsAt, settings)}. After that, <CallTheClinic clinic={settings} />.
                </>
              ) : (
                <>
                  Less than {settings.cancellationNoticeHours} hours to go: to move or cancel, <CallTheClinic clinic={settings} />.
                </>
              )}
            </p>
          ) : null}
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
