// The slot rule as the lifecycle uses it: the pure rule behind the times on
// offer (lib/booking/availability.ts startVerdict), run on the schedule read
// under the therapist's lock; and the nearest free times when one is taken.
import type { DbClient } from "@/lib/db/prisma";
import { findAvailability, startVerdict } from "@/lib/booking/availability";

export { startVerdict as slotFree };

/** The free times nearest the one that was taken: same therapist, same type and length, within three days. */
export async function nearestAlternatives(
  db: DbClient,
  visit: { therapistId: string; massageType: string; duration: number; start: Date },
  now: Date,
  count = 3,
) {
  const from = new Date(Math.max(now.getTime(), visit.start.getTime() - 3 * 86_400_000));
  const to = new Date(visit.start.getTime() + 3 * 86_400_000);
  const { slots } = await findAvailability(db, {
    therapistId: visit.therapistId,
    massageType: visit.massageType,
    duration: visit.duration,
    from,
    to,
    now,
  });
  const target = visit.start.getTime();
  return slots.toSorted((a, b) => Math.abs(a.start.getTime() - target) - Math.abs(b.start.getTime() - target)).slice(0, count);
}
