import type { Metadata } from "next";
import { BookingWizard } from "@/components/booking/booking-wizard";
import { PageHeader } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { listBookableTherapists, listMassageTypes, listPhysicians } from "@/lib/catalogue/queries";
import { getDb } from "@/lib/db";
import { CONDITION_RULES } from "@/lib/screening/conditions";
import { getClinicSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Book a massage" };

export default async function BookPage() {
  await requireRole("PATIENT", "/book");
  const db = getDb();
  const [massageTypes, therapists, physicians, settings] = await Promise.all([
    listMassageTypes(db),
    listBookableTherapists(db),
    listPhysicians(db),
    getClinicSettings(db),
  ]);
  return (
    <>
      <PageHeader title="Book a massage" lead="Five short steps. Your answers stay on this page until you book." />
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
