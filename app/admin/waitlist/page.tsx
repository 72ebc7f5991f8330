import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState, PageHeader, Section } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";
import { addDays, localDateOf, wallClockToUtcAtOrAfter } from "@/lib/time/zoned";
import { listEntriesForDay } from "@/lib/waitlist/entries";
import { daysWords, windowWords } from "@/lib/waitlist/words";

export const metadata: Metadata = { title: "Waitlist" };

const OFFER_LABEL: Record<string, string> = { OFFERED: "Offered", CLAIMED: "Claimed", DECLINED: "Declined", EXPIRED: "Expired", GONE: "Gone" };

export default async function AdminWaitlistPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN", "/admin/waitlist");
  const db = getDb();
  const settings = await getClinicSettings(db);
  const tz = settings.timeZone;
  const search = await searchParams;
  const today = localDateOf(new Date(), tz);
  const asked = typeof search.day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(search.day) && !Number.isNaN(Date.parse(search.day)) ? search.day : today;
  const day = asked >= "2000-01-01" && asked < "2100-01-01" ? asked : today;
  const dayStart = wallClockToUtcAtOrAfter(day, 0, tz);
  const dayEnd = wallClockToUtcAtOrAfter(addDays(day, 1), 0, tz);

  const [entries, offers] = await Promise.all([
    listEntriesForDay(db, day),
    db.waitlistOffer.findMany({
      where: { startsAt: { gte: dayStart, lt: dayEnd } },
      orderBy: [{ startsAt: "asc" }, { createdAt: "asc" }],
      select: { id: true, status: true, startsAt: true, expiresAt: true, therapistId: true, entry: { select: { patientId: true } } },
      take: 200,
    }),
  ]);
  const userIds = [...new Set([...entries.map((entry) => entry.patientId), ...offers.map((offer) => offer.entry.patientId)])];
  const therapistIds = [
    ...new Set([...entries.map((entry) => entry.therapistId), ...offers.map((offer) => offer.therapistId)].filter((id): id is string => Boolean(id))),
  ];
  const [users, therapists, types] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    db.therapist.findMany({ where: { id: { in: therapistIds } }, select: { id: true, user: { select: { name: true } } } }),
    db.massageType.findMany({ select: { slug: true, name: true } }),
  ]);
  const person = (id: string) => users.find((user) => user.id === id);
  const therapistName = (id: string | null) => (id ? (therapists.find((t) => t.id === id)?.user.name ?? "—") : "Any");
  const typeName = (slug: string) => types.find((type) => type.slug === slug)?.name ?? slug;
  const dayLabel = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T12:00:00Z`),
  );

  return (
    <>
      <PageHeader title="Waitlist" lead="Who is waiting for a time on a day, longest waiting first, and the times offered that day." />
      <nav aria-label="Choose a day" className="flex flex-wrap items-end gap-3">
        <Link href={`/admin/waitlist?day=${addDays(day, -1)}`} className="min-h-11 content-center font-semibold text-sage-800 underline underline-offset-4">
          Previous day
        </Link>
        <form className="flex items-end gap-2" action="/admin/waitlist">
          <div className="flex flex-col gap-1">
            <label htmlFor="day" className="text-sm font-semibold">
              Day
            </label>
            <input id="day" name="day" type="date" defaultValue={day} className="min-h-11 rounded-lg border border-muted/60 bg-white px-3 py-2" />
          </div>
          <Button type="submit" variant="secondary">
            Show
          </Button>
        </form>
        <Link href={`/admin/waitlist?day=${addDays(day, 1)}`} className="min-h-11 content-center font-semibold text-sage-800 underline underline-offset-4">
          Next day
        </Link>
      </nav>

      <Section title={`Waiting for ${dayLabel}`} id="waiting">
        {entries.length === 0 ? (
          <EmptyState>Nobody is waiting for a time on this day.</EmptyState>
        ) : (
          <ol className="flex flex-col gap-2">
            {entries.map((entry, index) => {
              const patient = person(entry.patientId);
              const offer = entry.offers[0];
              return (
                <li key={entry.id} className="rounded-xl border border-line bg-card p-3">
                  <p className="font-semibold">
                    {index + 1}. {patient?.name ?? "Patient"} <span className="font-normal text-muted">({patient?.email})</span>
                  </p>
                  <p className="text-sm">
                    {typeName(entry.massageTypeSlug)}, {entry.duration} min · {therapistName(entry.therapistId)} · {daysWords(entry)} · {windowWords(entry)}
                  </p>
                  <p className="text-sm text-muted">Waiting since {formatDateTime(entry.createdAt, tz)}</p>
                  {offer ? (
                    <p className="text-sm font-medium">
                      Offered {formatDateTime(offer.startsAt, tz)} with {therapistName(offer.therapistId)}, until {formatDateTime(offer.expiresAt, tz)}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )}
      </Section>

      <Section title="Times offered on this day" id="offers">
        {offers.length === 0 ? (
          <EmptyState>No freed time on this day has been offered.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-2">
            {offers.map((offer) => (
              <li key={offer.id} className="rounded-xl border border-line bg-card p-3 text-sm">
                <span className="font-semibold">{formatDateTime(offer.startsAt, tz)}</span> · {therapistName(offer.therapistId)} · to{" "}
                {person(offer.entry.patientId)?.name ?? "a patient"} · {OFFER_LABEL[offer.status]}
                {offer.status === "OFFERED" ? ` until ${formatDateTime(offer.expiresAt, tz)}` : ""}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
