import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HealthRecordList } from "@/components/appointments/health-record";
import { ClearanceUploadForm } from "@/components/clearance/upload-form";
import { DecisionForm } from "@/components/clearance/decision-form";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { listRecord } from "@/lib/appointments";
import { requireRole } from "@/lib/auth/guards";
import { intakeSummary, restrictionWords } from "@/lib/booking/queries";
import { typeInSentence } from "@/lib/catalogue/massage-types";
import { listMassageTypes } from "@/lib/catalogue/queries";
import { addMonths } from "@/lib/clearance/decide";
import { conditionLabels, earlierElsewhereWords, getClearance } from "@/lib/clearance/queries";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { actionContext } from "@/lib/http/context";
import { appointmentStatusLabel, formatDate, formatDateTime, STATUS_LABEL } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";
import { localDateOf } from "@/lib/time/zoned";
import { isUuid } from "@/lib/validation/ids";
import { PAIN_AREA_LABEL, type PainArea } from "@/lib/validation/intake";

export const metadata: Metadata = { title: "Clearance request" };

export default async function ClearanceReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ decided?: string }>;
}) {
  const { id } = await params;
  const user = await requireRole("PHYSICIAN", `/physician/clearances/${id}`);
  if (!isUuid(id)) notFound();
  const db = getDb();
  const { ipAddress } = await actionContext();
  const clearance = await getClearance(db, user, id, { ipAddress }).catch((error: unknown) => {
    if (error instanceof NotFoundError || (error as { code?: string }).code === "P2023") notFound();
    throw error;
  });
  const now = new Date();
  const [settings, massageTypes, upcoming, record] = await Promise.all([
    getClinicSettings(db),
    listMassageTypes(db),
    // The physician deciding sees which of the patient's upcoming appointments an approval would reach.
    db.appointment.findMany({
      where: { patientId: clearance.patient.id, status: { in: ["HELD", "CONFIRMED"] }, startsAt: { gt: now } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: 50,
      select: { id: true, startsAt: true, endsAt: true, massageType: { select: { slug: true, name: true } } },
    }),
    listRecord(db, user, clearance.patient.id),
  ]);
  const tz = settings.timeZone;
  const { decided } = await searchParams;
  const appointment = clearance.appointment;
  const intake = appointment?.intake ? intakeSummary(appointment.intake) : null;
  const open = clearance.status === "AWAITING_DOCUMENT" || clearance.status === "UNDER_REVIEW";
  const defaultValidUntil = localDateOf(addMonths(new Date(), settings.clearanceValidityMonths), tz);

  return (
    <>
      <PageHeader
        title={`Clearance for ${clearance.patient.name}`}
        lead={`${STATUS_LABEL[clearance.status]}${open ? ` · decide before ${formatDateTime(clearance.holdUntil, tz)}` : ""}`}
      />
      {decided ? <Alert tone="info">Your decision is saved and the patient has been told by email.</Alert> : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Patient and conditions" id="patient">
          <Card>
            <DefinitionList
              items={[
                ["Patient", clearance.patient.name],
                ["Age", clearance.patientAge === null ? "Not given" : `${clearance.patientAge} years`],
                ["Declared", conditionLabels(clearance.conditions).map((c) => c.label).join("; ")],
                ...(intake
                  ? ([
                      ["Back pain", `${intake.painOnset === "recent" ? "Recent" : "Chronic"}, ${intake.painLevel} of 10`],
                      ["Where", intake.painAreas.map((area) => PAIN_AREA_LABEL[area as PainArea] ?? area).join(", ")],
                      ...(intake.otherSerious ? [["In their words", intake.otherSerious]] : []),
                      ...(intake.notes ? [["Notes", intake.notes]] : []),
                    ] as Array<[string, string]>)
                  : []),
              ]}
            />
          </Card>
        </Section>

        <Section title="Appointment" id="appointment">
          <Card>
            {appointment ? (
              <DefinitionList
                items={[
                  ["When", formatDateTime(appointment.startsAt, tz)],
                  [
                    "Massage",
                    `${appointment.massageType.name}, ${Math.round((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000)} minutes`,
                  ],
                  ["Therapist", appointment.therapist.user.name],
                  ["Status", appointmentStatusLabel(appointment)],
                ]}
              />
            ) : (
              <EmptyState>No appointment is attached to this request.</EmptyState>
            )}
          </Card>
        </Section>
      </div>

      <Section title="The patient's health record" id="health-record">
        <HealthRecordList conditions={record} timeZone={tz} viewer="staff" returnPath={`/physician/clearances/${clearance.id}`} />
      </Section>

      <Section title="Clearance documents" id="documents">
        {clearance.documents.length === 0 ? (
          <EmptyState>No document yet. The patient has been asked to upload one; you can upload the signed form yourself.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-4">
            {clearance.documents.map((document) => (
              <li key={document.id}>
                <Card>
                  <p className="font-semibold">{document.originalName}</p>
                  <p className="text-sm text-muted">
                    Uploaded by {document.uploadedBy.name}, {formatDateTime(document.createdAt, tz)} · {Math.ceil(document.sizeBytes / 1024)} KB
                  </p>
                  <div className="mt-3 overflow-hidden rounded-lg border border-line bg-sage-50">
                    {document.mimeType === "application/pdf" ? (
                      <iframe src={`/api/v1/documents/${document.id}`} title={`Preview of ${document.originalName}`} className="h-[32rem] w-full" />
                    ) : (
                      // A private document behind an authorised route: a plain img, not next/image.
                      // eslint-disable-next-line @next/next/no-img-element
                      <img src={`/api/v1/documents/${document.id}`} alt={`Clearance document ${document.originalName}`} className="max-h-[32rem] w-full object-contain" />
                    )}
                  </div>
                  <a href={`/api/v1/documents/${document.id}?download=1`} className="mt-2 inline-block text-sage-800 underline underline-offset-4">
                    Download
                  </a>
                </Card>
              </li>
            ))}
          </ul>
        )}
        {open ? (
          <Card className="mt-4">
            <ClearanceUploadForm clearanceId={clearance.id} label="Upload the signed clearance yourself (PDF, JPEG or PNG, at most 10 MB)" />
          </Card>
        ) : null}
      </Section>

      <Section title="Earlier clearances of this patient" id="earlier">
        {clearance.earlierElsewhere > 0 ? <p className="mb-2 text-sm text-muted">{earlierElsewhereWords(clearance.earlierElsewhere)}.</p> : null}
        {clearance.earlier.length === 0 ? (
          <EmptyState>{clearance.earlierElsewhere > 0 ? "None addressed to you." : "None."}</EmptyState>
        ) : (
          <ul className="flex flex-col gap-2">
            {clearance.earlier.map((earlier) => (
              <li key={earlier.id}>
                <Card>
                  <p className="font-medium">
                    {STATUS_LABEL[earlier.status]} by {earlier.physician.user.name}
                    {earlier.decidedAt ? `, ${formatDate(earlier.decidedAt)}` : ""}
                  </p>
                  <p className="text-sm text-muted">{conditionLabels(earlier.conditions).map((c) => c.label).join("; ")}</p>
                  {earlier.restriction ? <p className="text-sm">Restrictions: {restrictionWords(earlier.restriction)}</p> : null}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Decision" id="decision">
        <Card>
          {open ? (
            <DecisionForm
              clearanceId={clearance.id}
              massageTypes={massageTypes.map(({ slug, name }) => ({ slug, name, inSentence: typeInSentence(slug) }))}
              upcoming={upcoming.map((visit) => ({
                id: visit.id,
                when: formatDateTime(visit.startsAt, tz),
                localDate: localDateOf(visit.startsAt, tz),
                massageType: visit.massageType.slug,
                massageTypeName: visit.massageType.name,
                duration: Math.round((visit.endsAt.getTime() - visit.startsAt.getTime()) / 60_000),
              }))}
              defaultValidUntil={defaultValidUntil}
              hasDocument={clearance.documents.length > 0}
            />
          ) : (
            <DefinitionList
              items={[
                ["Decision", STATUS_LABEL[clearance.status] ?? clearance.status],
                ...(clearance.decidedAt ? ([["Decided", formatDateTime(clearance.decidedAt, tz)]] as Array<[string, string]>) : []),
                ...(clearance.restriction ? ([["Restrictions", restrictionWords(clearance.restriction)]] as Array<[string, string]>) : []),
                ...(clearance.validUntil ? ([["Valid until", formatDateTime(clearance.validUntil, tz)]] as Array<[string, string]>) : []),
                ...(clearance.declineReason ? ([["Reason", clearance.declineReason]] as Array<[string, string]>) : []),
              ]}
            />
          )}
        </Card>
      </Section>
      <p className="mt-6">
        <Link href="/physician" className="text-sage-800 underline underline-offset-4">
          Back to the queue
        </Link>
      </p>
    </>
  );
}
