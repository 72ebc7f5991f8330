import type { Metadata } from "next";
import { BackLink } from "@/components/staff/back-link";
import { HoursForm } from "@/components/staff/hours-form";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getClinicSettings } from "@/lib/settings";
import { loadOr404 } from "@/lib/staff/pages";
import { getTherapistForAdmin } from "@/lib/staff/therapists";

export const metadata: Metadata = { title: "Weekly hours" };

export default async function TherapistHoursPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const { id } = await params;
  await requireRole("ADMIN", `/admin/therapists/${id}/hours`);
  const db = getDb();
  const [therapist, settings] = await Promise.all([loadOr404(id, (therapistId) => getTherapistForAdmin(db, therapistId)), getClinicSettings(db)]);
  const { created } = await searchParams;
  return (
    <>
      <BackLink href={`/admin/therapists/${therapist.id}`}>{therapist.user.name}</BackLink>
      <PageHeader title={`Weekly hours: ${therapist.user.name}`} lead={`The shifts patients can book, every week, in the clinic's time zone (${settings.timeZone}).`} />
      <Alert tone="info">
        {created ? `${therapist.user.name} is added, and an invitation to set a password is on its way to ${therapist.user.email}. Now set their weekly hours.` : undefined}
      </Alert>
      <Card className="mt-3 max-w-3xl">
        <HoursForm therapistId={therapist.id} shifts={therapist.hours} gridMinutes={settings.slotGridMinutes} />
      </Card>
    </>
  );
}
