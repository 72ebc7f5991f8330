import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/staff/back-link";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { isCertifiedOn } from "@/lib/catalogue/queries";
import { getDb } from "@/lib/db";
import { formatDate } from "@/lib/format";
import { listTherapistsForAdmin } from "@/lib/staff/therapists";

export const metadata: Metadata = { title: "Therapists" };

export default async function TherapistsPage() {
  await requireRole("ADMIN", "/admin/therapists");
  const now = new Date();
  const therapists = await listTherapistsForAdmin(getDb());
  return (
    <>
      <BackLink href="/admin">Clinic administration</BackLink>
      <PageHeader title="Therapists" lead="Who patients can book: active, certified, with weekly hours.">
        <div className="mt-4">
          <ButtonLink href="/admin/therapists/new">Add a therapist</ButtonLink>
        </div>
      </PageHeader>
      {therapists.length === 0 ? (
        <EmptyState>No therapists yet. Add the first one: they get an invitation mail to set their password.</EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {therapists.map((therapist) => {
            const expired = !isCertifiedOn(therapist.certificationExpiry, now);
            const status = !therapist.active ? "Inactive" : expired ? "Not bookable: certification expired" : therapist._count.workingHours === 0 ? "Not bookable: no weekly hours" : "Bookable";
            return (
              <li key={therapist.id} className="rounded-2xl border border-line bg-card p-4 shadow-sm">
                <p className="font-semibold">
                  <Link href={`/admin/therapists/${therapist.id}`} className="text-sage-800 underline underline-offset-4">
                    {therapist.user.name}
                  </Link>
                </p>
                <p className="text-sm text-muted">{therapist.user.email}</p>
                <p className="mt-2 text-sm">
                  {therapist.certificationNumber}, valid until {formatDate(therapist.certificationExpiry)}
                </p>
                <p className="text-sm">
                  {therapist.massageTypes
                    .map((offered) => offered.massageType)
                    .toSorted((a, b) => a.sortOrder - b.sortOrder)
                    .map((type) => type.name)
                    .join(", ")}
                </p>
                <p className={`mt-2 text-sm font-semibold ${status === "Bookable" ? "text-sage-800" : "text-danger-700"}`}>{status}</p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
