import { beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { clearanceQueueQuerySchema, decisionSchema } from "@/lib/validation/clearance";
import { useTestDatabase } from "@/test/db";
import { decideClearance } from "./decide";
import { ageOn, clearanceJson, clearanceQueueItemJson, getClearance, listClearanceQueue } from "./queries";
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
    });
    // No storage details leave the server.
    expect(JSON.stringify(json)).not.toContain("storageKey");
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
