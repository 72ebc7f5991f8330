import type { Metadata } from "next";
import { ActionForm } from "@/components/calendar/action-form";
import { Input } from "@/components/calendar/fields";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { listClosures } from "@/lib/calendar/closures";
import { getDb } from "@/lib/db";
import { formatDate } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";
import { localDateOf } from "@/lib/time/zoned";
import { createClosureAction, deleteClosureAction } from "./actions";

export const metadata: Metadata = { title: "Closures" };

export default async function ClosuresPage() {
  await requireRole("ADMIN", "/admin/closures");
  const db = getDb();
  const settings = await getClinicSettings(db);
  const today = localDateOf(new Date(), settings.timeZone);
  const closures = await listClosures(db, today);
  return (
    <>
      <PageHeader
        title="Closures"
        lead={`Days the whole clinic is closed, such as public holidays: no times are offered on them. Days are read in the clinic's time zone (${settings.timeZone}).`}
      />
      <Section title="Close the clinic for a day" id="new">
        <Card>
          <ActionForm action={createClosureAction} submit="Close this day" pending="Closing…" label="Close the clinic for a day" fieldLabels={{ date: "Day", reason: "Reason" }}>
            <div className="grid gap-4 sm:grid-cols-2">
              <Input id="date" label="Day" type="date" required min={today} />
              <Input id="reason" label="Reason" required maxLength={120} placeholder="Christmas Day" hint="Shown to staff." />
            </div>
            <p className="text-sm text-muted">
              A day with booked appointments cannot be closed: you will see them listed, to move or cancel first.
            </p>
          </ActionForm>
        </Card>
      </Section>
      <Section title="Upcoming closures" id="upcoming">
        {closures.length === 0 ? (
          <EmptyState>No closures ahead.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {closures.map((closure) => (
              <li key={closure.id}>
                <Card className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <p className="font-semibold">{formatDate(new Date(`${closure.date}T00:00:00Z`))}</p>
                    <p className="text-muted">{closure.reason}</p>
                  </div>
                  <ActionForm
                    action={deleteClosureAction.bind(null, closure.id)}
                    submit="Reopen"
                    pending="Reopening…"
                    variant="secondary"
                    label={`Reopen ${closure.date}`}
                  />
                </Card>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
