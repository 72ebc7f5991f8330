// The patient's account in a real browser (desktop and phone, axe on every page; docs/decisions/0015):
// a forgotten password reset through the mailed link, and the account page's details, email and password.
// Mails are read where a clinic without SMTP reads them: the admin's mailbox.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page, TestInfo } from "@playwright/test";
import { apiPatient, baseURL, bookApi, freeStarts, idOf, signedInApi } from "./api-helpers";
import { DEMO, DEMO_PASSWORD, expect, expectNoAxeViolations, test } from "./fixtures";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** ACCOUNT_SHOTS=<folder> keeps a picture of each page for people to look at. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const folder = process.env.ACCOUNT_SHOTS;
  if (!folder) return;
  fs.mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${testInfo.project.name}-${name}.png`), fullPage: true });
}

/** The text of the one mail to `to` with this subject, read in the admin's mailbox. */
async function mailText(browser: Browser, to: string, subject: string): Promise<string> {
  const context = await browser.newContext({ baseURL });
  const api = await signedInApi(DEMO.admin, DEMO_PASSWORD);
  await context.addCookies((await api.storageState()).cookies);
  await api.dispose();
  const page = await context.newPage();
  await page.goto("/admin/mailbox");
  const row = page.getByRole("row").filter({ hasText: to }).filter({ hasText: subject });
  await expect(row).toHaveCount(1);
  await row.getByRole("link").first().click();
  const text = (await page.locator("pre").first().textContent()) ?? "";
  await context.close();
  return text;
}

/** The path and query of the `linkPath` link in that mail. */
async function linkFromMailbox(browser: Browser, to: string, subject: string, linkPath: string): Promise<string> {
  const text = await mailText(browser, to, subject);
  const href = new RegExp(`https?://\\S+${linkPath}\\?token=[A-Za-z0-9_-]+`).exec(text)?.[0];
  expect(href, `a ${linkPath} link in the mail`).toBeTruthy();
  const url = new URL(href!);
  return url.pathname + url.search;
}

