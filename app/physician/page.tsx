import type { Metadata } from "next";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { formatDateTime, STATUS_LABEL } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Clearance requests" };

export default async function PhysicianHome() {
  const user = await requireRole("PHYSICIAN", "/physician");
  const db = getDb();
  const [physician, settings] = await Promise.all([
    db.physician.findUnique({
      where: { userId: user.id },
      select: {
        specialty: true,
        licenseNumber: true,
        clearanceRequests: {
          where: { status: { in: ["AWAITING_DOCUMENT", "UNDER_REVIEW"] } },
          orderBy: { holdUntil: "asc" },
          select: { id: true, status: true, holdUntil: true, patient: { select: { name: true } } },
        },
      },
    }),
    getClinicSettings(db),
  ]);

  if (!physician) {
    return (
      <>
        <PageHeader title={`Welcome, ${user.name}`} />
        <EmptyState>Your physician profile has not been set up yet. Please ask the clinic.</EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} lead="Clearance requests from patients who named you as their physician." />
      <Section title="Open clearance requests" id="queue">
        {physician.clearanceRequests.length === 0 ? (
          <EmptyState>No clearance requests are waiting for you.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {physician.clearanceRequests.map((request) => (
              <li key={request.id}>
                <Card>
                  <p className="font-semibold">{request.patient.name}</p>
                  <p className="text-sm">{STATUS_LABEL[request.status]}</p>
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
              ["Specialty", physician.specialty || "Not set"],
              ["Licence number", physician.licenseNumber || "Not set"],
            ]}
          />
        </Card>
      </Section>
    </>
  );
}
