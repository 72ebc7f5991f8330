// The patient's three lists on a real database with a frozen clock: a move
// shows once, at its new time, with where it came from; cancelled visits stand
// apart; what happened is past.
import { beforeAll, expect, test } from "vitest";
import { cancelAppointment } from "@/lib/appointments/cancel";
import { changeAppointment } from "@/lib/appointments/change";
import { APP_URL, at, book, createWorld, NOW, quickUser, type TestUser, type World } from "@/lib/clearance/testing";
import { useTestDatabase } from "@/test/db";
import { patientAppointmentLists } from "./patient-lists";

const t = useTestDatabase();
let world: World;
let patient: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  world = await createWorld(t.db);
  patient = await quickUser(t.db, "PATIENT", "List Reader");
  ids.early = (await book(t.db, world, patient, { start: at(3, 9) })).id;
  ids.later = (await book(t.db, world, patient, { start: at(15, 9) })).id;
  ids.movedAway = (await book(t.db, world, patient, { start: at(16, 9) })).id;
  ids.moved = (await changeAppointment(t.db, { user: { id: patient.id, role: "PATIENT" }, appointmentId: ids.movedAway, start: at(17, 13), appUrl: APP_URL, now: NOW })).id;
  ids.cancelled = (await book(t.db, world, patient, { start: at(18, 9) })).id;
  await cancelAppointment(t.db, { user: { id: patient.id, role: "PATIENT" }, appointmentId: ids.cancelled, appUrl: APP_URL, now: NOW });
});

const viewer = () => ({ id: patient.id, role: "PATIENT" as const });
const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);

test("upcoming soonest first; the moved visit once, at its new time, with its old time; the slot it left in no list", async () => {
  const lists = await patientAppointmentLists(t.db, viewer(), NOW);
  expect(idsOf(lists.upcoming)).toEqual([ids.early, ids.later, ids.moved]);
  const moved = lists.upcoming.items.find((item) => item.id === ids.moved)!;
  expect(moved.startsAt.toISOString()).toBe(at(17, 13).toISOString());
  expect(moved.rescheduledFrom?.startsAt.toISOString()).toBe(at(16, 9).toISOString());
  const everywhere = [...idsOf(lists.upcoming), ...idsOf(lists.past), ...idsOf(lists.cancelled)];
  expect(everywhere).not.toContain(ids.movedAway);
  expect(everywhere.filter((id) => id === ids.moved)).toHaveLength(1);
});

test("cancelled apart from the live ones", async () => {
  const lists = await patientAppointmentLists(t.db, viewer(), NOW);
  expect(idsOf(lists.cancelled)).toEqual([ids.cancelled]);
  expect(idsOf(lists.upcoming)).not.toContain(ids.cancelled);
});

test("once its time has passed, a visit is past, latest first", async () => {
  const lists = await patientAppointmentLists(t.db, viewer(), at(16, 12));
  expect(idsOf(lists.past)).toEqual([ids.later, ids.early]);
  expect(idsOf(lists.upcoming)).toEqual([ids.moved]);
});

test("each list pages from its own cursor", async () => {
  const first = await patientAppointmentLists(t.db, viewer(), NOW, {}, 2);
  expect(idsOf(first.upcoming)).toEqual([ids.early, ids.later]);
  const second = await patientAppointmentLists(t.db, viewer(), NOW, { upcoming: first.upcoming.next! }, 2);
  expect(idsOf(second.upcoming)).toEqual([ids.moved]);
  expect(second.upcoming.next).toBeNull();
});
