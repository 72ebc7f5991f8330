// Clinic staff management through the admin pages, in a real browser (desktop and phone, axe on every page).
// The first test runs on an EMPTY database (no demo seed; e2e/empty-clinic.ts): the first admin comes from
// admin:create, then adds a therapist with hours and a physician, and the therapist becomes bookable.
import fs from "node:fs";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { startEmptyClinic, type EmptyClinic } from "./empty-clinic";
import { DEMO, expect, expectNoAxeViolations, test } from "./fixtures";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const ADMIN = { email: "owner@clinic.example", name: "Clinic Owner", password: "a quiet room with a view" };

/** STAFF_SHOTS=<folder> keeps a picture of each page for people to look at. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const folder = process.env.STAFF_SHOTS;
  if (!folder) return;
  fs.mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${testInfo.project.name}-${name}.png`), fullPage: true });
}

async function visit(page: Page, testInfo: TestInfo, url: string, heading: string | RegExp, name: string) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, testInfo, name);
}

test.describe("on an empty database", () => {
  let clinic: EmptyClinic;

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(180_000);
    clinic = await startEmptyClinic({
      name: `staff-empty-${testInfo.project.name}`,
      port: Number(process.env.E2E_PORT ?? 3100) + 3,
      admin: ADMIN,
    });
  });
  test.afterAll(async () => {
    await clinic?.stop();
  });

  test("the first admin adds a therapist with hours and a physician through the pages; the therapist becomes bookable @phone", async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const base = clinic.baseURL;
    expect(clinic.adminLink.startsWith(`${base}/password/set?token=`)).toBe(true);
    // Nobody is bookable yet.
    expect(await (await page.request.get(`${base}/api/v1/therapists`)).json()).toEqual([]);

    // The link admin:create printed (and mailed) leads to the set-password page, then to sign-in.
    await page.goto(clinic.adminLink);
    await expect(page.getByRole("heading", { level: 1, name: "Choose your password" })).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, testInfo, "set-password");
    await page.getByLabel("New password", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("New password again").fill(ADMIN.password);
    await page.getByRole("button", { name: "Set the password" }).click();
    await expect(page.getByText("Your password is set")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in\?password=set$/);
    // The link works once.
    await page.goto(clinic.adminLink);
    await expect(page.getByRole("heading", { level: 1, name: "This link does not work" })).toBeVisible();

    await page.goto(`${base}/sign-in?callbackUrl=/admin`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Clinic administration" })).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, testInfo, "admin-home-empty");

    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Therapists" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Therapists" })).toBeVisible();
    await expect(page.getByText("No therapists yet.")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Add a therapist" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Add a therapist" })).toBeVisible();

    // The form says what is wrong before anything is sent …
    await page.getByRole("button", { name: "Add therapist and send the invitation" }).click();
    await expect(page.getByText("Choose at least one massage type.")).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, testInfo, "therapist-new-errors");

    const email = `lotte-${unique()}@clinic.example`;
    await page.getByLabel("Name").fill("Lotte Visser");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Certification number").fill("LMT-2026-0777");
    await page.getByLabel("Certification valid until").fill("2030-06-30");
    await page.getByRole("group", { name: "Massage types offered" }).getByLabel("Deep tissue").check();
    await page.getByRole("button", { name: "Add therapist and send the invitation" }).click();

    // … then on to the week.
    await expect(page.getByRole("heading", { level: 1, name: "Weekly hours: Lotte Visser" })).toBeVisible();
    await expect(page.getByText(`an invitation to set a password is on its way to ${email}`)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Fill in Monday to Friday, 09:00–17:00" }).click();
    await page.getByRole("button", { name: "Add a shift" }).click();
    await page.getByLabel("Day, shift 6").selectOption({ label: "Saturday" });
    await page.getByLabel("Starts, shift 6").fill("10:15");
    await page.getByLabel("Ends, shift 6").fill("14:00");
    await page.getByRole("button", { name: "Save the week" }).click();
    // The server's rule (the clinic's 30-minute grid) comes back next to the field.
    await expect(page.getByText("Use the clinic's 30-minute steps")).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, testInfo, "therapist-hours-error");
    await page.getByLabel("Starts, shift 6").fill("10:00");
    await page.getByRole("button", { name: "Save the week" }).click();

    await expect(page.getByText("Weekly hours saved.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Lotte Visser" })).toBeVisible();
    await expect(page.getByText("Saturday 10:00–14:00")).toBeVisible();
    await expect(page.getByText("Lotte Visser has not set a password yet.")).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, testInfo, "therapist-edit");

    // The invitation is in the clinic's mailbox, with the set-password link.
    await page.goto(`${base}/admin/mailbox`);
    await expect(page.getByText("Your account at Back-care Massage Clinic").first()).toBeVisible();

    // Bookable: listed for patients, with free times next week.
    const therapists = (await (await page.request.get(`${base}/api/v1/therapists?massageType=deep-tissue`)).json()) as Array<{ id: string; name: string }>;
    const lotte = therapists.find((therapist) => therapist.name === "Lotte Visser");
    expect(lotte).toBeTruthy();
    const from = new Date(Date.now() + 86_400_000);
    const query = new URLSearchParams({ therapistId: lotte!.id, massageType: "deep-tissue", duration: "60", from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() });
    const availability = await page.request.get(`${base}/api/v1/availability?${query}`);
    expect(availability.status()).toBe(200);
    expect(((await availability.json()) as { slots: unknown[] }).slots.length).toBeGreaterThan(10);

    // A physician for the directory, then taken out of it again.
    await visit(page, testInfo, `${base}/admin/physicians`, "Physicians", "physicians-empty");
    await page.getByRole("link", { name: "Add a physician" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Add a physician" })).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, testInfo, "physician-new");
    await page.getByLabel("Name").fill("Dr. Femke Bakker");
    await page.getByLabel("Email").fill(`bakker-${unique()}@clinic.example`);
    await page.getByLabel("Specialty (optional)").fill("Sports medicine");
    await page.getByRole("button", { name: "Add physician and send the invitation" }).click();
    await expect(page.getByText("Added, and an invitation to set a password is on its way.")).toBeVisible();
    await expectNoAxeViolations(page);
    expect(((await (await page.request.get(`${base}/api/v1/physicians`)).json()) as Array<{ name: string }>).map((p) => p.name)).toEqual(["Dr. Femke Bakker"]);
    await page.getByLabel("Patients may choose this physician (active)").uncheck();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved.")).toBeVisible();
    await shot(page, testInfo, "physician-edit");
    expect(await (await page.request.get(`${base}/api/v1/physicians`)).json()).toEqual([]);
    await visit(page, testInfo, `${base}/admin/physicians`, "Physicians", "physicians");
    await expect(page.getByText("Inactive")).toBeVisible();
    await visit(page, testInfo, `${base}/admin/therapists`, "Therapists", "therapists");
    await expect(page.getByText("Bookable", { exact: true })).toBeVisible();
  });
});

test("on the demo clinic: a certification lapsing soon is warned of on the admin home, and renewing it clears the warning @phone", async ({ page, login }, testInfo) => {
  await login(DEMO.admin);
  const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const created = await page.request.post("/api/v1/admin/therapists", {
    data: { name: "Zora Lapsing", email: `zora-${unique()}@clinic.example`, certificationNumber: "LMT-2020-0001", certificationExpiresOn: soon, massageTypes: ["myofascial"] },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await visit(page, testInfo, "/admin", "Clinic administration", "admin-home");
  const warning = page.getByRole("status").filter({ hasText: "Certifications expired or lapsing within 30 days" });
  await expect(warning.getByRole("listitem").filter({ hasText: "Zora Lapsing" })).toContainText(/days? left/);

  await warning.getByRole("link", { name: "Zora Lapsing" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Zora Lapsing" })).toBeVisible();
  await page.getByLabel("Certification valid until").fill("2031-01-31");
  await page.getByLabel("Certification number").fill("LMT-2026-0001");
  // Not bookable while this test runs elsewhere: the demo's other specs see the catalogue they expect.
  await page.getByLabel("Takes bookings (active)").uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/admin");
  await expect(page.getByRole("listitem").filter({ hasText: "Zora Lapsing" })).toHaveCount(0);
  await visit(page, testInfo, `/admin/therapists/${id}/hours`, "Weekly hours: Zora Lapsing", "therapist-hours-empty");
});

test("the staff pages are for admins only", async ({ page, login }) => {
  await login(DEMO.therapist);
  for (const url of ["/admin/therapists", "/admin/therapists/new", "/admin/physicians", "/admin/physicians/new"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
  }
});
