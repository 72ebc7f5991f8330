import { DEMO, DEMO_PASSWORD, expect, expectNoAxeViolations, test } from "./fixtures";

const homes = [
  { role: "patient", email: DEMO.patient, path: "/patient", heading: "Welcome, Pat Jensen", sees: "Upcoming appointments" },
  { role: "therapist", email: DEMO.therapist, path: "/therapist", heading: "Welcome, Anna Lindqvist", sees: "LMT-2024-0117" },
  { role: "physician", email: DEMO.physician, path: "/physician", heading: "Welcome, Dr. Sara Okafor", sees: "General practice" },
  { role: "admin", email: DEMO.admin, path: "/admin", heading: "Clinic administration", sees: "Marco Bianchi" },
] as const;

for (const home of homes) {
  test(`the demo ${home.role} signs in and lands on their home @phone`, async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(home.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`${home.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: home.heading })).toBeVisible();
    await expect(page.getByText(home.sees).first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test("the therapist sees their weekly working hours in the clinic's time zone", async ({ page, login }) => {
  await login(DEMO.therapist);
  await page.goto("/therapist");
  const hours = page.getByRole("table", { name: "Weekly working hours" });
  await expect(hours.getByRole("row", { name: /Monday 09:00 – 17:00/ })).toBeVisible();
  await expect(hours.getByRole("row", { name: /Friday/ })).toBeVisible();
  await expect(hours.getByRole("row", { name: /Saturday/ })).toHaveCount(0);
  await expect(page.getByText(/clinic's time zone \(Europe\/Amsterdam\)/)).toBeVisible();
});

test("the admin sees every therapist and physician", async ({ page, login }) => {
  await login(DEMO.admin);
  await page.goto("/admin");
  const therapists = page.getByRole("table", { name: "Therapists" });
  await expect(therapists.getByRole("rowheader", { name: /Anna Lindqvist/ })).toBeVisible();
  await expect(therapists.getByRole("rowheader", { name: /Marco Bianchi/ })).toBeVisible();
  await expect(page.getByText("Dr. Jonas Weber")).toBeVisible();
  await expect(page.getByText("Dr. Sara Okafor")).toBeVisible();
});

test("a page of another role does not exist for you, and signed-out people are sent to sign in", async ({ page, login }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin/);

  await login(DEMO.patient);
  for (const path of ["/admin", "/therapist", "/physician"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await page.goto("/home");
  await expect(page).toHaveURL(/\/patient$/);
});

test("sign-in returns you to the page you asked for", async ({ page }) => {
  await page.goto("/therapist");
  await expect(page).toHaveURL(/callbackUrl=%2Ftherapist/);
  await page.getByLabel("Email").fill(DEMO.therapist);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/therapist$/);
});
