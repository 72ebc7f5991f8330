import { beforeAll, describe, expect, test } from "vitest";
import { ensurePhysician } from "@/lib/seed/factories";
import { useTestDatabase } from "@/test/db";
import { createTherapist, TEST_PASSWORD } from "@/test/fixtures";
import { listBookableTherapists, listMassageTypes, listPhysicians } from "./queries";

const t = useTestDatabase();
// Mid-morning UTC on 15 March 2027; certification dates are calendar days.
const NOW = new Date("2027-03-15T10:00:00Z");

beforeAll(async () => {
  await createTherapist(t.db, { name: "Ada Active", massageTypes: ["swedish", "deep-tissue"] });
  await createTherapist(t.db, { name: "Bo Today", massageTypes: ["myofascial"], certificationExpiry: new Date("2027-03-15") });
  await createTherapist(t.db, { name: "Cy Expired", massageTypes: ["swedish"], certificationExpiry: new Date("2027-03-14") });
  await createTherapist(t.db, { name: "Di Inactive", massageTypes: ["swedish"], active: false });
  // Offered in reverse order, to show the list follows the catalogue's order.
  await createTherapist(t.db, { name: "Eve Everything", massageTypes: ["myofascial", "deep-tissue", "swedish"] });
});

describe("listBookableTherapists", () => {
  test("lists active therapists whose certification is valid today, by name", async () => {
    const therapists = await listBookableTherapists(t.db, { now: NOW });
    expect(therapists.map((therapist) => therapist.name)).toEqual(["Ada Active", "Bo Today", "Eve Everything"]);
  });

  test("a certification that expired yesterday is excluded, one that expires today included", async () => {
    const names = (await listBookableTherapists(t.db, { now: NOW })).map((therapist) => therapist.name);
    expect(names).not.toContain("Cy Expired");
    expect(names).toContain("Bo Today");
    // The next day, today's expiry is gone too.
    const tomorrow = (await listBookableTherapists(t.db, { now: new Date("2027-03-16T00:30:00Z") })).map((x) => x.name);
    expect(tomorrow).toEqual(["Ada Active", "Eve Everything"]);
  });

  test("an inactive therapist is excluded", async () => {
    const names = (await listBookableTherapists(t.db, { now: NOW })).map((therapist) => therapist.name);
    expect(names).not.toContain("Di Inactive");
  });

  test("filters by massage type", async () => {
    const names = async (massageType: string) =>
      (await listBookableTherapists(t.db, { now: NOW, massageType })).map((therapist) => therapist.name);
    expect(await names("swedish")).toEqual(["Ada Active", "Eve Everything"]);
    expect(await names("myofascial")).toEqual(["Bo Today", "Eve Everything"]);
    expect(await names("deep-tissue")).toEqual(["Ada Active", "Eve Everything"]);
    expect(await names("hot-stone")).toEqual([]);
  });

  test("each therapist carries the massage types offered, in catalogue order", async () => {
    const eve = (await listBookableTherapists(t.db, { now: NOW })).find((therapist) => therapist.name === "Eve Everything");
    expect(eve).toMatchObject({ massageTypes: ["swedish", "deep-tissue", "myofascial"] });
    expect(eve?.certificationExpiry).toEqual(new Date("2099-12-31"));
  });
});

test("listMassageTypes lists Swedish, deep tissue and myofascial with their durations", async () => {
  const types = await listMassageTypes(t.db);
  expect(types.map(({ slug, durations }) => ({ slug, durations }))).toEqual([
    { slug: "swedish", durations: [30, 60, 90] },
    { slug: "deep-tissue", durations: [60, 90] },
    { slug: "myofascial", durations: [30, 60] },
  ]);
  for (const type of types) {
    expect(type.name.length).toBeGreaterThan(0);
    expect(type.description.length).toBeGreaterThan(0);
  }
});

test("listMassageTypes leaves out an inactive type", async () => {
  await t.db.massageType.update({ where: { slug: "deep-tissue" }, data: { active: false } });
  try {
    expect((await listMassageTypes(t.db)).map((type) => type.slug)).toEqual(["swedish", "myofascial"]);
  } finally {
    await t.db.massageType.update({ where: { slug: "deep-tissue" }, data: { active: true } });
  }
});

test("listPhysicians lists the active physicians by name", async () => {
  const spec = { password: TEST_PASSWORD, licenseNumber: "MD-1" };
  await ensurePhysician(t.db, { ...spec, email: "weber@example.test", name: "Dr. Jonas Weber", specialty: "Orthopaedics" });
  await ensurePhysician(t.db, { ...spec, email: "okafor@example.test", name: "Dr. Sara Okafor", specialty: "General practice" });
  const retired = await ensurePhysician(t.db, { ...spec, email: "old@example.test", name: "Dr. Retired", specialty: "" });
  await t.db.physician.update({ where: { id: retired.id }, data: { active: false } });

  expect((await listPhysicians(t.db)).map(({ name, specialty }) => ({ name, specialty }))).toEqual([
    { name: "Dr. Jonas Weber", specialty: "Orthopaedics" },
    { name: "Dr. Sara Okafor", specialty: "General practice" },
  ]);
});
