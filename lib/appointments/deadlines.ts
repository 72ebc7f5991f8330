// The rules a patient meets after booking, said before they bite: until when
// they may cancel or move an appointment themselves (the cancellation notice),
// and until when a held appointment waits for a physician's clearance (the
// hold's cut-off, lib/appointments/holds.ts). One function computes each
// deadline; the lifecycle enforces it, and the booking page, the appointment
// pages and the mails say it in the same words, in the clinic's time zone.
// No server-only imports: the booking wizard (a client component) uses it too.
import type { ClinicSettings } from "@/lib/generated/prisma/client";
import { dateTimeFormat } from "@/lib/format";
import { holdCutoff } from "./holds";

const HOUR_MS = 3_600_000;

type NoticeSettings = Pick<ClinicSettings, "cancellationNoticeHours">;
type ZoneSettings = Pick<ClinicSettings, "timeZone">;

/** The last moment a patient may cancel or move online: the start less the clinic's cancellation notice. */
export function changeDeadline(start: Date, settings: NoticeSettings): Date {
  return new Date(start.getTime() - settings.cancellationNoticeHours * HOUR_MS);
}

/** Whether the patient may still cancel or move it themselves at `now` (staff may at any time before the start). */
export function patientMayChange(start: Date, now: Date, settings: NoticeSettings): boolean {
  return now.getTime() <= changeDeadline(start, settings).getTime();
}

/** "Mon 7 Dec, 10:00", in the clinic's time zone: assembled from parts so ICU versions cannot move the commas. */
export function formatDeadline(at: Date, timeZone: string): string {
  const parts = dateTimeFormat({ weekday: "short", day: "numeric", month: "short", timeZone }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const time = dateTimeFormat({ hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(at);
  return `${part("weekday")} ${part("day")} ${part("month")}, ${time}`;
}

/** "free to cancel or move until Mon 7 Dec, 10:00 (Europe/Amsterdam time)": the cancellation notice in the clinic's words. */
export function freeToCancelUntil(start: Date, settings: NoticeSettings & ZoneSettings): string {
  return `free to cancel or move until ${formatDeadline(changeDeadline(start, settings), settings.timeZone)} (${settings.timeZone} time)`;
}

/** "Sun 6 Dec, 10:00 (Europe/Amsterdam time)": until when a held appointment waits for a physician's approval. */
export function holdCutoffAt(start: Date, settings: Pick<ClinicSettings, "holdCutoffHours"> & ZoneSettings): string {
  return `${formatDeadline(holdCutoff(start, settings), settings.timeZone)} (${settings.timeZone} time)`;
}
