import type { Metadata } from "next";
import { BackLink } from "@/components/staff/back-link";
import { PhysicianCreateForm } from "@/components/staff/physician-forms";
import { Card, PageHeader } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Add a physician" };

export default async function NewPhysicianPage() {
  await requireRole("ADMIN", "/admin/physicians/new");
  return (
    <>
      <BackLink href="/admin/physicians">Physicians</BackLink>
      <PageHeader title="Add a physician" lead="They receive a mail with a link to set their own password (valid for 7 days), then review the clearance requests patients address to them." />
      <Card className="max-w-xl">
        <PhysicianCreateForm />
      </Card>
    </>
  );
}
