import { getDb } from "@/lib/db";
import { getClinicSettings } from "@/lib/settings";
import { ClinicAddress } from "./clinic-contact";

/** The footer's contact block: the clinic's settings as they are now. */
export async function SiteFooterContact() {
  return <ClinicAddress clinic={await getClinicSettings(getDb())} />;
}
