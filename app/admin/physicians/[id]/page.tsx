import type { Metadata } from "next";
import { resendPhysicianInvitationAction } from "@/app/admin/physicians/actions";
import { BackLink } from "@/components/staff/back-link";
import { InvitationButton } from "@/components/staff/invitation-button";
import { PhysicianEditForm } from "@/components/staff/physician-forms";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader, Section } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { loadOr404 } from "@/lib/staff/pages";
import { getPhysicianForAdmin } from "@/lib/staff/physicians";

export const metadata: Metadata = { title: "Physician" };

const NOTICES: Record<string, string> = {
  created: "Added, and an invitation to set a password is on its way.",
  saved: "Changes saved.",
  invited: "A new invitation is on its way; earlier links no longer work.",
};

export default async function PhysicianPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  await requireRole("ADMIN", `/admin/physicians/${id}`);
  const physician = await loadOr404(id, (physicianId) => getPhysicianForAdmin(getDb(), physicianId));
  const query = await searchParams;
  const shown = Object.keys(NOTICES).find((key) => query[key]);
  return (
    <>
      <BackLink href="/admin/physicians">Physicians</BackLink>
      <PageHeader title={physician.user.name} lead={physician.user.email} />
      <Alert tone="info">{shown ? NOTICES[shown] : undefined}</Alert>
      {!physician.active && physician.openRequests > 0 ? (
        <div className="mt-3">
          <Alert tone="warning">
            {physician.openRequests === 1 ? "One open clearance request is" : `${physician.openRequests} open clearance requests are`} still addressed to this
            physician; they can still decide them.
          </Alert>
        </div>
      ) : null}
      {physician.invitationPending ? (
        <Section title="Invitation" id="invitation">
          <Card className="max-w-xl">
            <p className="mb-3">{physician.user.name} has not set a password yet. The invitation link is valid for 7 days.</p>
            <InvitationButton action={resendPhysicianInvitationAction.bind(null, physician.id)} />
          </Card>
        </Section>
      ) : null}
      <Section title="Directory entry" id="details">
        <Card className="max-w-xl">
          <PhysicianEditForm physicianId={physician.id} values={{ specialty: physician.specialty, licenseNumber: physician.licenseNumber, active: physician.active }} />
        </Card>
      </Section>
    </>
  );
}
