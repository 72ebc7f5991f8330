import Link from "next/link";
import type { ReactNode } from "react";
import { Card, EmptyState } from "@/components/ui/card";
import type { AppointmentRecord } from "@/lib/booking/queries";
import { intakeSummary, restrictionWords } from "@/lib/booking/queries";
import { appointmentStatusLabel, formatDateTime } from "@/lib/format";

interface Props {
  items: AppointmentRecord[];
  timeZone: string;
  empty: string;
  /** Who the reader is: a patient reads "with <therapist>", staff "for <patient>". */
  viewer: "patient" | "staff";
  /** The address of the next page, when there is one. */
  moreHref?: string;
}

/** A list of appointments as cards, with what a held one waits for and where a moved one came from. */
export function AppointmentList({ items, timeZone, empty, viewer, moreHref }: Props) {
  if (items.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <>
      <ul className="flex flex-col gap-3">
        {items.map((appointment) => (
          <li key={appointment.id}>
            <AppointmentCard appointment={appointment} timeZone={timeZone} viewer={viewer} />
          </li>
        ))}
      </ul>
      {moreHref ? (
        <p className="mt-3">
          <Link href={moreHref} className="font-semibold text-sage-800 underline underline-offset-4">
            Show more
          </Link>
        </p>
      ) : null}
    </>
  );
}

function AppointmentCard({ appointment, timeZone, viewer }: { appointment: AppointmentRecord; timeZone: string; viewer: Props["viewer"] }) {
  const minutes = Math.round((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000);
  const restrictions = appointment.restrictions.map(({ restriction }) => restriction);
  const intake = viewer === "staff" && appointment.intake ? intakeSummary(appointment.intake) : null;
  const cancelled = appointment.status === "CANCELLED";
  // A cancelled visit reads as one at a glance: a dashed, greyed card with its time struck through and the word said.
  const Frame = cancelled ? CancelledFrame : Card;
  return (
    <Frame>
      {cancelled ? (
        <p className="mb-1 inline-block rounded-full border border-line bg-white px-2 py-0.5 text-xs font-semibold tracking-wide text-muted uppercase">
          Cancelled
        </p>
      ) : null}
      <Link
        href={`/appointments/${appointment.id}`}
        className={`block font-semibold underline underline-offset-4 ${cancelled ? "text-muted line-through decoration-1" : "text-sage-800"}`}
      >
        {formatDateTime(appointment.startsAt, timeZone)}
      </Link>
      <p className="text-muted">
        {appointment.massageType.name}, {minutes} minutes{" "}
        {viewer === "patient" ? `with ${appointment.therapist.user.name}` : `for ${appointment.patient.name}`}
      </p>
      <p className="mt-1 text-sm font-medium">{appointmentStatusLabel(appointment)}</p>
      {appointment.rescheduledFrom ? (
        <p className="text-sm text-muted">
          Moved from {appointment.rescheduledFrom.massageType.name === appointment.massageType.name ? "" : `${appointment.rescheduledFrom.massageType.name}, `}
          {formatDateTime(appointment.rescheduledFrom.startsAt, timeZone)}
        </p>
      ) : null}
      {appointment.status === "CANCELLED" && appointment.cancelReason ? (
        <p className="text-sm text-muted">Reason: {appointment.cancelReason}</p>
      ) : null}
      {appointment.status === "HELD" && appointment.heldUntil ? (
        <p className="text-sm text-clay-700">
          {appointment.holdReason === "restrictions"
            ? "Change the massage type or length to one the physician allows"
            : "Missing: the physician's approved clearance"}
          . Time held until {formatDateTime(appointment.heldUntil, timeZone)}.
        </p>
      ) : null}
      {intake ? (
        <p className="mt-1 text-sm">
          Pain {intake.painOnset}, {intake.painLevel}/10
          {intake.flags.length ? <span className="font-semibold text-clay-700"> · Flags: {intake.flags.map((flag) => flag.label).join("; ")}</span> : null}
        </p>
      ) : null}
      {viewer === "staff" && restrictions.length ? (
        <p className="mt-2 rounded-lg border border-clay-700/30 bg-clay-50 p-2 text-sm text-clay-700">
          <strong>Physician&apos;s restrictions:</strong> {restrictions.map(restrictionWords).join(" · ")}
        </p>
      ) : null}
    </Frame>
  );
}

function CancelledFrame({ children }: { children: ReactNode }) {
  return <div className="rounded-2xl border border-dashed border-line bg-sage-50/60 p-5 sm:p-6">{children}</div>;
}
