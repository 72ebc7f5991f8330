import type { Metadata } from "next";
import { BookingWizard } from "@/components/booking/booking-wizard";
import { ConsentForm } from "@/components/privacy/consent-form";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { loadPatientCoverage } from "@/lib/appointments/context";
import { coveredUntil, strictestLimits } from "@/lib/appointments/coverage";
import { requireRole } from "@/lib/auth/guards";
import { restrictionWords } from "@/lib/booking/queries";
import { listBookableTherapists, listMassageTypes, listPhysicians } from "@/lib/catalogue/queries";
import { getDb } from "@/lib/db";
import { hasHealthDataConsent } from "@/lib/privacy/consent";
import { CONDITION_RULES, conditionWords } from "@/lib/screening/conditions";
import { getClinicSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Book a massage" };

export default async function BookPage() {
  const user = await requireRole("PATIENT", "/book");
  const db = getDb();
  // Before the first intake: the patient's explicit consent (the server refuses a booking without it too).
  if (!(await hasHealthDataConsent(db, user.id))) {
    return (
      <>
        <PageHeader title="Book a massage" lead="First, one question about your health details." />
        <Card>
          <ConsentForm />
        </Card>
      </>
    );
  }
  const now = new Date();
  const [allTypes, therapists, physicians, settings, coverage] = await Promise.all([
    listMassageTypes(db),
    listBookableTherapists(db),
    listPhysicians(db),
    getClinicSettings(db),
    loadPatientCoverage(db, user.id, now),
  ]);
  // A physician's restrictions decide what this patient is offered (the server enforces them again).
  const limits = strictestLimits(coverage.restrictions, now);
  const massageTypes = allTypes
    .filter((type) => !limits.excludedMassageTypes.includes(type.slug))
    .map((type) => ({
      ...type,
      durations: type.durations.filter((minutes) => limits.maxDurationMinutes === null || minutes <= limits.maxDurationMinutes),
    }))
    .filter((type) => type.durations.length > 0);
  const lastPhysician = coverage.lastPhysicianId && physicians.some((p) => p.id === coverage.lastPhysicianId) ? coverage.lastPhysicianId : undefined;
  return (
    <>
      <PageHeader title="Book a massage" lead="Five short steps. Your answers stay on this page until you book." />
      {limits.restrictions.length ? (
        <div className="mb-4">
          <Alert tone="warning">
            Your physician&apos;s restrictions apply: {limits.restrictions.map((r) => `${restrictionWords(r)} (${r.physicianName})`).join("; ")}. Only
            what they allow is offered.
          </Alert>
        </div>
      ) : null}
      <BookingWizard
        massageTypes={massageTypes}
        therapists={therapists.map(({ id, name, bio, massageTypes: offered }) => ({ id, name, bio, massageTypes: offered }))}
        physicians={physicians}
        conditionRules={CONDITION_RULES}
        onRecord={coverage.conditions.map((condition) => ({
          key: condition.key,
          words: conditionWords(condition.key, condition.description),
          declaredAt: condition.declaredAt.toISOString(),
        }))}
        recordCoveredUntil={coveredUntil(coverage.conditions, coverage.approvals)?.toISOString()}
        defaultPhysicianId={lastPhysician}
        timeZone={settings.timeZone}
        holdCutoffHours={settings.holdCutoffHours}
        bookingHorizonDays={settings.bookingHorizonDays}
        cancellationNoticeHours={settings.cancellationNoticeHours}
        clinic={{ clinicName: settings.clinicName, address: settings.address, phone: settings.phone, email: settings.email }}
      />
    </>
  );
}
