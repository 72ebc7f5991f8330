// The therapist's own time off on their page: what they asked for and its state, and a form to ask for more.
import { ActionForm } from "@/components/calendar/action-form";
import { Input } from "@/components/calendar/fields";
import { Card, EmptyState } from "@/components/ui/card";
import { requestTimeOffAction } from "@/app/therapist/time-off-actions";
import { listTimeOff } from "@/lib/calendar/time-off";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";

const STATE = { REQUESTED: "Waiting for the clinic", APPROVED: "Approved", DECLINED: "Declined" } as const;

export async function TimeOffRequest({ userId, timeZone }: { userId: string; timeZone: string }) {
  const db = getDb();
  const therapist = await db.therapist.findUnique({ where: { userId }, select: { id: true } });
  if (!therapist) return null;
  const entries = await listTimeOff(db, { from: new Date(), therapistId: therapist.id });
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card>
        <h3 className="mb-2 font-semibold">Ask for time off</h3>
        <ActionForm action={requestTimeOffAction} submit="Request time off" pending="Sending…" label="Ask for time off" fieldLabels={{ start: "From", end: "Until", reason: "Reason" }}>
          <Input id="time-off-start" name="start" label="From" type="datetime-local" required hint={`Clinic time (${timeZone}).`} />
          <Input id="time-off-end" name="end" label="Until" type="datetime-local" required />
          <Input id="time-off-reason" name="reason" label="Reason" maxLength={200} hint="Optional." />
        </ActionForm>
      </Card>
      <div>
        <h3 className="mb-2 font-semibold">Your time off ahead</h3>
        {entries.length === 0 ? (
          <EmptyState>None yet.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-2">
            {entries.map((entry) => (
              <li key={entry.id} className="rounded-xl border border-line bg-card p-3">
                <p>
                  {formatDateTime(entry.startsAt, timeZone)} – {formatDateTime(entry.endsAt, timeZone)}
                </p>
                <p className="text-sm font-medium">{STATE[entry.status]}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
