// The hold's cut-off: one rule for how long a held appointment keeps its slot.
import type { ClinicSettings } from "@/lib/generated/prisma/client";

const HOUR_MS = 3_600_000;

/** The clinic's cut-off before the start (settings.holdCutoffHours, e.g. 24 h): a clearance must be approved by then. */
export function holdCutoff(start: Date, settings: Pick<ClinicSettings, "holdCutoffHours">): Date {
  return new Date(start.getTime() - settings.holdCutoffHours * HOUR_MS);
}

/** A new clearance hold is possible only while its cut-off is still ahead. */
export function canHoldForClearance(start: Date, now: Date, settings: Pick<ClinicSettings, "holdCutoffHours">): boolean {
  return holdCutoff(start, settings).getTime() > now.getTime();
}

/**
 * Until when a held appointment keeps its slot: the cut-off. An appointment
 * that becomes held later than its cut-off (a physician's new restriction it
 * breaks, a day before) keeps its slot until its start instead: changing the
 * type or length at the same time needs no notice, and a physician may still
 * decide in time.
 */
export function heldUntil(start: Date, now: Date, settings: Pick<ClinicSettings, "holdCutoffHours">): Date {
  const cutoff = holdCutoff(start, settings);
  return cutoff.getTime() > now.getTime() ? cutoff : start;
}

export function heldTooSoonMessage(settings: Pick<ClinicSettings, "holdCutoffHours">): string {
  return `Your physician needs time to clear this massage: choose a time at least ${settings.holdCutoffHours} hours from now.`;
}
