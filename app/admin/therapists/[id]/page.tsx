import type { Metadata } from "next";
import { resendTherapistInvitationAction } from "@/app/admin/therapists/actions";
import { BackLink } from "@/components/staff/back-link";
import { InvitationButton } from "@/components/staff/invitation-button";
import { TherapistEditForm } from "@/components/staff/therapist-edit-form";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import type { MassageTypeSlug } from "@/lib/catalogue/massage-types";
import { isCertifiedOn } from "@/lib/catalogue/queries";
import { getDb } from "@/lib/db";
import { weekdayName } from "@/lib/format";
import { loadOr404, massageTypeOptions } from "@/lib/staff/pages";
import { getTherapistForAdmin } from "@/lib/staff/therapists";

export const metadata: Metadata = { title: "Therapist" };

const NOTICES: Record<string, string> = {
  saved: "Changes saved.",
  hours: "Weekly hours saved.",
  invited: "A new invitation is on its way; earlier links no longer work.",
};

export default async function TherapistPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  await requireRole("ADMIN", `/admin/therapists/${id}`);
  const db = getDb();
  const therapist = await loadOr404(id, (therapistId) => getTherapistForAdmin(db, therapistId));
  const massageTypes = await massageTypeOptions(db);
  const query = await searchParams;
  const shown = Object.keys(NOTICES).find((key) => query[key]);
  const expired = !isCertifiedOn(therapist.certificationExpiry);
  return (
    <>
      <BackLink href="/admin/therapists">Therapists</BackLink>
      <PageHeader title={therapist.user.name} lead={therapist.user.email} />
      <Alert tone="info">{shown ? NOTICES[shown] : undefined}</Alert>
      {expired ? (
        <div className="mt-3">
          <Alert tone="warning">The certification has expired: patients cannot book this therapist until it is renewed here.</Alert>
        </div>
      ) : null}
      {therapist.invitationPending ? (
        <Section title="Invitation" id="invitation">
          <Card className="max-w-xl">
            <p className="mb-3">{therapist.user.name} has not set a password yet. The invitation link is valid for 7 days.</p>
            <InvitationButton action={resendTherapistInvitationAction.bind(null, therapist.id)} />
          </Card>
        </Section>
      ) : null}
      <Section title="Weekly hours" id="hours">
        <Card className="max-w-xl">
          {therapist.hours.length === 0 ? (
            <EmptyState>No weekly hours: patients cannot book this therapist yet.</EmptyState>
          ) : (
            <ul className="mb-3 flex flex-col gap-1">
              {therapist.hours.map((shift) => (
                <li key={`${shift.weekday}-${shift.start}`}>
                  <span className="font-semibold">{weekdayName(shift.weekday)}</span> {shift.start}–{shift.end}
                </li>
              ))}
            </ul>
          )}
          <div className="mt-3">
            <ButtonLink variant="secondary" href={`/admin/therapists/${therapist.id}/hours`}>
              Set weekly hours
            </ButtonLink>
          </div>
        </Card>
      </Section>
      <Section title="Certification and services" id="details">
        <Card className="max-w-xl">
          <TherapistEditForm
            therapistId={therapist.id}
            massageTypes={massageTypes}
            values={{
              certificationNumber: therapist.certificationNumber,
              certificationExpiresOn: therapist.certificationExpiresOn,
              massageTypes: therapist.massageTypes as MassageTypeSlug[],
              bio: therapist.bio,
              active: therapist.active,
              bufferMinutes: therapist.bufferMinutes,
            }}
          />
        </Card>
      </Section>
    </>
  );
}
