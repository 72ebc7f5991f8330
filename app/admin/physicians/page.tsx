import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/staff/back-link";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { listPhysiciansForAdmin } from "@/lib/staff/physicians";

export const metadata: Metadata = { title: "Physicians" };

export default async function PhysiciansPage() {
  await requireRole("ADMIN", "/admin/physicians");
  const physicians = await listPhysiciansForAdmin(getDb());
  return (
    <>
      <BackLink href="/admin">Clinic administration</BackLink>
      <PageHeader title="Physicians" lead="The directory patients choose from when a booking needs a physician's clearance.">
        <div className="mt-4">
          <ButtonLink href="/admin/physicians/new">Add a physician</ButtonLink>
        </div>
      </PageHeader>
      {physicians.length === 0 ? (
        <EmptyState>No physicians yet. Bookings that need a clearance cannot be made until one is added.</EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {physicians.map((physician) => (
            <li key={physician.id} className="rounded-2xl border border-line bg-card p-4 shadow-sm">
              <p className="font-semibold">
                <Link href={`/admin/physicians/${physician.id}`} className="text-sage-800 underline underline-offset-4">
                  {physician.user.name}
                </Link>
              </p>
              <p className="text-sm text-muted">{physician.user.email}</p>
              <p className="mt-2 text-sm">{[physician.specialty || "No specialty given", physician.licenseNumber].filter(Boolean).join(" · ")}</p>
              <p className={`mt-2 text-sm font-semibold ${physician.active ? "text-sage-800" : "text-danger-700"}`}>{physician.active ? "In the directory" : "Inactive"}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
