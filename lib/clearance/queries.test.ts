import { beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { clearanceQueueQuerySchema, decisionSchema } from "@/lib/validation/clearance";
import { useTestDatabase } from "@/test/db";
import { decideClearance } from "./decide";
import { ageOn, clearanceJson, clearanceQueueItemJson, earlierElsewhereWords, getClearance, listClearanceQueue } from "./queries";
import { addDocument, APP_URL, at, createWorld, heldBooking, NOW, quickPhysician, quickUser, type World } from "./testing";

const t = useTestDatabase();
let world: World;
let physician: Awaited<ReturnType<typeof quickPhysician>>;

beforeAll(async () => {
  world = await createWorld(t.db);
  // A physician of their own, so the queue holds only this file's requests in a known order.
  physician = await quickPhysician(t.db, "Dr. Queue");
});

describe("who sees a clearance request", () => {
  it("its patient, the addressed physician and admins; 404 for everyone else", async () => {
    const held = await heldBooking(t.db, world, { start: at(3, 9), physicianId: physician.physicianId });
    const see = (viewer: { id: string; role: World["admin"]["role"] }) => getClearance(t.db, viewer, held.clearanceId, { now: NOW });
    for (const viewer of [held.patient, physician.user, world.admin]) {
      expect((await see(viewer)).id, viewer.role).toBe(held.clearanceId);
    }
    for (const viewer of [await quickUser(t.db, "PATIENT"), world.physician.user, world.therapistUser]) {
      await expect(see(viewer), viewer.role).rejects.toBeInstanceOf(NotFoundError);
    }
  });
});

describe("getClearance", () => {
  it("carries what the physician decides on: documents, appointment, patient, intake and earlier requests", async () => {
    const first = await heldBooking(t.db, world, { start: at(4, 9), physicianId: world.physician.physicianId });
    await t.db.user.update({ where: { id: first.patient.id }, data: { dateOfBirth: new Date("1960-12-02") } });
    await addDocument(t.db, first.clearanceId, first.patient);
    await decideClearance(t.db, {
      physicianUser: world.physician.user,
      clearanceId: first.clearanceId,
      decision: decisionSchema.parse({ decision: "approve", restrictions: { excludedMassageTypes: ["deep-tissue"] }, validUntil: "2026-12-20" }),
      appUrl: APP_URL,
      now: NOW,
    });
    // A second request after the first approval ran out, for a condition it did not cover.
    const second = await heldBooking(t.db, world, {
      patient: first.patient,
      start: at(24, 9),
      massageType: "myofascial",
      duration: 30,
      conditions: { diabetes: true, cardiovascular: true },
      physicianId: physician.physicianId,
    });
    const document = await addDocument(t.db, second.clearanceId, physician.user);

    const record = await getClearance(t.db, physician.user, second.clearanceId, { now: NOW });
    expect(record.patientAge).toBe(65); // 66 tomorrow
    const json = clearanceJson(record);
    expect(json).toMatchObject({
      id: second.clearanceId,
      status: "under_review",
      conditions: [
        { key: "cardiovascular", label: expect.stringContaining("Cardiovascular") },
        { key: "diabetes", label: "Diabetes" },
      ],
      holdUntil: at(23, 9).toISOString(),
      decidedAt: null,
      physician: { id: physician.physicianId, name: "Dr. Queue" },
      patient: { id: first.patient.id, name: first.patient.name, age: 65 },
      appointment: {
        id: second.appointmentId,
        status: "held",
        start: at(24, 9).toISOString(),
        durationMinutes: 30,
        massageType: { slug: "myofascial" },
        therapist: { id: world.therapistId },
      },
      intake: { painOnset: "chronic", painAreas: ["lower-back"], painLevel: 5, flags: [{ key: "cardiovascular" }, { key: "diabetes" }] },
      documents: [
        {
          id: document.id,
          originalName: "clearance.pdf",
          mimeType: "application/pdf",
          sizeBytes: 1234,
          sha256: document.sha256,
          uploadedBy: { id: physician.user.id, name: "Dr. Queue" },
          href: `/api/v1/documents/${document.id}`,
        },
      ],
      restriction: null,
      // The first request was Dr. Vermeer's: Dr. Queue learns only that there was one.
      earlier: [],
      earlierElsewhere: 1,
    });
    // No storage details leave the server.
    expect(JSON.stringify(json)).not.toContain("storageKey");
    // An admin sees the whole history.
    expect(clearanceJson(await getClearance(t.db, world.admin, second.clearanceId, { now: NOW }))).toMatchObject({
      earlier: [
        {
          id: first.clearanceId,
          status: "approved",
          conditions: [{ key: "diabetes" }],
          decidedAt: expect.any(String),
          validUntil: "2026-12-20T23:00:00.000Z",
          physician: { name: "Dr. Vermeer" },
          restriction: { excludedMassageTypes: ["deep-tissue"], maxDurationMinutes: null, validUntil: "2026-12-20T23:00:00.000Z" },
        },
      ],
      earlierElsewhere: 0,
    });
  });

  it("computes ages around birthdays", () => {
    expect(ageOn(new Date("2000-03-15"), new Date("2026-03-14T23:00:00Z"))).toBe(25);
    expect(ageOn(new Date("2000-03-15"), new Date("2026-03-15T00:00:00Z"))).toBe(26);
    expect(ageOn(new Date("2000-02-29"), new Date("2026-03-01T00:00:00Z"))).toBe(26);
  });
});

describe("the physician's queue", () => {
  it("lists requests addressed to them, soonest appointment first, with counts by status and a status filter", async () => {
    const queue = await listClearanceQueue(t.db, physician.user);
    const ids = queue.items.map((item) => item.id);
    const starts = queue.items.map((item) => item.appointment!.startsAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    // The second request's cardiovascular disease was new: the patient's earlier, approved appointment is not covered
    // for it, so it waits for a clearance of its own, addressed to the same physician (lib/appointments/review.ts).
    expect(queue.counts).toEqual({ awaiting_document: 2, under_review: 1, approved: 0, declined: 0, expired: 0 });

    const later = await heldBooking(t.db, world, { start: at(2, 12), physicianId: physician.physicianId });
    const reordered = await listClearanceQueue(t.db, physician.user);
    expect(reordered.items[0]!.id).toBe(later.clearanceId);
    expect(reordered.counts.awaiting_document).toBe(3);

    const reviewing = await listClearanceQueue(t.db, physician.user, { status: "under_review" });
    expect(reviewing.items.map((item) => item.status)).toEqual(["UNDER_REVIEW"]);
    expect(reviewing.counts).toEqual(reordered.counts);
    expect((await listClearanceQueue(t.db, physician.user, { status: "open" })).items).toHaveLength(4);
    expect((await listClearanceQueue(t.db, physician.user, { status: "approved" })).items).toEqual([]);

    expect(clearanceQueueItemJson(reviewing.items[0]!)).toMatchObject({
      status: "under_review",
      documentCount: 1,
      conditions: [{ key: "cardiovascular" }, { key: "diabetes" }],
      patient: { name: expect.any(String) },
      appointment: { status: "held", massageType: { slug: "myofascial" } },
    });
    // Another physician's queue holds none of these.
    const other = await listClearanceQueue(t.db, (await quickPhysician(t.db)).user);
    expect(other.items).toEqual([]);
  });

  it("accepts only known status filters", () => {
    expect(clearanceQueueQuerySchema.parse({ status: "open" })).toEqual({ status: "open" });
    expect(clearanceQueueQuerySchema.parse({})).toEqual({});
    expect(clearanceQueueQuerySchema.safeParse({ status: "OPEN" }).success).toBe(false);
    expect(clearanceQueueQuerySchema.safeParse({ status: "pending" }).success).toBe(false);
  });
});

describe("a physician and the patient's earlier requests", () => {
  it("sees those addressed to them in full, of the others only how many, and every read is audited", async () => {
    const mine = await quickPhysician(t.db, "Dr. Mine");
    const theirs = await quickPhysician(t.db, "Dr. Theirs");
    const decide = async (physicianUser: typeof mine.user, clearanceId: string, text: string) => {
      await addDocument(t.db, clearanceId, physicianUser);
      await decideClearance(t.db, {
        physicianUser,
        clearanceId,
        decision: decisionSchema.parse({ decision: "approve", restrictions: { text }, validUntil: "2026-12-30" }),
        appUrl: APP_URL,
        now: NOW,
      });
    };
    // Three earlier requests of one patient: one to Dr. Mine, two to Dr. Theirs (one with a condition Dr. Mine never saw).
    const own = await heldBooking(t.db, world, { start: at(5, 9), physicianId: mine.physicianId });
    await decide(mine.user, own.clearanceId, "Gentle pressure only.");
    const patient = own.patient;
    const other1 = await heldBooking(t.db, world, { patient, start: at(6, 9), physicianId: theirs.physicianId, conditions: { diabetes: true, osteoporosis: true } });
    await decide(theirs.user, other1.clearanceId, "No pressure on the spine: osteoporosis T-score -3.1.");
    const other2 = await heldBooking(t.db, world, { patient, start: at(7, 9), physicianId: theirs.physicianId, conditions: { diabetes: true, cancer: true } });
    // The request under review, to Dr. Mine.
    const current = await heldBooking(t.db, world, { patient, start: at(8, 9), physicianId: mine.physicianId, conditions: { diabetes: true, cardiovascular: true } });

    // A new condition also puts the patient's other upcoming appointments on hold, each with a request of its own
    // (lib/appointments/review.ts): the expectation comes from the rows, by physician, newest first.
    const history = await t.db.clearanceRequest.findMany({
      where: { patientId: patient.id, id: { not: current.clearanceId } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: { id: true, physicianId: true },
    });
    const addressedToMine = history.filter((entry) => entry.physicianId === mine.physicianId).map((entry) => entry.id);
    const elsewhere = history.filter((entry) => entry.physicianId !== mine.physicianId).map((entry) => entry.id);
    expect(addressedToMine).toContain(own.clearanceId);
    expect(elsewhere).toEqual(expect.arrayContaining([other1.clearanceId, other2.clearanceId]));

    const record = await getClearance(t.db, mine.user, current.clearanceId, { now: NOW, ipAddress: "198.51.100.7" });
    expect(record.earlier.map((entry) => entry.id)).toEqual(addressedToMine);
    expect(record.earlierElsewhere).toBe(elsewhere.length);
    expect(earlierElsewhereWords(2)).toBe("2 earlier requests reviewed by other physicians");
    expect(earlierElsewhereWords(1)).toBe("1 earlier request reviewed by another physician");
    const json = JSON.stringify(clearanceJson(record));
    for (const hidden of [...elsewhere, "osteoporosis", "T-score", "Dr. Theirs"]) expect(json).not.toContain(hidden);
    expect(json).toContain("Gentle pressure only.");

    const read = await t.db.auditEntry.findFirstOrThrow({ where: { action: "clearance.read", entityId: current.clearanceId }, orderBy: { id: "desc" } });
    expect(read).toMatchObject({
      actorId: mine.user.id,
      actorRole: "PHYSICIAN",
      entityType: "ClearanceRequest",
      ipAddress: "198.51.100.7",
      details: { patientId: patient.id, earlier: addressedToMine, earlierElsewhere: elsewhere.length },
    });

    // Dr. Theirs, on their own request, sees theirs and not Dr. Mine's.
    const fromTheirs = await getClearance(t.db, theirs.user, other2.clearanceId, { now: NOW });
    expect(fromTheirs.earlier.map((entry) => entry.id)).toContain(other1.clearanceId);
    expect(fromTheirs.earlier.map((entry) => entry.id)).not.toContain(own.clearanceId);
    expect(fromTheirs.earlierElsewhere).toBeGreaterThanOrEqual(1);
    // The patient sees their own history whole.
    const fromPatient = await getClearance(t.db, patient, current.clearanceId, { now: NOW });
    expect(fromPatient.earlier.map((entry) => entry.id)).toEqual(history.map((entry) => entry.id));
    expect(fromPatient.earlierElsewhere).toBe(0);
    // A request outside the scope is not read, and no read is recorded for it.
    const reads = () => t.db.auditEntry.count({ where: { action: "clearance.read", entityId: other1.clearanceId } });
    const before = await reads();
    await expect(getClearance(t.db, mine.user, other1.clearanceId, { now: NOW })).rejects.toBeInstanceOf(NotFoundError);
    expect(await reads()).toBe(before);
  });
});
