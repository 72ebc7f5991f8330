import { beforeAll, expect, test } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { useTestDatabase } from "@/test/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seedDemo } from "./demo";

const t = useTestDatabase();

const counts = async () => ({
  users: await t.db.user.count(),
  therapists: await t.db.therapist.count(),
  physicians: await t.db.physician.count(),
  massageTypes: await t.db.massageType.count(),
  settings: await t.db.clinicSettings.count(),
  offered: await t.db.therapistMassageType.count(),
  workingHours: await t.db.workingHours.count(),
});

let afterFirst: Awaited<ReturnType<typeof counts>>;

beforeAll(async () => {
  expect(await isEmpty(t.db)).toBe(true);
  await seedDemo(t.db);
  afterFirst = await counts();
});

test("seeds the demo clinic", async () => {
  expect(afterFirst).toMatchObject({ users: 6, therapists: 2, physicians: 2, massageTypes: 3, settings: 1 });
  expect(await isEmpty(t.db)).toBe(false);
});

test("seeding again changes nothing", async () => {
  await seedDemo(t.db);
  expect(await counts()).toEqual(afterFirst);
});

test("every demo account exists with its role and the demo password", async () => {
  const roles = { admin: "ADMIN", therapist: "THERAPIST", myofascial: "THERAPIST", physician: "PHYSICIAN", physician2: "PHYSICIAN", patient: "PATIENT" };
  for (const [key, email] of Object.entries(DEMO_ACCOUNTS)) {
    const user = await t.db.user.findUniqueOrThrow({ where: { email } });
    expect(user.role, email).toBe(roles[key as keyof typeof roles]);
  }
  const patient = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.patient } });
  expect(await verifyPassword(patient.passwordHash, DEMO_PASSWORD)).toBe(true);
});

async function therapistByEmail(email: string) {
  return t.db.therapist.findFirstOrThrow({
    where: { user: { email } },
    include: {
      massageTypes: { select: { massageTypeSlug: true } },
      workingHours: { select: { weekday: true, startMinute: true, endMinute: true }, orderBy: { weekday: "asc" } },
    },
  });
}

const slugs = (therapist: Awaited<ReturnType<typeof therapistByEmail>>) =>
  therapist.massageTypes.map((offered) => offered.massageTypeSlug).sort();

test("therapist@clinic.test offers Swedish and deep tissue, Monday to Friday 09:00-17:00", async () => {
  const therapist = await therapistByEmail(DEMO_ACCOUNTS.therapist);
  expect(slugs(therapist)).toEqual(["deep-tissue", "swedish"]);
  expect(therapist.workingHours).toEqual(
    [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 17 * 60 })),
  );
});

test("myofascial@clinic.test offers myofascial and Swedish, Tuesday to Saturday 10:00-18:00", async () => {
  const therapist = await therapistByEmail(DEMO_ACCOUNTS.myofascial);
  expect(slugs(therapist)).toEqual(["myofascial", "swedish"]);
  expect(therapist.workingHours).toEqual(
    [2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute: 10 * 60, endMinute: 18 * 60 })),
  );
});

test("the clinic settings row has the defaults", async () => {
  expect(await t.db.clinicSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
    timeZone: "Europe/Amsterdam",
    holdCutoffHours: 24,
  });
});
