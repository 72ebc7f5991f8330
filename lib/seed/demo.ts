// The demo clinic that `npm start` seeds on an empty embedded database
// (README.md lists these accounts). Idempotent: running it twice
// changes nothing.
import type { Db } from "@/lib/db/prisma";
import {
  ensureClinicSettings,
  ensureMassageTypes,
  ensurePhysician,
  ensureTherapist,
  ensureUser,
} from "./factories";
import { seedDemoSessions } from "./sessions";

export const DEMO_PASSWORD = "clinic-demo-2026";

export const DEMO_ACCOUNTS = {
  admin: "admin@clinic.test",
  therapist: "therapist@clinic.test",
  myofascial: "myofascial@clinic.test",
  physician: "physician@clinic.test",
  physician2: "physician2@clinic.test",
  patient: "patient@clinic.test",
} as const;

const WEEKDAYS_9_TO_5: Array<[number, string, string]> = [1, 2, 3, 4, 5].map((d) => [d, "09:00", "17:00"]);
const TUESDAY_TO_SATURDAY: Array<[number, string, string]> = [2, 3, 4, 5, 6].map((d) => [d, "10:00", "18:00"]);

/** True when the database has no users yet: the signal to seed the demo on first start. */
export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

export async function seedDemo(db: Db): Promise<void> {
  const password = DEMO_PASSWORD;
  await ensureClinicSettings(db);
  // The demo clinic's contact details (a real clinic enters its own under Admin → Settings).
  await db.clinicSettings.update({
    where: { id: 1 },
    data: { address: "Prinsengracht 263, 1016 GV Amsterdam", phone: "+31 20 555 0142", email: "desk@clinic.test" },
  });
  await ensureMassageTypes(db);
  await ensureUser(db, { email: DEMO_ACCOUNTS.admin, name: "Clinic Front Desk", role: "ADMIN", password });
  await ensureTherapist(db, {
    email: DEMO_ACCOUNTS.therapist,
    name: "Anna Lindqvist",
    password,
    certificationNumber: "LMT-2024-0117",
    certificationExpiry: new Date("2028-06-30"),
    massageTypes: ["swedish", "deep-tissue"],
    bio: "Fifteen years with chronic lower-back pain, office workers and runners.",
    hours: WEEKDAYS_9_TO_5,
  });
  await ensureTherapist(db, {
    email: DEMO_ACCOUNTS.myofascial,
    name: "Marco Bianchi",
    password,
    certificationNumber: "LMT-2021-0342",
    certificationExpiry: new Date("2027-12-31"),
    massageTypes: ["myofascial", "swedish"],
    bio: "Trigger point work for neck, shoulder and upper-back pain.",
    hours: TUESDAY_TO_SATURDAY,
  });
  await ensurePhysician(db, {
    email: DEMO_ACCOUNTS.physician,
    name: "Dr. Sara Okafor",
    password,
    specialty: "General practice",
    licenseNumber: "MD-55120",
  });
  await ensurePhysician(db, {
    email: DEMO_ACCOUNTS.physician2,
    name: "Dr. Jonas Weber",
    password,
    specialty: "Orthopaedics",
    licenseNumber: "MD-61877",
  });
  await ensureUser(db, { email: DEMO_ACCOUNTS.patient, name: "Pat Jensen", role: "PATIENT", password });
  // Pat's sessions with Anna: history with notes, and visits that wait to be recorded (lib/seed/sessions.ts).
  await seedDemoSessions(db, { patient: DEMO_ACCOUNTS.patient, therapist: DEMO_ACCOUNTS.therapist, physician: DEMO_ACCOUNTS.physician });
}
