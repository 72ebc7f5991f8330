// The demo's session history: five completed sessions with notes whose trend the chart states, six started visits
// waiting to be recorded (with the physician's restriction attached and the day-before check answered), and nothing added on a second run.
import { beforeAll, expect, test } from "vitest";
import { answersOf } from "@/lib/health-check/queries";
import { painTrendWords } from "@/lib/notes/trend";
import { progressForPatient } from "@/lib/notes/notes";
import { useTestDatabase } from "@/test/db";
import { DEMO_ACCOUNTS, seedDemo } from "./demo";
import { seedDemoSessions } from "./sessions";

const t = useTestDatabase();
beforeAll(async () => {
  await seedDemo(t.db);
});

test("Pat's history shows a trend, and six started visits wait for notes with their restriction", async () => {
  const patient = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.patient } });
  const points = await progressForPatient(t.db, { id: patient.id, role: "PATIENT" });
  expect(painTrendWords(points)).toBe("Average pain after sessions down from 6 to 3 over 5 visits.");
  const waiting = await t.db.appointment.findMany({
    where: { patientId: patient.id, status: "CONFIRMED", startsAt: { lt: new Date() } },
    select: { restrictions: true, intake: { select: { painLevel: true } }, healthCheck: true },
  });
  expect(waiting).toHaveLength(6);
  expect(waiting.every((visit) => visit.restrictions.length === 1 && visit.intake)).toBe(true);
  // Each answered the evening before, all clear, as the therapist's card and page show.
  expect(waiting.every((visit) => answersOf(visit.healthCheck)?.fever === false && answersOf(visit.healthCheck)?.acuteInjury === false)).toBe(true);

  const before = await t.db.appointment.count();
  await seedDemoSessions(t.db, { patient: DEMO_ACCOUNTS.patient, therapist: DEMO_ACCOUNTS.therapist, physician: DEMO_ACCOUNTS.physician });
  expect(await t.db.appointment.count()).toBe(before);
});
