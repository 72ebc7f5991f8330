// The clinic's rules on the paths beyond the first booking, through the pages:
// a change past an approval's end, a condition declared earlier, an approval
// reaching appointments booked before it, and a held booking the approval
// rules out.
import type { Browser, Page } from "@playwright/test";
import { apiPatient, approveApi, bookApi, freeStarts, idOf, signedInApi, uploadClearance } from "./api-helpers";
import { DEMO, DEMO_PASSWORD, expect, expectNoAxeViolations, test } from "./fixtures";

async function browserFor(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await browser.newContext({ viewport: test.info().project.use.viewport ?? undefined });
  const page = await context.newPage();
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password }, maxRedirects: 0 });
  return page;
}

const localDay = (iso: string) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date(iso));

test("a change past the approval's end is held for a new clearance, not kept confirmed", async ({ page }) => {
  const patient = await apiPatient();
  const anna = await idOf(patient.api, "therapists", "Anna Lindqvist");
  const okafor = await idOf(patient.api, "physicians", "Dr. Sara Okafor");
  // A day apart: starts next to each other would collide through the buffer between sessions.
  const starts = await freeStarts(patient.api, anna, "swedish", 30, 3, 9);
  const first = starts[0]!;
  const second = starts.find((start) => Date.parse(start) >= Date.parse(first) + 86_400_000);
  const held = await bookApi(patient.api, { therapistId: anna, massageType: "swedish", duration: 30, start: first!, physicianId: okafor, conditions: { osteoporosis: true } });
  await uploadClearance(patient.api, held.clearance!.id);
  const physician = await signedInApi(DEMO.physician);
  // Valid for ten days: the second booking is inside it.
  await approveApi(physician, held.clearance!.id, { validUntil: localDay(new Date(Date.now() + 10 * 86_400_000).toISOString()) });
  const covered = await bookApi(patient.api, { therapistId: anna, massageType: "swedish", duration: 30, start: second!, conditions: { osteoporosis: true } });
  expect(covered.status).toBe("confirmed");

  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: patient.email, password: patient.password }, maxRedirects: 0 });
  await page.goto(`/appointments/${covered.id}`);
  await page.getByRole("link", { name: "Move to another time" }).click();
  // The last day on offer is weeks after the approval ends.
  await page.getByRole("group", { name: "Day" }).locator("label").last().click();
  await page.getByRole("group", { name: /^Time on/ }).locator("label").first().click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Save the change" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your time is held until your physician clears you" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Why your time is held, and what to do" }).getByText("osteoporosis")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a condition declared before stays on the record: the next booking is held though nothing is ticked @phone", async ({ page }) => {
  const patient = await apiPatient();
  const anna = await idOf(patient.api, "therapists", "Anna Lindqvist");
  const okafor = await idOf(patient.api, "physicians", "Dr. Sara Okafor");
  const [start] = await freeStarts(patient.api, anna, "swedish", 30, 5, 12);
  await bookApi(patient.api, { therapistId: anna, massageType: "swedish", duration: 30, start: start!, physicianId: okafor, conditions: { diabetes: true } });

  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: patient.email, password: patient.password }, maxRedirects: 0 });
  await page.goto("/patient");
  await expect(page.getByRole("region", { name: "Your health record" }).getByText(/You told us about/)).toContainText("diabetes");

  await page.goto("/book");
  await page.getByRole("radio", { name: /^Swedish massage/ }).check();
  await page.getByRole("radio", { name: "60 minutes" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("radio", { name: /Anna Lindqvist/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("group", { name: "Day" }).locator("label").nth(6).click();
  await page.getByRole("group", { name: /^Time on/ }).locator("label").first().click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("note", { name: "On your health record" })).toContainText("You told us about diabetes");
  await expect(page.getByRole("checkbox", { name: /^Diabetes/ })).toBeChecked();
  // The patient unticks it: the record still counts.
  await page.getByRole("checkbox", { name: /^Diabetes/ }).uncheck();
  await page.getByRole("radio", { name: "Chronic (three months or more)" }).check();
  await page.getByRole("checkbox", { name: "Lower back" }).check();
  await page.getByRole("group", { name: /How strong is the pain/ }).getByText("4", { exact: true }).click();
  await expect(page.getByLabel("Which physician should review your clearance?")).toHaveValue(okafor);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your time is held until your physician clears you" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Why your time is held, and what to do" }).getByText("diabetes")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an approval's restrictions reach an appointment booked before it: the physician is warned, the patient told, the therapist sees them", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const patient = await apiPatient();
  const anna = await idOf(patient.api, "therapists", "Anna Lindqvist");
  const okafor = await idOf(patient.api, "physicians", "Dr. Sara Okafor");
  const starts = await freeStarts(patient.api, anna, "deep-tissue", 60, 8, 14);
  const deep = await bookApi(patient.api, { therapistId: anna, massageType: "deep-tissue", duration: 60, start: starts[0]! });
  expect(deep.status).toBe("confirmed");
  const [heldStart] = await freeStarts(patient.api, anna, "swedish", 30, 4, 7);
  const held = await bookApi(patient.api, { therapistId: anna, massageType: "swedish", duration: 30, start: heldStart!, physicianId: okafor, conditions: { cancer: true } });
  await uploadClearance(patient.api, held.clearance!.id);

  // The physician's review page says which appointments the chosen restrictions would affect, before approving.
  const physician = await browserFor(browser, DEMO.physician);
  await physician.goto(`/physician/clearances/${held.clearance!.id}`);
  await physician.getByRole("radio", { name: "Approve massage" }).check();
  await expect(physician.getByText(/fit this approval; they are confirmed with these restrictions attached/)).toBeVisible();
  await physician.getByRole("checkbox", { name: "No deep tissue massage" }).check();
  await expect(physician.getByText(/Deep tissue massage, 60 minutes, .*: its massage type does not fit: it will be held until the patient changes it/)).toBeVisible();
  await physician.getByLabel("Restrictions the therapist must follow").fill("Light pressure only");
  await expectNoAxeViolations(physician);
  await physician.getByRole("button", { name: "Approve clearance" }).click();
  await expect(physician.getByText("Your decision is saved")).toBeVisible();
  await physician.context().close();

  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: patient.email, password: patient.password }, maxRedirects: 0 });
  await page.goto(`/appointments/${deep.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Your time is held: this booking needs a change" })).toBeVisible();
  await expect(page.getByRole("region", { name: "What to change" })).toContainText("no deep tissue massage");
  await expectNoAxeViolations(page);

  const therapist = await browserFor(browser, DEMO.therapist);
  await therapist.goto("/therapist");
  const card = therapist.getByRole("listitem").filter({ hasText: patient.name }).filter({ hasText: /Deep tissue massage/ });
  await expect(card.getByText(/Physician's restrictions:.*Light pressure only; no deep tissue massage/)).toBeVisible();
  await therapist.context().close();
});

test("a held booking the approval rules out is changed to an allowed type and confirmed at once @phone", async ({ page }) => {
  const patient = await apiPatient();
  const anna = await idOf(patient.api, "therapists", "Anna Lindqvist");
  const okafor = await idOf(patient.api, "physicians", "Dr. Sara Okafor");
  const [start] = await freeStarts(patient.api, anna, "deep-tissue", 60, 6, 12);
  const held = await bookApi(patient.api, { therapistId: anna, massageType: "deep-tissue", duration: 60, start: start!, physicianId: okafor, conditions: { diabetes: true } });
  await uploadClearance(patient.api, held.clearance!.id);
  await approveApi(await signedInApi(DEMO.physician), held.clearance!.id, { restrictions: { excludedMassageTypes: ["deep-tissue"] } });

  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: patient.email, password: patient.password }, maxRedirects: 0 });
  await page.goto(`/appointments/${held.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Your time is held: this booking needs a change" })).toBeVisible();
  // Approved: no document is asked for any more.
  await expect(page.getByRole("region", { name: "Why your time is held, and what to do" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole("region", { name: "What to change" }).getByRole("link", { name: "Change massage type or length" }).click();
  await expect(page.getByRole("radio", { name: /^Deep tissue/ })).toHaveCount(0);
  await page.getByRole("radio", { name: "Swedish massage" }).check();
  await expect(page.getByRole("radio", { name: /^Keep / })).toBeChecked();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Save the change" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your appointment is confirmed" })).toBeVisible();
  await expect(page.getByText("Swedish massage, 60 minutes")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a malformed appointment id is the not-found page, not an error", async ({ page, login }) => {
  await login(DEMO.patient);
  const response = await page.goto("/appointments/not-a-uuid");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/not found|find/i);
});
