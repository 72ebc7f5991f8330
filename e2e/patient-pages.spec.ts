// What patients see, on a desktop and a phone, axe on every page: the clinic's
// phone in the footer and wherever they are told to call; the booking's review
// step says until when it can be cancelled; a moved appointment is listed once,
// at its new time, "moved from" the old; cancelled ones stand apart; in-app
// #anchor links land on an element with that id; the audit page fits a 390 px
// phone and its filter button can be tapped; the mailbox does not call unsent
// mail "Sent".
import fs from "node:fs";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { apiPatient, bookApi, freeStarts, idOf, signedInApi } from "./api-helpers";
import { DEMO, expect, expectNoAxeViolations, test } from "./fixtures";
import { fillBooking, newPatient } from "./helpers";

const PHONE = "+31 20 555 0142";

/** Set SHOTS_DIR to keep a desktop (1280x800) and a phone (390x844) picture of the page. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const size = page.viewportSize();
  await page.setViewportSize(testInfo.project.name === "phone" ? { width: 390, height: 844 } : { width: 1280, height: 800 });
  await page.screenshot({ path: path.join(dir, `${name}-${testInfo.project.name}.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

/** Every link on the page to an anchor of this very page has its target. */
async function expectSamePageAnchorsResolve(page: Page) {
  const missing = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>("a[href*='#']")]
      .map((a) => new URL(a.href))
      .filter((url) => url.origin === location.origin && url.pathname === location.pathname && url.hash.length > 1)
      .map((url) => decodeURIComponent(url.hash.slice(1)))
      .filter((id) => !document.getElementById(id)),
  );
  expect(missing, "anchors without a target").toEqual([]);
}

test.beforeAll(async () => {
  // The clinic's number as the settings hold it (another spec may have changed it).
  const admin = await signedInApi(DEMO.admin);
  const response = await admin.patch("/api/v1/admin/settings", { data: { phone: PHONE } });
  expect(response.status(), await response.text()).toBe(200);
  await admin.dispose();
});

test("the footer gives the clinic's address and phone, the phone as a link that dials @phone", async ({ page }) => {
  await page.goto("/");
  const footer = page.getByRole("contentinfo");
  const phone = footer.getByRole("link", { name: PHONE });
  await expect(phone).toBeVisible();
  await expect(phone).toHaveAttribute("href", "tel:+31205550142");
  await expect(footer).toContainText("Back-care Massage Clinic");
  await expectNoAxeViolations(page);
});

