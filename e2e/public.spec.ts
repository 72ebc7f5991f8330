import { expect, expectNoAxeViolations, test } from "./fixtures";

test("home shows the clinic, its three massage types and certified therapists @phone", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Massage therapy for back pain");
  const types = page.getByRole("region", { name: "Three kinds of massage" });
  await expect(types.getByRole("heading", { name: "Swedish massage" })).toBeVisible();
  await expect(types.getByRole("heading", { name: "Deep tissue massage" })).toBeVisible();
  await expect(types.getByRole("heading", { name: "Myofascial trigger point therapy" })).toBeVisible();
  await expect(types.getByText("suits chronic back pain")).toBeVisible();

  const therapists = page.getByRole("region", { name: "Our therapists" });
  await expect(therapists.getByRole("heading", { name: "Anna Lindqvist" })).toBeVisible();
  await expect(therapists.getByText("LMT-2024-0117")).toBeVisible();
  await expect(therapists.getByRole("heading", { name: "Marco Bianchi" })).toBeVisible();

  const safety = page.getByRole("region", { name: "When massage is not advised" });
  await expect(safety.getByText("A fever")).toBeVisible();
  await expect(safety.getByText("Osteoporosis")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the self-care page gives the neck and shoulder steps @phone", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Self-care" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /neck and shoulders/ })).toBeVisible();
  await expect(page.getByText("bring your chin down towards your chest")).toBeVisible();
  await expect(page.getByText("where your neck meets your shoulders")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an unknown page says so and passes axe", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the public API answers in the documented shapes", async ({ request }) => {
  const types = await (await request.get("/api/v1/massage-types")).json();
  expect(types.map((t: { slug: string }) => t.slug)).toEqual(["swedish", "deep-tissue", "myofascial"]);
  expect(types[1]).toMatchObject({ name: "Deep tissue massage", durations: [60, 90] });

  const myofascial = await (await request.get("/api/v1/therapists?massageType=myofascial")).json();
  expect(myofascial).toEqual([{ id: expect.any(String), name: "Marco Bianchi", massageTypes: ["swedish", "myofascial"] }]);

  const bad = await request.get("/api/v1/therapists?massageType=hot-stone");
  expect(bad.status()).toBe(422);
  expect(await bad.json()).toMatchObject({ error: "validation", fields: { massageType: expect.any(String) } });

  const physicians = await (await request.get("/api/v1/physicians")).json();
  expect(physicians.map((p: { name: string }) => p.name).sort()).toEqual(["Dr. Jonas Weber", "Dr. Sara Okafor"]);
  expect(Object.keys(physicians[0]).sort()).toEqual(["id", "name"]);
});
