// The patient's waitlist on their page: what they wait for, the time offered to them now, and a way to leave.
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, Section } from "@/components/ui/card";
import type { DbClient } from "@/lib/db/prisma";
import { formatDateTime } from "@/lib/format";
import { listOwnEntries } from "@/lib/waitlist/entries";
import { daysWords, windowWords } from "@/lib/waitlist/words";
import { LeaveWaitlistButton } from "./leave-button";

export async function PatientWaitlist({ db, patientId, timeZone }: { db: DbClient; patientId: string; timeZone: string }) {
  const now = new Date();
  const entries = await listOwnEntries(db, patientId, now);
  const therapistIds = [...new Set(entries.flatMap((entry) => [entry.therapistId, entry.offer?.therapistId]).filter((id): id is string => Boolean(id)))];
  const [types, therapists] = await Promise.all([
    db.massageType.findMany({ select: { slug: true, name: true } }),
    db.therapist.findMany({ where: { id: { in: therapistIds } }, select: { id: true, user: { select: { name: true } } } }),
  ]);
  const typeName = (slug: string) => types.find((type) => type.slug === slug)?.name ?? slug;
  const therapistName = (id: string | null) => (id ? (therapists.find((therapist) => therapist.id === id)?.user.name ?? "A therapist") : "Any therapist");

  return (
    <Section title="Your waitlist" id="waitlist">
      {entries.length === 0 ? (
        <EmptyState>
          You are not waiting for a time. When the days you want are full,{" "}
          <Link href="/waitlist/new" className="font-semibold text-sage-800 underline underline-offset-4">
            join the waitlist
          </Link>
          .
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-3">
          {entries.map((entry) => {
            const label = `${typeName(entry.massageTypeSlug)}, ${entry.duration} minutes`;
            return (
              <li key={entry.id}>
                <Card>
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div>
                      <p className="font-semibold">{label}</p>
                      <p className="text-sm text-muted">
                        {therapistName(entry.therapistId)} · {daysWords(entry)} · {windowWords(entry)}
                      </p>
                      <p className="text-sm text-muted">Waiting since {formatDateTime(entry.createdAt, timeZone)}</p>
                    </div>
                    <LeaveWaitlistButton entryId={entry.id} label={label} />
                  </div>
                  {entry.offer ? (
                    <div className="mt-3 rounded-xl border border-sage-700/40 bg-sage-50 p-3">
                      <p className="font-semibold">A time is free for you: {formatDateTime(entry.offer.startsAt, timeZone)}</p>
                      <p className="text-sm">
                        With {therapistName(entry.offer.therapistId)}. Claim it by {formatDateTime(entry.offer.expiresAt, timeZone)}.
                      </p>
                      <div className="mt-2">
                        <ButtonLink href={`/waitlist/offers/${entry.offer.id}`}>See and claim this time</ButtonLink>
                      </div>
                    </div>
                  ) : null}
                </Card>
              </li>
            );
          })}
        </ul>
      )}
      {entries.length > 0 ? (
        <p className="mt-3 text-sm">
          <Link href="/waitlist/new" className="text-sage-800 underline underline-offset-4">
            Wait for another time
          </Link>
        </p>
      ) : null}
    </Section>
  );
}