test("the header's 'Massage types' link lands on the massage types @phone", async ({ page }) => {
  await page.goto("/self-care");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Massage types" }).click();
  await expect(page).toHaveURL(/\/#massage-types$/);
  await expect(page.locator("#massage-types")).toBeVisible();
  await expect(page.locator("#massage-types").getByRole("heading", { name: "Three kinds of massage" })).toBeVisible();
  await expectSamePageAnchorsResolve(page);
});

test("the review step says until when the booking can be cancelled, in the clinic's time, and who to call after @phone", async ({ page }, testInfo) => {
  await newPatient(page);
  await fillBooking(page, { massage: /^Swedish massage/, duration: "60 minutes", therapist: "Anna Lindqvist", day: 2 });
  const review = page.getByText(/^You are free to cancel or move until/);
  await expect(review).toBeVisible();
  await expect(review).toHaveText(
    /^You are free to cancel or move until (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}, \d\d:\d\d \(Europe\/Amsterdam time\)\. After that, please call the clinic on \+31 20 555 0142\.$/,
  );
  await expect(review.getByRole("link", { name: PHONE })).toHaveAttribute("href", "tel:+31205550142");
  await expectNoAxeViolations(page);
  await shot(page, testInfo, "review-step");
});

test("a moved appointment is listed once, at its new time, moved from the old; a cancelled one stands apart @phone", async ({ page, login }, testInfo) => {
  const patient = await apiPatient();
  const therapistId = await idOf(patient.api, "therapists", "Marco Bianchi");
  const offset = testInfo.project.name === "phone" ? 30 : 20;
  const starts = await freeStarts(patient.api, therapistId, "swedish", 60, offset, offset + 6);
  const [first, moveTo, another] = [starts[0]!, starts[4]!, starts[8]!];
  const booked = await bookApi(patient.api, { therapistId, massageType: "swedish", duration: 60, start: first });
  const moved = await patient.api.post(`/api/v1/appointments/${booked.id}/reschedule`, { data: { start: moveTo } });
  expect(moved.status(), await moved.text()).toBe(201);
  const movedId = ((await moved.json()) as { id: string }).id;
  const cancelledOne = await bookApi(patient.api, { therapistId, massageType: "swedish", duration: 60, start: another });
  expect((await patient.api.post(`/api/v1/appointments/${cancelledOne.id}/cancel`, { data: {} })).status()).toBe(200);

  await login(patient.email, patient.password);
  await page.goto("/patient");
  const upcoming = page.locator("#upcoming");
  const cancelled = page.locator("#cancelled");
  // Once: the new appointment, carrying where it came from; the slot it left is in no list.
  await expect(upcoming.getByRole("listitem")).toHaveCount(1);
  await expect(upcoming.getByRole("listitem").first()).toContainText(/Moved from /);
  await expect(page.getByText(/Moved from /)).toHaveCount(1);
  await expect(page.locator(`a[href="/appointments/${booked.id}"]`)).toHaveCount(0);
  await expect(upcoming.locator(`a[href="/appointments/${movedId}"]`)).toHaveCount(1);
  // Cancelled apart, and marked as such.
  await expect(cancelled.getByRole("listitem")).toHaveCount(1);
  await expect(cancelled.getByRole("listitem").first()).toContainText("Cancelled");
  await expect(cancelled.locator(`a[href="/appointments/${cancelledOne.id}"]`)).toHaveCount(1);
  await expectSamePageAnchorsResolve(page);
  await expectNoAxeViolations(page);
  await shot(page, testInfo, "patient-page");

  // The appointment page says until when it can be changed online.
  await page.goto(`/appointments/${movedId}`);
  await expect(page.getByText(/^You are free to cancel or move until .+\. After that, please call the clinic on \+31 20 555 0142\.$/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the patient page's 'Upload the clearance document' link lands on the upload form @phone", async ({ page, login }, testInfo) => {
  const patient = await apiPatient();
  const therapistId = await idOf(patient.api, "therapists", "Marco Bianchi");
  const physicianId = await idOf(patient.api, "physicians", "Dr. Sara Okafor");
  const offset = testInfo.project.name === "phone" ? 40 : 36;
  const [start] = await freeStarts(patient.api, therapistId, "swedish", 60, offset, offset + 3);
  const held = await bookApi(patient.api, { therapistId, massageType: "swedish", duration: 60, start: start!, physicianId, conditions: { diabetes: true } });
  expect(held.status).toBe("held");

  await login(patient.email, patient.password);
  await page.goto("/patient");
  await page.getByRole("link", { name: "Upload the clearance document" }).click();
  await expect(page).toHaveURL(new RegExp(`/appointments/${held.id}#clearance$`));
  await expect(page.locator("#clearance")).toBeVisible();
  await expect(page.locator("#clearance")).toContainText("Upload");
  await expectSamePageAnchorsResolve(page);
  await expectNoAxeViolations(page);
});

test("the audit page fits a 390 px phone and its filter button can be tapped @phone", async ({ page, login }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(DEMO.admin);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const button = page.getByRole("button", { name: "Show entries" });
  await page.getByLabel("Record type").selectOption({ index: 1 });
  await button.click();
  await expect(page).toHaveURL(/entityType=/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
  await page.goto("/admin/audit");
  await shot(page, testInfo, "audit-page");
});

test("the mailbox says Queued, Sent or Failed from the outbox, and calls nothing sent that never left @phone", async ({ page, login }, testInfo) => {
  await login(DEMO.admin);
  await page.goto("/admin/mailbox");
  await expect(page.getByRole("heading", { level: 1, name: "Mailbox" })).toBeVisible();
  const states = await page.locator("#messages tbody tr td:nth-child(3)").allTextContents();
  expect(states.length).toBeGreaterThan(0);
  // No SMTP_URL in this run: every message is queued or kept in the local mailbox, none "Sent".
  for (const state of states) expect(["Queued", "Not sent (local mailbox)", "Failed"]).toContain(state);
  await expect(page.locator("#summary")).toContainText("Queued:");
  await expectNoAxeViolations(page);
  await shot(page, testInfo, "mailbox");
});
