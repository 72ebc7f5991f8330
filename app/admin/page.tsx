import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { requireRole } from "@/lib/auth/guards";
import { isCertifiedOn } from "@/lib/catalogue/queries";
import { getDb } from "@/lib/db";
import { formatDate } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";
import { CertificationNotices, STAFF_LINKS } from "@/components/staff/admin-home";
import { certificationNotices } from "@/lib/staff/certification";

export const metadata: Metadata = { title: "Clinic administration" };

export default async function AdminHome() {
  await requireRole("ADMIN", "/admin");
  const db = getDb();
  const now = new Date();
  const [certifications, therapists, physicians, settings] = await Promise.all([
    certificationNotices(db, now),
    db.therapist.findMany({
      orderBy: { user: { name: "asc" } },
      select: {
        id: true,
        certificationNumber: true,
        certificationExpiry: true,
        active: true,
        user: { select: { name: true, email: true } },
        massageTypes: { select: { massageType: { select: { name: true, sortOrder: true } } } },
      },
    }),
    db.physician.findMany({
      orderBy: { user: { name: "asc" } },
      select: { id: true, specialty: true, active: true, user: { select: { name: true, email: true } } },
    }),
    getClinicSettings(db),
  ]);

  return (
    <>
      <PageHeader title="Clinic administration" lead="Therapists, physicians and the clinic's settings." />
      <nav aria-label="Administration" className="mb-2">
        <ul className="flex flex-wrap gap-3">
          {STAFF_LINKS.map(([href, label]) => (
            <li key={href}>
              <ButtonLink variant="secondary" href={href}>
                {label}
              </ButtonLink>
            </li>
          ))}
          <li>
            <ButtonLink variant="secondary" href="/admin/appointments">
              All appointments
            </ButtonLink>
          </li>
          <li>
            <ButtonLink variant="secondary" href="/admin/closures">
              Closures
            </ButtonLink>
          </li>
          <li>
            <ButtonLink variant="secondary" href="/admin/time-off">
              Time off
            </ButtonLink>
          </li>
          <li>
            <ButtonLink variant="secondary" href="/admin/services">
              Services
            </ButtonLink>
          </li>
          <li>
            <ButtonLink variant="secondary" href="/admin/settings">
              Settings
            </ButtonLink>
          </li>
          <li>
            <ButtonLink variant="secondary" href="/admin/audit">
              Audit log
            </ButtonLink>
          </li>
          <li>
            <ButtonLink variant="secondary" href="/admin/account-closures">
              Account closures
            </ButtonLink>
          </li>
          <li>
            <ButtonLink variant="secondary" href="/admin/mailbox">
              Mailbox
            </ButtonLink>
          </li>
          <li>
            <ButtonLink variant="secondary" href="/admin/waitlist">
              Waitlist
            </ButtonLink>
          </li>
        </ul>
      </nav>
      <CertificationNotices notices={certifications} />
      <Section title="Therapists" id="therapists">
        {therapists.length === 0 ? (
          <EmptyState>No therapists yet.</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-2xl border border-line bg-card" tabIndex={0} role="region" aria-label="Therapists table, scrolls sideways on small screens">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <caption className="sr-only">Therapists</caption>
              <thead className="bg-sage-50">
                <tr>
                  <th scope="col" className="p-3">Name</th>
                  <th scope="col" className="p-3">Certification</th>
                  <th scope="col" className="p-3">Valid until</th>
                  <th scope="col" className="p-3">Massage types</th>
                  <th scope="col" className="p-3">Status</th>
                </tr>
              </thead>
              <tbody>
                {therapists.map((therapist) => {
                  const expired = !isCertifiedOn(therapist.certificationExpiry, now);
                  return (
                    <tr key={therapist.id} className="border-t border-line">
                      <th scope="row" className="p-3 font-medium">
                        {therapist.user.name}
                        <span className="block font-normal text-muted">{therapist.user.email}</span>
                      </th>
                      <td className="p-3">{therapist.certificationNumber}</td>
                      <td className="p-3">
                        {formatDate(therapist.certificationExpiry)}
                        {expired ? <span className="block font-semibold text-danger-700">Expired</span> : null}
                      </td>
                      <td className="p-3">
                        {therapist.massageTypes
                          .map((offered) => offered.massageType)
                          .toSorted((a, b) => a.sortOrder - b.sortOrder)
                          .map((type) => type.name)
                          .join(", ")}
                      </td>
                      <td className="p-3">{!therapist.active ? "Inactive" : expired ? "Not bookable" : "Bookable"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section title="Physicians" id="physicians">
        {physicians.length === 0 ? (
          <EmptyState>No physicians yet.</EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {physicians.map((physician) => (
              <li key={physician.id}>
                <Card>
                  <p className="font-semibold">{physician.user.name}</p>
                  <p className="text-sm text-muted">{physician.specialty || "No specialty given"}</p>
                  <p className="text-sm text-muted">{physician.user.email}</p>
                  {!physician.active ? <p className="text-sm font-semibold">Inactive</p> : null}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Clinic settings" id="settings">
        <Card>
          <DefinitionList
            items={[
              ["Time zone", settings.timeZone],
              ["Clearance hold ends", `${settings.holdCutoffHours} hours before the appointment`],
              ["Minimum notice to book", `${settings.minimumNoticeHours} hours`],
              ["Cancellation notice", `${settings.cancellationNoticeHours} hours`],
              ["Booking horizon", `${settings.bookingHorizonDays} days`],
            ]}
          />
        </Card>
      </Section>
    </>
  );
}
