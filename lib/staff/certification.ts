// Which certifications need the clinic's attention: lapsed ones (the therapist is not bookable: lib/catalogue/queries.ts)
// and those lapsing within the warning window, soonest first.
import { isCertifiedOn } from "@/lib/catalogue/queries";
import type { DbClient } from "@/lib/db/prisma";

export const CERTIFICATION_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export interface CertificationNotice {
  therapistId: string;
  name: string;
  certificationNumber: string;
  certificationExpiry: Date;
  /** Whole days from today (UTC) to the last valid day: 0 = lapses at the end of today; negative = lapsed. */
  daysLeft: number;
  expired: boolean;
}

export async function certificationNotices(db: DbClient, now: Date = new Date(), warningDays = CERTIFICATION_WARNING_DAYS): Promise<CertificationNotice[]> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const therapists = await db.therapist.findMany({
    where: { active: true, certificationExpiry: { lte: new Date(today + warningDays * DAY_MS) } },
    orderBy: { certificationExpiry: "asc" },
    select: { id: true, certificationNumber: true, certificationExpiry: true, user: { select: { name: true } } },
  });
  return therapists.map((therapist) => ({
    therapistId: therapist.id,
    name: therapist.user.name,
    certificationNumber: therapist.certificationNumber,
    certificationExpiry: therapist.certificationExpiry,
    daysLeft: Math.round((therapist.certificationExpiry.getTime() - today) / DAY_MS),
    expired: !isCertifiedOn(therapist.certificationExpiry, now),
  }));
}
