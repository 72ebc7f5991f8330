// Steps several e2e files share: a new signed-in patient, and walking the booking form.
import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations } from "./fixtures";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** A new patient account, signed in on this page (the API is the fastest honest way to make one). */
export async function newPatient(page: Page) {
  const email = `booker-${unique()}@example.com`;
  const password = "slow steady breathing";
  const created = await page.request.post("/api/v1/auth/register", { data: { name: "Booking Patient", email, password, healthDataConsent: true } });
  expect(created.status()).toBe(201);
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password }, maxRedirects: 0 });
  return email;
}

export interface Choices {
  massage: RegExp;
  duration: string;
  therapist: string;
  conditions?: string[];
  symptoms?: string[];
  physician?: string;
  axe?: boolean;
  /** Which of the offered days to pick (0 = the first). */
  day?: number;
}

async function continueTo(page: Page, step: string, axe: boolean) {
  if (axe) await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(step) })).toBeVisible();
}

/** Walks the five steps up to the review, picking the first free time. Returns the picked time's label. */
export async function fillBooking(page: Page, choices: Choices) {
  const axe = choices.axe ?? false;
  await page.goto("/book");
  await expect(page.getByRole("heading", { name: /Step 1 of 5/ })).toBeVisible();
  await page.getByRole("radio", { name: choices.massage }).check();
  await page.getByRole("radio", { name: choices.duration }).check();
  await continueTo(page, "Step 2 of 5", axe);
  await page.getByRole("radio", { name: new RegExp(choices.therapist) }).check();
  await continueTo(page, "Step 3 of 5", axe);
  if (choices.day) await page.getByRole("group", { name: "Day" }).locator("label").nth(choices.day).click();
  const times = page.getByRole("group", { name: /^Time on/ });
  await expect(times.getByRole("radio").first()).toBeAttached();
  const first = times.locator("label").first();
  const label = (await first.textContent()) ?? "";
  await first.click();
  await continueTo(page, "Step 4 of 5", axe);
  await page.getByRole("radio", { name: "Chronic (three months or more)" }).check();
  await page.getByRole("checkbox", { name: "Lower back" }).check();
  await page.getByRole("group", { name: /How strong is the pain/ }).getByText("6", { exact: true }).click();
  for (const symptom of choices.symptoms ?? []) await page.getByRole("checkbox", { name: new RegExp(symptom) }).check();
  for (const condition of choices.conditions ?? []) await page.getByRole("checkbox", { name: new RegExp(condition) }).check();
  if (choices.physician) await page.getByLabel("Which physician should review your clearance?").selectOption({ label: choices.physician });
  await continueTo(page, "Step 5 of 5", axe);
  if (axe) await expectNoAxeViolations(page);
  return label;
}

