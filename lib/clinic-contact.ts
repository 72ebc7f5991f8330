// The clinic's contact details as the pages and the mails give them: one
// source (ClinicSettings: name, address, phone, email), one way of writing
// them, and one tel: link. Pure: client components import it too.
import type { ClinicSettings } from "@/lib/generated/prisma/client";

export type ClinicContact = Pick<ClinicSettings, "clinicName" | "address" | "phone" | "email">;

/** "tel:+31205550142": the digits (and a leading +) of the number as the clinic writes it. */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  return `tel:${trimmed.startsWith("+") ? "+" : ""}${trimmed.replace(/\D/g, "")}`;
}

/** The clinic's details, one per line, leaving out any the clinic has not filled in. */
export function contactLines(clinic: ClinicContact): string[] {
  return [
    clinic.clinicName.trim(),
    clinic.address.trim(),
    clinic.phone.trim() ? `Phone: ${clinic.phone.trim()}` : "",
    clinic.email.trim() ? `Email: ${clinic.email.trim()}` : "",
  ].filter(Boolean);
}
