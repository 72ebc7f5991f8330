import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Card, PageHeader } from "@/components/ui/card";
import { DefinitionList } from "@/components/ui/definition-list";
import { ClaimOfferForm } from "@/components/waitlist/claim-form";
import { loadPatientCoverage } from "@/lib/appointments/context";
import { coveredUntil } from "@/lib/appointments/coverage";
import { requireRole } from "@/lib/auth/guards";
import { listPhysicians } from "@/lib/catalogue/queries";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { formatAppointmentTime } from "@/lib/mail/templates";
import { CONDITION_RULES, conditionWords } from "@/lib/screening/conditions";
import { getClinicSettings } from "@/lib/settings";
import { findOwnOffer, isLive } from "@/lib/waitlist/claim";

export const metadata: Metadata = { title: "A free time for you" };

const ENDED: Record<string, string> = {
  CLAIMED: "You have claimed this time.",
  DECLINED: "You let this time pass.",
  EXPIRED: "This offer has ended: it was not claimed in time and has gone to the next person waiting. You are still on the waitlist.",
  GONE: "Someone else booked this time first. You are still on the waitlist.",
  OFFERED: "This offer has ended. You are still on the waitlist.",
};

export default async function OfferPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole("PATIENT", `/waitlist/offers/${encodeURIComponent(id)}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = getDb();
  const now = new Date();
  const offer = await findOwnOffer(db, user.id, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const [settings, type, therapist, physicians, coverage] = await Promise.all([
    getClinicSettings(db),
    db.massageType.findUnique({ where: { slug: offer.entry.massageTypeSlug }, select: { name: true } }),
    db.therapist.findUnique({ where: { id: offer.therapistId }, select: { user: { select: { name: true } } } }),
    listPhysicians(db),
    loadPatientCoverage(db, user.id, now),
  ]);
  const tz = settings.timeZone;
  const live = isLive(offer, now) && offer.entry.status === "ACTIVE";
  const lastPhysician = coverage.lastPhysicianId && physicians.some((p) => p.id === coverage.lastPhysicianId) ? coverage.lastPhysicianId : undefined;

  return (
    <>
      <PageHeader
        title="A free time for you"
        lead={live ? "A time you were waiting for has become free. Answer the health questions and claim it." : undefined}
      />
      <Card className="mb-4">
        <DefinitionList
          items={[
            ["Massage", `${type?.name ?? offer.entry.massageTypeSlug}, ${offer.entry.duration} minutes`],
            ["Therapist", therapist?.user.name ?? ""],
            ["When", formatAppointmentTime(offer.startsAt, offer.endsAt, tz)],
            ...(live ? ([["Claim it by", formatDateTime(offer.expiresAt, tz)]] as Array<[string, string]>) : []),
          ]}
        />
      </Card>
      {live ? (
        <ClaimOfferForm
          offerId={offer.id}
          start={offer.startsAt.toISOString()}
          physicians={physicians}
          conditionRules={CONDITION_RULES}
          onRecord={coverage.conditions.map((condition) => ({
            key: condition.key,
            words: conditionWords(condition.key, condition.description),
            declaredAt: condition.declaredAt.toISOString(),
          }))}
          recordCoveredUntil={coveredUntil(coverage.conditions, coverage.approvals)?.toISOString()}
          defaultPhysicianId={lastPhysician}
          timeZone={tz}
        />
      ) : (
        <Card>
          <h2 className="text-xl font-semibold text-sage-800">This offer has ended</h2>
          <p className="mt-2">{ENDED[offer.status]}</p>
          <p className="mt-3">
            {offer.status === "CLAIMED" && offer.appointmentId ? (
              <Link href={`/appointments/${offer.appointmentId}`} className="font-semibold text-sage-800 underline underline-offset-4">
                See your appointment
              </Link>
            ) : (
              <Link href="/patient#waitlist" className="font-semibold text-sage-800 underline underline-offset-4">
                See your waitlist
              </Link>
            )}
          </p>
        </Card>
      )}
    </>
  );
}
