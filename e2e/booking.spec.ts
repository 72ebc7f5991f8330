import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures";
import { fillBooking, newPatient } from "./helpers";


test("a patient with nothing to declare books and is confirmed at once @phone", async ({ page }) => {
  await newPatient(page);
  await fillBooking(page, { massage: /^Deep tissue massage/, duration: "60 minutes", therapist: "Anna Lindqvist", axe: true });
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expect(page).toHaveURL(/\/appointments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your appointment is confirmed" })).toBeVisible();
  await expect(page.getByText("Deep tissue massage, 60 minutes")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/patient");
  await expect(page.getByRole("region", { name: "Upcoming appointments" }).getByText("Confirmed")).toBeVisible();
});

test("the calendar offers the clinic's whole booking horizon, not a fixed four weeks", async ({ page }) => {
  await newPatient(page);
  const asked = page.waitForRequest((request) => request.url().includes("/api/v1/availability"));
  await fillBooking(page, { massage: /^Swedish massage/, duration: "30 minutes", therapist: "Anna Lindqvist" });
  const query = new URL((await asked).url()).searchParams;
  const days = (Date.parse(query.get("to")!) - Date.parse(query.get("from")!)) / 86_400_000;
  // The demo clinic books 60 days ahead (ClinicSettings.bookingHorizonDays).
  expect(Math.round(days)).toBe(60);
});

test("diabetes holds the appointment and the page explains why and what to do", async ({ page }) => {
  await newPatient(page);
  await fillBooking(page, {
    massage: /^Swedish massage/,
    duration: "30 minutes",
    therapist: "First available",
    conditions: ["Diabetes"],
    physician: "Dr. Sara Okafor (General practice)",
    day: 3,
  });
  await expect(page.getByText(/this time is held for you until a physician's approval covers it/)).toBeVisible();
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your time is held until your physician clears you" })).toBeVisible();
  const why = page.getByRole("region", { name: "Why your time is held, and what to do" });
  await expect(why.getByText("diabetes")).toBeVisible();
  await expect(why.getByText("Dr. Sara Okafor")).toBeVisible();
  await expect(why.getByText(/We keep this time for you until/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a fever refuses the booking with the reason and a way forward", async ({ page }) => {
  await newPatient(page);
  await fillBooking(page, { massage: /^Myofascial/, duration: "30 minutes", therapist: "Marco Bianchi", symptoms: ["A fever"] });
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expect(page.getByRole("heading", { name: "We cannot book a massage for you right now" })).toBeVisible();
  await expect(page.getByText("A fever", { exact: true })).toBeVisible();
  await expect(page.getByText(/Nothing has been booked/)).toBeVisible();
  await expect(page.getByRole("link", { name: /self-care/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/patient");
  await expect(page.getByText("You have no upcoming appointments.")).toBeVisible();
});

async function patientPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await newPatient(page);
  return page;
}

test("two patients race for one time: one is booked, the other is told and keeps their answers", async ({ browser }) => {
  // Two full walks through the booking form, one after the other.
  test.setTimeout(120_000);
  const [first, second] = await Promise.all([patientPage(browser), patientPage(browser)]);
  const choices = { massage: /^Myofascial/, duration: "60 minutes", therapist: "Marco Bianchi" };
  const [labelA, labelB] = [await fillBooking(first, choices), await fillBooking(second, choices)];
  expect(labelA).toBe(labelB);

  await Promise.all([
    first.getByRole("button", { name: "Book this appointment" }).click(),
    second.getByRole("button", { name: "Book this appointment" }).click(),
  ]);
  const confirmed = first.getByRole("heading", { level: 1, name: "Your appointment is confirmed" });
  const taken = (page: Page) => page.getByText("Someone has just booked this time");
  await expect(confirmed.or(taken(first))).toBeVisible();
  const [winner, loser] = (await confirmed.isVisible()) ? [first, second] : [second, first];
  await expect(winner.getByRole("heading", { level: 1, name: "Your appointment is confirmed" })).toBeVisible();
  await expect(taken(loser)).toBeVisible();
  await expect(loser.getByRole("heading", { name: /Step 3 of 5/ })).toBeVisible();
  await expectNoAxeViolations(loser);

  // The loser picks one of the nearest free times; their health answers are still there.
  await loser.getByRole("group", { name: /^Time on/ }).locator("label").first().click();
  await loser.getByRole("button", { name: "Continue" }).click();
  await expect(loser.getByRole("checkbox", { name: "Lower back" })).toBeChecked();
  await expect(loser.getByRole("radio", { name: "Chronic (three months or more)" })).toBeChecked();
  await loser.getByRole("button", { name: "Continue" }).click();
  await loser.getByRole("button", { name: "Book this appointment" }).click();
  await expect(loser.getByRole("heading", { level: 1, name: "Your appointment is confirmed" })).toBeVisible();
});

test("a patient moves and then cancels an appointment", async ({ page }) => {
  await newPatient(page);
  // A few days out, so it is well before the cancellation notice.
  await fillBooking(page, { massage: /^Swedish massage/, duration: "60 minutes", therapist: "Anna Lindqvist", day: 4 });
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your appointment is confirmed" })).toBeVisible();
  const originalUrl = page.url();

  await page.getByRole("link", { name: "Move to another time" }).click();
  await expect(page.getByRole("heading", { name: "Change your appointment" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Choose another time" })).toBeChecked();
  await page.getByRole("group", { name: "Day" }).locator("label").nth(5).click();
  await page.getByRole("group", { name: /^Time on/ }).locator("label").nth(1).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Save the change" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your appointment is confirmed" })).toBeVisible();
  expect(page.url()).not.toBe(originalUrl);
  await expect(page.getByText(/^Swedish massage, /).first()).toBeVisible();
  await expect(page.getByText("Moved from", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Cancel this appointment" }).click();
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "This appointment is cancelled" })).toBeVisible();
  await page.goto(originalUrl);
  await expect(page.getByText("Rescheduled")).toBeVisible();
  await expect(page.getByText(/This appointment was moved to/)).toBeVisible();
  // The patient's page lists it once, under cancelled, at its new time; the old slot is not listed.
  await page.goto("/patient");
  await expect(page.getByRole("region", { name: "Cancelled appointments" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Cancelled appointments" }).getByText(/Moved from/)).toBeVisible();
});
