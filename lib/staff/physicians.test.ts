// The physicians' directory: an invitation on creation, edits, and deactivation taking them out of what patients choose from.
import { beforeAll, describe, expect, test } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { peekToken } from "@/lib/auth/tokens";
import { listPhysicians } from "@/lib/catalogue/queries";
import { at, book, createWorld, quickUser } from "@/lib/clearance/testing";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { ensureClinicSettings } from "@/lib/seed/factories";
import { physicianCreateSchema, physicianEditSchema } from "@/lib/validation/staff";
import { useTestDatabase } from "@/test/db";
import { createPhysician, getPhysicianForAdmin, listPhysiciansForAdmin, updatePhysician } from "./physicians";
import { adminActor, APP_URL, invitationFor, NOW, uniqueEmail } from "./testing";

const t = useTestDatabase();
let context: { actor: { id: string; role: "ADMIN" }; appUrl: string; now: Date };

beforeAll(async () => {
  await ensureClinicSettings(t.db);
  const actor = await adminActor(t.db);
  context = { actor: { id: actor.id, role: "ADMIN" }, appUrl: APP_URL, now: NOW };
});

const failureOf = async (work: () => Promise<unknown>) => work().then(() => undefined, (error: unknown) => error);

describe("createPhysician", () => {
  test("makes a physician account with an invitation mail, listed for patients at once", async () => {
    const input = physicianCreateSchema.parse({ name: "Dr. Lena Brandt", email: uniqueEmail("brandt"), specialty: "Orthopaedics", licenseNumber: "BIG-123" });
    const created = await createPhysician(t.db, input, context);
    const { token } = await invitationFor(t.db, input.email);
    expect(await peekToken(t.db, { token, purpose: "INVITATION", now: NOW })).toEqual({ ok: true, email: input.email, name: "Dr. Lena Brandt", newEmail: null });
    expect(await checkCredentials(t.db, { email: input.email, password: "whatever you like" }, "198.51.100.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await listPhysicians(t.db)).toContainEqual({ id: created.id, name: "Dr. Lena Brandt", specialty: "Orthopaedics" });
    expect(await getPhysicianForAdmin(t.db, created.id)).toMatchObject({ licenseNumber: "BIG-123", active: true, invitationPending: true, openRequests: 0 });
    expect(await t.db.auditEntry.count({ where: { action: "physician.created", entityId: created.id } })).toBe(1);
    expect(await failureOf(() => createPhysician(t.db, input, context))).toBeInstanceOf(ConflictError);
  });

  test("specialty and license are optional; name and email are not", () => {
    expect(physicianCreateSchema.safeParse({ name: "Dr. A", email: "a@example.test", specialty: "", licenseNumber: "" }).success).toBe(true);
    const bad = physicianCreateSchema.safeParse({ name: "", email: "", specialty: "x".repeat(121), licenseNumber: "" });
    expect(bad.error?.issues.map((issue) => issue.path.join(".")).toSorted()).toEqual(["email", "name", "specialty"]);
  });
});

describe("updatePhysician", () => {
  test("edits and deactivates: an inactive physician is not offered to patients; both are audited", async () => {
    const created = await createPhysician(t.db, physicianCreateSchema.parse({ name: "Dr. Kees Smit", email: uniqueEmail("smit"), specialty: "", licenseNumber: "" }), context);
    await updatePhysician(t.db, created.id, physicianEditSchema.parse({ specialty: "General practice", licenseNumber: "BIG-9", active: true }), context);
    const edited = await t.db.auditEntry.findFirstOrThrow({ where: { action: "physician.updated", entityId: created.id } });
    expect(edited.details).toEqual({ specialty: { from: "", to: "General practice" }, licenseNumber: { from: "", to: "BIG-9" } });

    await updatePhysician(t.db, created.id, physicianEditSchema.parse({ specialty: "General practice", licenseNumber: "BIG-9", active: false }), context);
    expect((await listPhysicians(t.db)).map((physician) => physician.id)).not.toContain(created.id);
    expect((await listPhysiciansForAdmin(t.db)).find((physician) => physician.id === created.id)).toMatchObject({ active: false });
    const deactivated = await t.db.auditEntry.findFirstOrThrow({ where: { action: "physician.deactivated", entityId: created.id } });
    expect(deactivated).toMatchObject({ fromState: "active", toState: "inactive", actorId: context.actor.id });

    await updatePhysician(t.db, created.id, physicianEditSchema.parse({ specialty: "General practice", licenseNumber: "BIG-9", active: true }), context);
    expect(await t.db.auditEntry.count({ where: { action: "physician.reactivated", entityId: created.id } })).toBe(1);
    expect(await failureOf(() => updatePhysician(t.db, "00000000-0000-4000-8000-000000000000", physicianEditSchema.parse({ specialty: "", licenseNumber: "", active: true }), context))).toBeInstanceOf(NotFoundError);
  });
});

describe("a deactivated physician and new bookings", () => {
  test("a booking that needs a clearance cannot be addressed to them (field message), and can to an active one", async () => {
    const world = await createWorld(t.db);
    await updatePhysician(t.db, world.physician.physicianId, physicianEditSchema.parse({ specialty: "", licenseNumber: "", active: false }), context);
    const patient = await quickUser(t.db, "PATIENT");
    const error = await failureOf(() => book(t.db, world, patient, { start: at(3, 9), conditions: { diabetes: true } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toHaveProperty("physicianId");
    const held = await book(t.db, world, patient, { start: at(3, 9), conditions: { diabetes: true }, physicianId: world.otherPhysician.physicianId });
    expect(held.status).toBe("held");
  });
});
