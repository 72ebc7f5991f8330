import type { Metadata } from "next";
import { BackLink } from "@/components/staff/back-link";
import { TherapistCreateForm } from "@/components/staff/therapist-create-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { massageTypeOptions } from "@/lib/staff/pages";

export const metadata: Metadata = { title: "Add a therapist" };

export default async function NewTherapistPage() {
  await requireRole("ADMIN", "/admin/therapists/new");
  const massageTypes = await massageTypeOptions(getDb());
  return (
    <>
      <BackLink href="/admin/therapists">Therapists</BackLink>
      <PageHeader title="Add a therapist" lead="They receive a mail with a link to set their own password (valid for 7 days). Next you set their weekly hours." />
      <Card className="max-w-xl">
        <TherapistCreateForm massageTypes={massageTypes} />
      </Card>
    </>
  );
}