test("a forgotten password is reset through the mailed link, every session ends, and the new one signs in @phone", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const patient = await apiPatient();
  const newPassword = `a new path by the river ${unique()}`;

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();

  // An unknown address gets the same words as a known one.
  await page.getByLabel("Email").fill(`nobody-${unique()}@example.com`);
  await page.getByRole("button", { name: "Send me a link" }).click();
  const answer = page.getByRole("status").filter({ hasText: "If an account uses this email address" });
  await expect(answer).toBeVisible();
  const unknownWords = await answer.textContent();
  await page.reload();
  await page.getByLabel("Email").fill(patient.email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(answer).toBeVisible();
  expect(await answer.textContent()).toBe(unknownWords);
  await expectNoAxeViolations(page);
  await shot(page, testInfo, "forgot-password");

  const link = await linkFromMailbox(browser, patient.email, "Choose a new password", "/password/set");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Set the password" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("New password again").fill(`${newPassword} typo`);
  await page.getByRole("button", { name: "Set the password" }).click();
  await expect(page.getByText("The two passwords are not the same.")).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, testInfo, "set-password-errors");
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByRole("button", { name: "Set the password" }).click();

  await expect(page).toHaveURL(/\/sign-in\?password=set$/);
  await expect(page.getByText("Your password is set, and every earlier session has ended.")).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, testInfo, "sign-in-after-reset");
  // The session the patient had before the reset is over.
  expect((await patient.api.get("/api/v1/appointments")).status()).toBe(401);
  await patient.api.dispose();

  await page.getByLabel("Email").fill(patient.email);
  await page.getByLabel("Password").fill(patient.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await page.getByLabel("Password").fill(newPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome, / })).toBeVisible();

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "This link does not work" })).toBeVisible();
  await expect(page.getByText("This link has been used already.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the account page: details with a date of birth the physician sees as an age, a confirmed email change, a password change @phone", async ({ page, browser, login }, testInfo) => {
  test.setTimeout(150_000);
  const patient = await apiPatient();
  await login(patient.email, patient.password);

  await page.goto("/patient");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, testInfo, "account");

  // Details: the shared rules answer next to the field, then the change is kept.
  const details = page.getByRole("form", { name: "Your details" });
  await details.getByLabel("Phone (optional)").fill("call me");
  await details.getByLabel("Date of birth (optional)").fill("2999-01-01");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByText("Give a phone number of 6 to 15 digits")).toBeVisible();
  await expect(details.getByText("A date of birth cannot be in the future.")).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, testInfo, "account-errors");
  const name = `Renamed ${patient.name}`;
  await details.getByLabel("Name").fill(name);
  await details.getByLabel("Phone (optional)").fill("+31 20 123 4567");
  await details.getByLabel("Date of birth (optional)").fill("1961-04-23");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByText("Your details are saved.")).toBeVisible();
  await page.reload();
  await expect(details.getByLabel("Name")).toHaveValue(name);
  await expect(details.getByLabel("Phone (optional)")).toHaveValue("+31 20 123 4567");
  await expect(details.getByLabel("Date of birth (optional)")).toHaveValue("1961-04-23");

  // The physician reviewing this patient's clearance sees the age, not "Not given".
  const annaId = await idOf(patient.api, "therapists", "Anna Lindqvist");
  const starts = await freeStarts(patient.api, annaId, "swedish", 60, testInfo.project.name === "phone" ? 12 : 10, 20);
  const held = await bookApi(patient.api, {
    therapistId: annaId,
    massageType: "swedish",
    duration: 60,
    start: starts[Math.floor(Math.random() * starts.length)]!,
    physicianId: await idOf(patient.api, "physicians", "Dr. Sara Okafor"),
    conditions: { cardiovascular: true },
  });
  const physician = await browser.newContext({ baseURL });
  const physicianApi = await signedInApi(DEMO.physician, DEMO_PASSWORD);
  await physician.addCookies((await physicianApi.storageState()).cookies);
  await physicianApi.dispose();
  const review = await physician.newPage();
  await review.goto(`/physician/clearances/${held.clearance!.id}`);
  const age = new Date().getUTCFullYear() - 1961 - (new Date().toISOString().slice(5, 10) < "04-23" ? 1 : 0);
  await expect(review.getByText(`${age} years`)).toBeVisible();
  await physician.close();

  // Email: nothing changes until the link mailed to the new address is opened by the signed-in owner.
  const newEmail = `moved-${unique()}@example.com`;
  const emailForm = page.getByRole("form", { name: "Change your email" });
  await emailForm.getByLabel("New email").fill(newEmail);
  await emailForm.getByLabel("Current password").fill("not my password at all");
  await emailForm.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(emailForm.getByText("That is not your current password.")).toBeVisible();
  await emailForm.getByLabel("Current password").fill(patient.password);
  await emailForm.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(emailForm.getByText(`A link is on its way to ${newEmail}.`)).toBeVisible();
  await expectNoAxeViolations(page);
  const confirm = await linkFromMailbox(browser, newEmail, "Confirm your new email address", "/account/email");
  await page.goto(confirm);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your new email" })).toBeVisible();
  await expect(page.getByText(`From now on you will sign in with ${newEmail}.`)).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, testInfo, "confirm-email");
  await page.getByRole("button", { name: "Confirm the new email" }).click();
  await expect(page.getByText("Your email is changed")).toBeVisible();
  await expect(emailForm.getByText(`You sign in with ${newEmail}.`)).toBeVisible();
  // The old address is told.
  expect(await mailText(browser, patient.email, "Your sign-in email for")).toContain(`now signs in with ${newEmail}`);

  // Password: this session carries on, the other one (the API's) ends.
  const newPassword = `steady breath and warm hands ${unique()}`;
  const passwordForm = page.getByRole("form", { name: "Change your password" });
  await passwordForm.getByLabel("Current password").fill(patient.password);
  await passwordForm.getByLabel("New password", { exact: true }).fill(newPassword);
  await passwordForm.getByLabel("New password again").fill(newPassword);
  await passwordForm.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, testInfo, "account-password-changed");
  expect((await patient.api.get("/api/v1/appointments")).status()).toBe(401);
  await patient.api.dispose();
  const again = await signedInApi(newEmail, newPassword);
  expect((await again.get("/api/v1/appointments")).status()).toBe(200);
  await again.dispose();
});

test("the account page needs a session", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
});
