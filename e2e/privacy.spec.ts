// Privacy and consent in a real browser (docs/decisions/0021): a patient without consent is asked before booking,
// gives it and downloads their data; another asks to close the account, clinic staff complete it, and the closed
// account cannot sign in.
import type { Page } from "@playwright/test";
import { baseURL } from "./api-helpers";
import { DEMO, expect, expectNoAxeViolations, test } from "./fixtures";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const PASSWORD = "private by default";

async function shot(page: Page, name: string, project: string) {
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}-${project}.png`, fullPage: true });
}

async function register(page: Page, name: string, consent: boolean) {
  const email = `privacy-${unique()}@example.com`;
  const data = { name, email, password: PASSWORD, ...(consent ? { healthDataConsent: true } : {}) };
  expect((await page.request.post(`${baseURL}/api/v1/auth/register`, { data })).status()).toBe(201);
  return email;
}

test("the privacy notice is a footer link away and in plain words @phone", async ({ page }, testInfo) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Privacy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Privacy notice" })).toBeVisible();
  for (const part of ["What we collect", "Who sees it", "How long we keep it", "Your rights"]) {
    await expect(page.getByRole("heading", { name: part })).toBeVisible();
  }
  await expectNoAxeViolations(page);
  await shot(page, "privacy-notice", testInfo.project.name);
});

test("a patient without consent is asked before booking, gives it, and downloads their data @phone", async ({ page, login }, testInfo) => {
  const email = await register(page, "Consent Patient", false);
  await login(email, PASSWORD);

  await page.goto("/book");
  await expect(page.getByText("First, one question about your health details.")).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, "book-consent", testInfo.project.name);
  await page.getByRole("button", { name: "Agree and continue" }).click();
  await expect(page.getByText("Before we can take your health details").first()).toBeVisible();
  await page.getByRole("checkbox", { name: /I agree that the clinic may use my health details/ }).check();
  await page.getByRole("button", { name: "Agree and continue" }).click();
  await expect(page.getByText("Five short steps.")).toBeVisible();

  await page.goto("/patient#privacy");
  const privacy = page.getByRole("region", { name: "Your privacy" });
  await expect(privacy).toContainText("You agreed on");
  await expect(privacy).toContainText("privacy notice version");
  await expectNoAxeViolations(page);
  await shot(page, "patient-privacy", testInfo.project.name);
  const [download] = await Promise.all([page.waitForEvent("download"), privacy.getByRole("link", { name: "Download my data" }).click()]);
  expect(download.suggestedFilename()).toBe("my-clinic-data.json");
  const text = await (await download.createReadStream()).toArray();
  const data = JSON.parse(Buffer.concat(text).toString("utf8")) as { profile: { email: string }; consents: Array<{ scope: string }>; appointments: unknown[] };
  expect(data.profile.email).toBe(email);
  expect(data.consents.map((consent) => consent.scope)).toEqual(["HEALTH_DATA"]);
  expect(data.appointments).toEqual([]);
});

test("a patient asks to close the account, clinic staff complete it, and it cannot sign in again @phone", async ({ page, login, browser }, testInfo) => {
  const name = `Closing ${Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 6)} Patient`;
  const email = await register(page, name, true);
  await login(email, PASSWORD);
  await page.goto("/patient#privacy");
  const privacy = page.getByRole("region", { name: "Your privacy" });
  await privacy.getByRole("button", { name: "Ask to close my account" }).click();
  await expect(privacy.getByText("Close your account?")).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, "patient-close-confirm", testInfo.project.name);
  await privacy.getByRole("button", { name: "Yes, close my account" }).click();
  await expect(privacy.getByText(/to close your account. The clinic will complete it soon./)).toBeVisible();

  const staff = await browser.newContext({ baseURL });
  const adminPage = await staff.newPage();
  const { csrfToken } = (await (await staff.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await staff.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: DEMO.admin, password: "clinic-demo-2026" }, maxRedirects: 0 });
  await adminPage.goto("/admin");
  await adminPage.getByRole("link", { name: "Account closures" }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Account closure requests" })).toBeVisible();
  await expect(adminPage.getByText(name)).toBeVisible();
  await expectNoAxeViolations(adminPage);
  await shot(adminPage, "admin-account-closures", testInfo.project.name);
  await adminPage.getByRole("button", { name: `Close the account of ${name}` }).click();
  await expect(adminPage.getByText(name)).toHaveCount(0);
  await staff.close();

  // The patient's session has ended, and the old credentials open nothing.
  await page.goto("/patient");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match an account" })).toBeVisible();
});
