import type { Metadata } from "next";
import { ActionForm } from "@/components/calendar/action-form";
import { Input, Select } from "@/components/calendar/fields";
import { Card, PageHeader, Section } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getClinicSettings } from "@/lib/settings";
import { SETTING_BOUNDS, SLOT_GRIDS, supportedTimeZones } from "@/lib/validation/settings";
import { saveSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Clinic settings" };

const LABELS: Record<string, string> = {
  clinicName: "Clinic name",
  address: "Address",
  phone: "Phone",
  email: "Email",
  timeZone: "Time zone",
  minimumNoticeHours: "Minimum notice",
  bookingHorizonDays: "Booking horizon",
  holdCutoffHours: "Hold cut-off",
  cancellationNoticeHours: "Cancellation notice",
  noteLockHours: "Note lock",
  healthCheckHour: "Day-before check hour",
  waitlistOfferMinutes: "Waitlist offer",
  slotGridMinutes: "Slot grid",
  clearanceValidityMonths: "Clearance validity",
};

type Bounded = keyof typeof SETTING_BOUNDS;

export default async function SettingsPage() {
  await requireRole("ADMIN", "/admin/settings");
  const settings = await getClinicSettings(getDb());
  const number = (key: Bounded, unit: string, hint: string) => (
    <Input
      id={key}
      label={`${LABELS[key]} (${unit})`}
      type="number"
      inputMode="numeric"
      min={SETTING_BOUNDS[key][0]}
      max={SETTING_BOUNDS[key][1]}
      step={1}
      required
      defaultValue={settings[key]}
      hint={`${hint} ${SETTING_BOUNDS[key][0]}–${SETTING_BOUNDS[key][1]}.`}
    />
  );
  return (
    <>
      <PageHeader title="Clinic settings" lead="The clinic's contact details and the rules of its calendar. Changes apply to the next booking, mail and check; every change is audited." />
      <ActionForm action={saveSettingsAction} submit="Save settings" label="Clinic settings" fieldLabels={LABELS}>
        <Section title="The clinic" id="clinic">
          <Card>
            <div className="grid gap-4 sm:grid-cols-2">
              <Input id="clinicName" label={LABELS.clinicName!} required maxLength={100} defaultValue={settings.clinicName} />
              <Select
                id="timeZone"
                label={LABELS.timeZone!}
                defaultValue={settings.timeZone}
                options={supportedTimeZones().map((zone) => [zone, zone.replaceAll("_", " ")])}
                hint="Working hours, closures and every time shown are read in this zone."
              />
              <Input id="address" label={LABELS.address!} maxLength={300} defaultValue={settings.address} autoComplete="street-address" />
              <Input id="phone" label={LABELS.phone!} type="tel" maxLength={40} defaultValue={settings.phone} autoComplete="tel" />
              <Input id="email" label={LABELS.email!} type="email" maxLength={200} defaultValue={settings.email} autoComplete="email" />
            </div>
          </Card>
        </Section>
        <Section title="Booking" id="booking">
          <Card>
            <div className="grid gap-4 sm:grid-cols-2">
              {number("minimumNoticeHours", "hours", "How soon a patient may book ahead at the earliest.")}
              {number("bookingHorizonDays", "days", "How far ahead times are offered.")}
              {number("cancellationNoticeHours", "hours", "Patients may cancel or move online until this long before.")}
              <Select
                id="slotGridMinutes"
                label={`${LABELS.slotGridMinutes} (minutes)`}
                defaultValue={String(settings.slotGridMinutes)}
                options={SLOT_GRIDS.map((grid) => [String(grid), `Every ${grid} minutes`])}
                hint="Start times lie on this grid from midnight."
              />
              {number("waitlistOfferMinutes", "minutes", "How long a freed time is kept for the patient it is offered to.")}
            </div>
          </Card>
        </Section>
        <Section title="Clearance, notes and checks" id="rules">
          <Card>
            <div className="grid gap-4 sm:grid-cols-2">
              {number("holdCutoffHours", "hours", "A held booking needs its clearance this long before it starts.")}
              {number("clearanceValidityMonths", "months", "How long a physician's approval holds unless they say otherwise.")}
              {number("noteLockHours", "hours", "Therapists can edit session notes until this long after the session.")}
              {number("healthCheckHour", "hour of the day", "When the day-before health check is mailed, clinic time; 0 is midnight.")}
            </div>
          </Card>
        </Section>
      </ActionForm>
    </>
  );
}
