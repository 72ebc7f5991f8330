import type { Metadata } from "next";
import { ActionForm } from "@/components/calendar/action-form";
import { Input, Select } from "@/components/calendar/fields";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { listTimeOff, type TimeOffView } from "@/lib/calendar/time-off";
import { getDb } from "@/lib/db";
import { formatDateTime, STATUS_LABEL } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";
import { createTimeOffAction, decideTimeOffAction, deleteTimeOffAction } from "./actions";

export const metadata: Metadata = { title: "Time off" };

const LABELS = { therapistId: "Therapist", start: "From", end: "Until", reason: "Reason" };

export default async function TimeOffPage() {
  await requireRole("ADMIN", "/admin/time-off");
  const db = getDb();
  const now = new Date();
  const [settings, entries, therapists] = await Promise.all([
    getClinicSettings(db),
    listTimeOff(db, { from: now }),
    db.therapist.findMany({ orderBy: { user: { name: "asc" } }, select: { id: true, user: { select: { name: true } } } }),
  ]);
  const requested = entries.filter((entry) => entry.status === "REQUESTED");
  const decided = entries.filter((entry) => entry.status !== "REQUESTED");
  const when = (entry: TimeOffView) => `${formatDateTime(entry.startsAt, settings.timeZone)} – ${formatDateTime(entry.endsAt, settings.timeZone)}`;

  return (
    <>
      <PageHeader
        title="Time off"
        lead="Therapists' time away. Only approved time off closes their calendar; time off with booked appointments in it is refused until those are moved or cancelled."
      />
      <Section title="Requests waiting for a decision" id="requests">
        {requested.length === 0 ? (
          <EmptyState>No requests waiting.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {requested.map((entry) => (
              <li key={entry.id}>
                <Card>
                  <p className="font-semibold">{entry.therapistName}</p>
                  <p>{when(entry)}</p>
                  {entry.reason ? <p className="text-muted">{entry.reason}</p> : null}
                  <div className="mt-3 flex flex-wrap gap-3">
                    <ActionForm action={decideTimeOffAction.bind(null, entry.id, "approve")} submit="Approve" pending="Approving…" label={`Approve ${entry.therapistName}'s request`} />
                    <ActionForm
                      action={decideTimeOffAction.bind(null, entry.id, "decline")}
                      submit="Decline"
                      pending="Declining…"
                      variant="secondary"
                      label={`Decline ${entry.therapistName}'s request`}
                    />
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Enter time off" id="new">
        <Card>
          {therapists.length === 0 ? (
            <EmptyState>No therapists yet.</EmptyState>
          ) : (
            <ActionForm action={createTimeOffAction} submit="Enter time off" label="Enter time off for a therapist" fieldLabels={LABELS}>
              <div className="grid gap-4 sm:grid-cols-2">
                <Select id="therapistId" label="Therapist" options={therapists.map((therapist) => [therapist.id, therapist.user.name])} />
                <Input id="reason" label="Reason" maxLength={200} hint="Optional; staff only." />
                <Input id="start" label="From" type="datetime-local" required hint={`Clinic time (${settings.timeZone}).`} />
                <Input id="end" label="Until" type="datetime-local" required />
              </div>
            </ActionForm>
          )}
        </Card>
      </Section>
      <Section title="Upcoming time off" id="upcoming">
        {decided.length === 0 ? (
          <EmptyState>No time off ahead.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {decided.map((entry) => (
              <li key={entry.id}>
                <Card className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <p className="font-semibold">
                      {entry.therapistName} <span className="text-sm font-normal text-muted">({STATUS_LABEL[entry.status]})</span>
                    </p>
                    <p>{when(entry)}</p>
                    {entry.reason ? <p className="text-muted">{entry.reason}</p> : null}
                  </div>
                  <ActionForm action={deleteTimeOffAction.bind(null, entry.id)} submit="Remove" pending="Removing…" variant="secondary" label={`Remove ${entry.therapistName}'s time off`} />
                </Card>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
