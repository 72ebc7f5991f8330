import type { Metadata } from "next";
import { CompleteClosureButton } from "@/components/privacy/complete-closure-button";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { listOpenClosureRequests } from "@/lib/privacy/closure";
import { getClinicSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Account closure requests" };

export default async function AccountClosuresPage() {
  await requireRole("ADMIN", "/admin/account-closures");
  const db = getDb();
  const [requests, settings] = await Promise.all([listOpenClosureRequests(db), getClinicSettings(db)]);
  return (
    <>
      <PageHeader
        title="Account closure requests"
        lead="Closing an account removes the patient's login and contact details. Appointments, intakes, clearances and notes are kept as medical records."
      />
      <Section title="Waiting to be completed" id="open">
        {requests.length === 0 ? (
          <EmptyState>No patient is waiting for their account to be closed.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {requests.map((request) => (
              <li key={request.id}>
                <Card className="flex flex-col gap-2">
                  <p className="font-semibold">{request.user.name}</p>
                  <p className="text-sm text-muted">
                    {request.user.email} · asked {formatDateTime(request.requestedAt, settings.timeZone)}
                  </p>
                  <CompleteClosureButton requestId={request.id} name={request.user.name} />
                </Card>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
