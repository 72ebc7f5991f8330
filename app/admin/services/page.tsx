import type { Metadata } from "next";
import { ActionForm } from "@/components/calendar/action-form";
import { Input, inputClass } from "@/components/calendar/fields";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { listServices } from "@/lib/calendar/services";
import { getDb } from "@/lib/db";
import { DURATIONS } from "@/lib/validation/booking";
import { saveServiceAction } from "./actions";

export const metadata: Metadata = { title: "Services" };

export default async function ServicesPage() {
  await requireRole("ADMIN", "/admin/services");
  const services = await listServices(getDb());
  return (
    <>
      <PageHeader
        title="Services"
        lead="What patients read about each massage type, the lengths it is offered for, and whether it is offered at all. Booked appointments keep their length. Each therapist's break after a session is set on the therapist."
      />
      {services.length === 0 ? <EmptyState>No massage types yet.</EmptyState> : null}
      {services.map((service) => (
        <Section key={service.slug} title={service.name} id={service.slug}>
          <Card>
            <ActionForm
              action={saveServiceAction.bind(null, service.slug)}
              submit={`Save ${service.name.toLowerCase()}`}
              label={service.name}
              fieldLabels={{ summary: "Summary", description: "Description", durations: "Lengths", active: "Offered" }}
            >
              <Input id={`${service.slug}-summary`} name="summary" label="Summary" required maxLength={160} defaultValue={service.summary} />
              <div className="flex flex-col gap-1">
                <label htmlFor={`${service.slug}-description`} className="font-semibold">
                  Description
                </label>
                <textarea id={`${service.slug}-description`} name="description" rows={4} required maxLength={2000} defaultValue={service.description} className={inputClass} />
              </div>
              <fieldset>
                <legend className="font-semibold">Lengths offered (minutes)</legend>
                <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
                  {DURATIONS.map((minutes) => (
                    <label key={minutes} className="flex min-h-11 items-center gap-2">
                      <input type="checkbox" name="durations" value={minutes} defaultChecked={service.durations.includes(minutes)} className="size-5" />
                      {minutes}
                    </label>
                  ))}
                </div>
              </fieldset>
              <label className="flex min-h-11 items-center gap-2 font-semibold">
                <input type="checkbox" name="active" defaultChecked={service.active} className="size-5" />
                Offered to patients
              </label>
            </ActionForm>
          </Card>
        </Section>
      ))}
    </>
  );
}
