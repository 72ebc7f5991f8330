import type { DbClient } from "@/lib/db/prisma";
import type { ClinicSettings } from "@/lib/generated/prisma/client";

export const DEFAULT_SETTINGS: ClinicSettings = {
  id: 1,
  clinicName: "Back-care Massage Clinic",
  timeZone: "Europe/Amsterdam",
  holdCutoffHours: 24,
  minimumNoticeHours: 2,
  cancellationNoticeHours: 24,
  bookingHorizonDays: 60,
  slotGridMinutes: 30,
  clearanceValidityMonths: 12,
  address: "",
  phone: "",
  email: "",
  noteLockHours: 48,
  healthCheckHour: 18,
  waitlistOfferMinutes: 120,
};

export async function getClinicSettings(db: DbClient): Promise<ClinicSettings> {
  return (await db.clinicSettings.findUnique({ where: { id: 1 } })) ?? DEFAULT_SETTINGS;
}
