import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/card";
import { JoinWaitlistForm } from "@/components/waitlist/join-form";
import { requireRole } from "@/lib/auth/guards";
import { listBookableTherapists, listMassageTypes } from "@/lib/catalogue/queries";
import { getDb } from "@/lib/db";
import { getClinicSettings } from "@/lib/settings";
import { addDays, localDateOf } from "@/lib/time/zoned";
import { offerTimeWords } from "@/lib/waitlist/words";

export const metadata: Metadata = { title: "Join the waitlist" };

const first = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function JoinWaitlistPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("PATIENT", "/waitlist/new");
  const search = await searchParams;
  const db = getDb();
  const [massageTypes, therapists, settings] = await Promise.all([listMassageTypes(db), listBookableTherapists(db), getClinicSettings(db)]);
  const today = localDateOf(new Date(), settings.timeZone);
  const lastDay = addDays(today, settings.bookingHorizonDays);
  // What the booking flow passed along; anything unknown is simply not filled in.
  const type = massageTypes.find((candidate) => candidate.slug === first(search.massageType));
  const duration = Number(first(search.duration));
  const therapist = therapists.find((candidate) => candidate.id === first(search.therapistId));
  return (
    <>
      <PageHeader
        title="Join the waitlist"
        lead={`Tell us what you are waiting for. When such a time frees up, we offer it to whoever has waited longest; they have ${offerTimeWords(settings.waitlistOfferMinutes)} to claim it.`}
      >
        <p className="mt-2 text-sm">
          <Link href="/book" className="text-sage-800 underline underline-offset-4">
            Back to booking
          </Link>
        </p>
      </PageHeader>
      <JoinWaitlistForm
        massageTypes={massageTypes}
        therapists={therapists.map(({ id, name, massageTypes: offered }) => ({ id, name, massageTypes: offered }))}
        initial={{
          massageType: type?.slug,
          duration: type && type.durations.includes(duration) ? duration : undefined,
          therapistId: therapist && type && therapist.massageTypes.includes(type.slug) ? therapist.id : undefined,
          from: today,
          to: addDays(today, Math.min(14, settings.bookingHorizonDays)),
        }}
        lastDay={lastDay}
        timeZone={settings.timeZone}
      />
    </>
  );
}
