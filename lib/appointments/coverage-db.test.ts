import { beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { decisionSchema, type DecisionInput } from "@/lib/validation/clearance";
import { failureOf } from "@/test/errors";
import { useTestDatabase } from "@/test/db";
import { decideClearance } from "@/lib/clearance/decide";
import { addDocument, APP_URL, at, book, type Conditions, createWorld, heldBooking, NOW, quickPhysician, quickUser, type TestUser, type World } from "@/lib/clearance/testing";
import { loadPatientCoverage } from "./context";
import { coveredUntil, evaluateCoverage, restrictionMismatch, strictestLimits } from "./coverage";

/** What the booking page offers: the strictest limits of the restrictions in force at `at`. */
async function restrictionsInForce(patientId: string, when: Date) {
  const coverage = await loadPatientCoverage(t.db, patientId, NOW);
  const limits = strictestLimits(coverage.restrictions, when);
  return { ...limits, restrictions: limits.restrictions.map(({ id, clearanceId, text, physicianName }) => ({ id, clearanceId, text, physicianName })) };
}

/** The approvals covering these conditions at `when`, or null when one is not covered. */
async function coveringClearances(patientId: string, keys: Array<"diabetes" | "osteoporosis" | "cancer">, when: Date) {
  const coverage = await loadPatientCoverage(t.db, patientId, NOW);
  const result = evaluateCoverage({ ...coverage, conditions: keys.map((key) => ({ key })) }, { massageType: "swedish", duration: 60, start: when });
  return result.uncovered.length ? null : result.coveredBy;
}

const attached = async (appointmentId: string) =>
  (await t.db.appointmentRestriction.findMany({ where: { appointmentId }, orderBy: { restrictionId: "asc" } })).map((row) => row.restrictionId);

const t = useTestDatabase();
let world: World;

beforeAll(async () => {
  world = await createWorld(t.db);
});

/** A patient whose first booking (diabetes) was approved with these restrictions, valid until the given date. */
async function approvedPatient(start: Date, decision: DecisionInput, conditions: Conditions = { diabetes: true }) {
  const held = await heldBooking(t.db, world, { start, conditions });
  await addDocument(t.db, held.clearanceId, held.patient);
  const result = await decideClearance(t.db, {
    physicianUser: world.physician.user,
    clearanceId: held.clearanceId,
    decision: decisionSchema.parse(decision),
    appUrl: APP_URL,
    now: NOW,
  });
  return { ...held, result };
}

describe("a valid approval covers later bookings", () => {
  let patient: TestUser;
  let restrictionId: string | null;
  let clearanceId: string;

  beforeAll(async () => {
    const approved = await approvedPatient(at(2, 9), {
      decision: "approve",
      restrictions: { text: "Avoid lumbar pressure", excludedMassageTypes: ["deep-tissue"], maxDurationMinutes: 60 },
      validUntil: "2026-12-31",
    });
    expect(approved.result.outcome).toBe("confirmed");
    patient = approved.patient;
    restrictionId = approved.result.restrictionId;
    clearanceId = approved.clearanceId;
  });

  it("confirms a later booking with the same condition at once, with the restriction attached and no new request", async () => {
    const before = await t.db.clearanceRequest.count({ where: { patientId: patient.id } });
    const result = await book(t.db, world, patient, { start: at(10, 9), conditions: { diabetes: true }, physicianId: world.otherPhysician.physicianId });
    expect(result.status).toBe("confirmed");
    expect(result.clearance).toBeUndefined();
    const appointment = await t.db.appointment.findUniqueOrThrow({ where: { id: result.id } });
    expect(appointment).toMatchObject({ status: "CONFIRMED" });
    expect(await attached(result.id)).toEqual([restrictionId]);
    expect(await t.db.clearanceRequest.count({ where: { patientId: patient.id } })).toBe(before);
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { entityId: result.id, action: "appointment.created" } });
    expect(audit.details).toEqual({ coveredByClearances: [clearanceId] });
    const mail = await t.db.outboxMessage.findFirstOrThrow({ where: { to: patient.email }, orderBy: { createdAt: "desc" } });
    expect(mail.subject).toMatch(/^Appointment confirmed/);
  });

  it("holds a booking with a condition the approval did not cover, asking for a new clearance of that condition only", async () => {
    // Another patient of the same kind: osteoporosis stays on this one's record afterwards.
    const other = await approvedPatient(at(6, 9), { decision: "approve", restrictions: { excludedMassageTypes: ["deep-tissue"] }, validUntil: "2026-12-31" });
    const result = await book(t.db, world, other.patient, { start: at(10, 11), conditions: { diabetes: true, osteoporosis: true } });
    expect(result.status).toBe("held");
    const request = await t.db.clearanceRequest.findUniqueOrThrow({ where: { appointmentId: result.id } });
    expect(request).toMatchObject({ status: "AWAITING_DOCUMENT", conditions: ["osteoporosis"] });
    // The restriction in force still applies to the held booking.
    expect(await attached(result.id)).toEqual([other.result.restrictionId]);
    // And osteoporosis is on the record now: a booking that leaves it unticked is held as well.
    const next = await book(t.db, world, other.patient, { start: at(11, 11) });
    expect(next.status).toBe("held");
  });

  it("holds a booking after the approval has run out", async () => {
    const result = await book(t.db, world, patient, { start: at(32, 9), conditions: { diabetes: true } });
    expect(result.status).toBe("held");
    expect(await attached(result.id)).toEqual([]);
  });

  it("attaches the restriction to a booking with nothing to clear as well", async () => {
    const result = await book(t.db, world, patient, { start: at(11, 9) });
    expect(result.status).toBe("confirmed");
    expect(await attached(result.id)).toEqual([restrictionId]);
  });

  it("refuses an excluded massage type with 422 on massageType, naming the physician's restriction; nothing is written", async () => {
    const before = await t.db.appointment.count({ where: { patientId: patient.id } });
    for (const conditions of [{}, { diabetes: true }]) {
      const error = await failureOf(() => book(t.db, world, patient, { start: at(12, 9), massageType: "deep-tissue", conditions }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({
        status: 422,
        fields: { massageType: "Dr. Vermeer's restrictions rule out deep tissue massage for you until 31 December 2026. Choose another massage type." },
      });
      expect(Object.keys((error as ValidationError).fields!)).toEqual(["massageType"]);
    }
    expect(await t.db.appointment.count({ where: { patientId: patient.id } })).toBe(before);
  });

  it("refuses a session longer than allowed with 422 on duration", async () => {
    const error = await failureOf(() => book(t.db, world, patient, { start: at(12, 11), duration: 90 }));
    expect(error).toMatchObject({ status: 422, fields: { duration: expect.stringContaining("limit your sessions to 60 minutes") } });
    const ok = await book(t.db, world, patient, { start: at(12, 11), duration: 60 });
    expect(ok.status).toBe("confirmed");
  });

  it("stops applying when the approval has run out; the diabetes on record then needs a new clearance", async () => {
    const result = await book(t.db, world, patient, { start: at(33, 9), massageType: "deep-tissue", duration: 90 });
    expect(result.status).toBe("held");
    expect(await attached(result.id)).toEqual([]);
  });

  it("reports the restrictions in force for the booking page", async () => {
    const inForce = await restrictionsInForce(patient.id, NOW);
    expect(inForce).toMatchObject({
      excludedMassageTypes: ["deep-tissue"],
      maxDurationMinutes: 60,
      restrictions: [{ id: restrictionId, clearanceId, text: "Avoid lumbar pressure", physicianName: "Dr. Vermeer" }],
    });
    expect(await restrictionsInForce(patient.id, new Date("2027-01-01T00:00:00Z"))).toEqual({
      restrictions: [],
      excludedMassageTypes: [],
      maxDurationMinutes: null,
    });
  });
});

describe("several approvals", () => {
  it("cover the union of their conditions; the strictest limits apply; every restriction in force is attached", async () => {
    const first = await approvedPatient(at(3, 9), { decision: "approve", restrictions: { maxDurationMinutes: 90, excludedMassageTypes: ["myofascial"] } });
    const patient = first.patient;
    // A second request, for osteoporosis, to another physician.
    const second = await heldBooking(t.db, world, { patient, start: at(3, 12), conditions: { osteoporosis: true }, physicianId: world.otherPhysician.physicianId });
    await addDocument(t.db, second.clearanceId, patient);
    const decided = await decideClearance(t.db, {
      physicianUser: world.otherPhysician.user,
      clearanceId: second.clearanceId,
      decision: decisionSchema.parse({ decision: "approve", restrictions: { maxDurationMinutes: 60 } }),
      appUrl: APP_URL,
      now: NOW,
    });
    expect(decided.outcome).toBe("confirmed");

    expect(await coveringClearances(patient.id, ["diabetes", "osteoporosis"], at(20))).toEqual(
      expect.arrayContaining([first.clearanceId, second.clearanceId]),
    );
    expect(await coveringClearances(patient.id, ["diabetes", "cancer"], at(20))).toBeNull();
    const coverage = await loadPatientCoverage(t.db, patient.id, NOW);
    expect(coveredUntil(coverage.conditions, coverage.approvals)).not.toBeNull();
    const inForce = await restrictionsInForce(patient.id, at(20));
    expect(inForce).toMatchObject({ excludedMassageTypes: ["myofascial"], maxDurationMinutes: 60 });

    const both = await book(t.db, world, patient, { start: at(20, 9), conditions: { diabetes: true, osteoporosis: true } });
    expect(both.status).toBe("confirmed");
    expect(await attached(both.id)).toEqual([first.result.restrictionId, decided.restrictionId].sort());
    await expect(book(t.db, world, patient, { start: at(20, 12), massageType: "myofascial", duration: 30 })).rejects.toMatchObject({
      fields: { massageType: expect.stringContaining("Dr. Vermeer") },
    });
  });

  it("do not cover another serious condition described differently", async () => {
    const first = await approvedPatient(at(4, 9), { decision: "approve" }, { otherSerious: "Asthma" });
    const same = await book(t.db, world, first.patient, { start: at(21, 9), conditions: { otherSerious: "  asthma " } });
    expect(same.status).toBe("confirmed");
    const different = await book(t.db, world, first.patient, { start: at(21, 12), conditions: { otherSerious: "Kidney disease" } });
    expect(different.status).toBe("held");
  });

  it("a declined or pending request covers nothing", async () => {
    const held = await heldBooking(t.db, world, { start: at(5, 9) });
    expect(await coveringClearances(held.patient.id, ["diabetes"], at(22))).toBeNull();
    await addDocument(t.db, held.clearanceId, held.patient);
    await decideClearance(t.db, {
      physicianUser: world.physician.user,
      clearanceId: held.clearanceId,
      decision: decisionSchema.parse({ decision: "decline", reason: "Not yet" }),
      appUrl: APP_URL,
      now: NOW,
    });
    const again = await book(t.db, world, held.patient, { start: at(22, 9), conditions: { diabetes: true } });
    expect(again.status).toBe("held");
    expect(await coveringClearances(held.patient.id, [], at(22))).toEqual([]);
  });
});

describe("restrictionMismatch", () => {
  it("names what does not fit", () => {
    const restriction = { excludedMassageTypes: ["deep-tissue"], maxDurationMinutes: 60 };
    expect(restrictionMismatch(restriction, { massageType: "swedish", duration: 60 })).toEqual([]);
    expect(restrictionMismatch(restriction, { massageType: "deep-tissue", duration: 90 })).toEqual(["massageType", "duration"]);
    expect(restrictionMismatch({ excludedMassageTypes: [], maxDurationMinutes: null }, { massageType: "deep-tissue", duration: 90 })).toEqual([]);
  });
});

describe("a patient with no approvals", () => {
  it("has nothing in force and books as before", async () => {
    const patient = await quickUser(t.db, "PATIENT");
    expect(await restrictionsInForce(patient.id, NOW)).toEqual({ restrictions: [], excludedMassageTypes: [], maxDurationMinutes: null });
    const other = await quickPhysician(t.db);
    const result = await book(t.db, world, patient, { start: at(23, 9), conditions: { cancer: true }, physicianId: other.physicianId });
    expect(result.status).toBe("held");
  });
});
