import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { requireRole } from "@/lib/auth/guards";
import { conditionLabels, listClearanceQueue } from "@/lib/clearance/queries";
import { getDb } from "@/lib/db";
import { formatDateTime, STATUS_LABEL } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Clearance requests" };

const COUNT_LABELS: Array<[string, string]> = [
  ["awaiting_document", "Waiting for a document"],
  ["under_review", "Ready to review"],
  ["approved", "Approved"],
  ["declined", "Declined"],
  ["expired", "Expired"],
];

export default async function PhysicianHome() {
  const user = await requireRole("PHYSICIAN", "/physician");
  const db = getDb();
  const [physician, queue, settings] = await Promise.all([
    db.physician.findUnique({ where: { userId: user.id }, select: { specialty: true, licenseNumber: true } }),
    listClearanceQueue(db, user, { status: "open" }),
    getClinicSettings(db),
  ]);

  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} lead="Clearance requests from patients who named you as their physician, soonest appointment first." />
      <Section title="Your requests at a glance" id="counts">
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-5">
          {COUNT_LABELS.map(([key, label]) => (
            <li key={key} className="rounded-xl border border-line bg-white p-3 text-center">
              <span className="block text-2xl font-bold text-sage-800">{queue.counts[key as keyof typeof queue.counts]}</span>
              <span className="text-sm text-muted">{label}</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Open clearance requests" id="queue">
        {queue.items.length === 0 ? (
          <EmptyState>No clearance requests are waiting for you.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {queue.items.map((request) => (
              <li key={request.id}>
                <Card>
                  <Link href={`/physician/clearances/${request.id}`} className="font-semibold text-sage-800 underline underline-offset-4">
                    {request.patient.name}
                  </Link>
                  <p className="text-sm">{conditionLabels(request.conditions).map((c) => c.label).join("; ")}</p>
                  <p className="text-sm">
                    {STATUS_LABEL[request.status]} · {request._count.documents} document{request._count.documents === 1 ? "" : "s"}
                  </p>
                  {request.appointment ? (
                    <p className="text-sm text-muted">Appointment {formatDateTime(request.appointment.startsAt, settings.timeZone)}</p>
                  ) : null}
                  <p className="text-sm text-muted">Decide before {formatDateTime(request.holdUntil, settings.timeZone)}</p>
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
              ["Name", user.name],
              ["Email", user.email],
              ["Specialty", physician?.specialty || "Not set"],
              ["Licence number", physician?.licenseNumber || "Not set"],
            ]}
          />
        </Card>
      </Section>
    </>
  );
}
