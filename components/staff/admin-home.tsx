import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { formatDate } from "@/lib/format";
import { CERTIFICATION_WARNING_DAYS, type CertificationNotice } from "@/lib/staff/certification";

/** The admin home's links to the staff pages. */
export const STAFF_LINKS: Array<[href: string, label: string]> = [
  ["/admin/therapists", "Therapists"],
  ["/admin/physicians", "Physicians"],
];

const when = (notice: CertificationNotice) =>
  notice.expired
    ? `expired on ${formatDate(notice.certificationExpiry)}: not bookable`
    : notice.daysLeft === 0
      ? "lapses at the end of today"
      : `lapses after ${formatDate(notice.certificationExpiry)} (${notice.daysLeft} day${notice.daysLeft === 1 ? "" : "s"} left)`;

/** Lapsed certifications and those lapsing within the warning window, each linking to the therapist to renew it. */
export function CertificationNotices({ notices }: { notices: CertificationNotice[] }) {
  if (notices.length === 0) return null;
  return (
    <section aria-labelledby="certifications-heading" className="mt-6">
      <h2 id="certifications-heading" className="sr-only">
        Certifications to renew
      </h2>
      <Alert tone="warning">
        <p>Certifications expired or lapsing within {CERTIFICATION_WARNING_DAYS} days:</p>
        <ul className="mt-1 list-disc pl-5">
          {notices.map((notice) => (
            <li key={notice.therapistId}>
              <Link href={`/admin/therapists/${notice.therapistId}`} className="underline underline-offset-4">
                {notice.name}
              </Link>{" "}
              ({notice.certificationNumber}) {when(notice)}
            </li>
          ))}
        </ul>
      </Alert>
    </section>
  );
}
