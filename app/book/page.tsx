import type { Metadata } from "next";
import { BookingWizard } from "@/components/booking/booking-wizard";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { restrictionWords } from "@/lib/booking/queries";
import { listBookableTherapists, listMassageTypes, listPhysicians } from "@/lib/catalogue/queries";
import { restrictionsInForce } from "@/lib/clearance/restrictions";
import { getDb } from "@/lib/db";
import { CONDITION_RULES } from "@/lib/screening/conditions";
import { getClinicSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Book a massage" };

export default async function BookPage() {
  const user = await requireRole("PATIENT", "/book");
  const db = getDb();
  const [allTypes, therapists, physicians, settings, restrictions] = await Promise.all([
    listMassageTypes(db),
    listBookableTherapists(db),
    listPhysicians(db),
    getClinicSettings(db),
    restrictionsInForce(db, user.id, new Date()),
  ]);
  // A physician's restrictions decide what this patient is offered (the server enforces them again).
  const massageTypes = allTypes
    .filter((type) => !restrictions.excludedMassageTypes.includes(type.slug as never))
    .map((type) => ({
      ...type,
      durations: type.durations.filter((minutes) => restrictions.maxDurationMinutes === null || minutes <= restrictions.maxDurationMinutes),
    }))
    .filter((type) => type.durations.length > 0);
  return (
    <>
      <PageHeader title="Book a massage" lead="Five short steps. Your answers stay on this page until you book." />
      {restrictions.restrictions.length ? (
        <div className="mb-4">
          <Alert tone="warning">
            Your physician&apos;s restrictions apply: {restrictions.restrictions.map((r) => restrictionWords(r)).join("; ")}. Only what they
            allow is offered.
          </Alert>
        </div>
      ) : null}
      <BookingWizard
        massageTypes={massageTypes}
        therapists={therapists.map(({ id, name, bio, massageTypes: offered }) => ({ id, name, bio, massageTypes: offered }))}
        physicians={physicians}
        conditionRules={CONDITION_RULES}
        timeZone={settings.timeZone}
        holdCutoffHours={settings.holdCutoffHours}
      />
    </>
  );
}
