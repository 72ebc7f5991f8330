// The clinic's calendar from the admin pages, on a desktop and a phone, axe on every page: a closure that
// has an appointment in the way lists it, the admin cancels it for the patient with a reason, closes the day,
// and the day has no free times; a setting changed; a therapist's time-off request approved; the audit page
// fits a phone and its filter button can be tapped.
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { apiPatient, baseURL, bookApi, idOf } from "./api-helpers";
import { DEMO, expect, expectNoAxeViolations, test } from "./fixtures";

const ZONE = "Europe/Amsterdam";
let anonymous: APIRequestContext;
let annaId: string;

test.beforeAll(async () => {
  anonymous = await playwrightRequest.newContext({ baseURL });
  annaId = await idOf(anonymous, "therapists", "Anna Lindqvist");
});
test.afterAll(async () => {
  await anonymous?.dispose();
});

/** The local date (clinic zone) of an instant. */
const localDate = (instant: string) => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, dateStyle: "short" }).format(new Date(instant));

async function slotsOn(date: string, therapistId?: string): Promise<Array<{ start: string }>> {
  // A day either side in UTC, then kept to the local date.
  const from = new Date(`${date}T00:00:00Z`).getTime() - 86_400_000;
  const query = new URLSearchParams({
    massageType: "swedish",
    duration: "60",
    from: new Date(from).toISOString(),
    to: new Date(from + 3 * 86_400_000).toISOString(),
    ...(therapistId ? { therapistId } : {}),
  });
  const response = await anonymous.get(`/api/v1/availability?${query}`);
  expect(response.status()).toBe(200);
  const { slots } = (await response.json()) as { slots: Array<{ start: string }> };
  return slots.filter((slot) => localDate(slot.start) === date);
}

test("a closure with an appointment in the way lists it; cancelled for the patient, the day closes and has no times @phone", async ({ page, login }, testInfo) => {
  // Each project closes its own day, weeks ahead where other specs do not book.
  const offset = testInfo.project.name === "phone" ? 47 : 41;
  const first = new Date(Date.now() + offset * 86_400_000);
  let date = "";
  let start = "";
  for (let day = 0; day < 7 && !start; day++) {
    date = localDate(new Date(first.getTime() + day * 86_400_000).toISOString());
    start = (await slotsOn(date, annaId))[4]?.start ?? "";
  }
  expect(start, "a working day of Anna's").not.toBe("");
  const patient = await apiPatient();
  const booked = await bookApi(patient.api, { therapistId: annaId, massageType: "swedish", duration: 60, start });

  await login(DEMO.admin);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Closures", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Closures" })).toBeVisible();
  await expectNoAxeViolations(page);
  const form = page.getByRole("form", { name: "Close the clinic for a day" });
  await form.getByLabel("Day").fill(date);
  await form.getByLabel("Reason").fill("Clinic holiday");
  await form.getByRole("button", { name: "Close this day" }).click();
  const refusal = form.getByRole("alert");
  await expect(refusal).toContainText("One appointment is booked");
  const inTheWay = refusal.getByRole("list", { name: "Appointments in the way" });
  await expect(inTheWay).toContainText(patient.name);
  await expectNoAxeViolations(page);

  // Open it from the list, and cancel it for the patient.
  await inTheWay.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/admin/appointments/${booked.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(patient.name);
  await expectNoAxeViolations(page);
  const cancel = page.getByRole("form", { name: "Cancel for the patient" });
  await cancel.getByRole("button", { name: "Cancel appointment" }).click();
  // The reason is required: the browser will not send the form without it.
  expect(await cancel.getByLabel("Reason").evaluate((field: HTMLTextAreaElement) => field.validity.valueMissing)).toBe(true);
  await cancel.getByLabel("Reason").fill("The clinic is closed that day");
  await cancel.getByRole("button", { name: "Cancel appointment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Cancelled." })).toContainText("mailed the reason");
  await expect(page.getByText("The clinic is closed that day")).toBeVisible();
  const seen = (await (await patient.api.get(`/api/v1/appointments/${booked.id}`)).json()) as { status: string; cancelReason: string };
  expect(seen).toMatchObject({ status: "cancelled", cancelReason: "The clinic is closed that day" });

  // Now the day closes, and nobody offers a time on it.
  await page.goto("/admin/closures");
  await form.getByLabel("Day").fill(date);
  await form.getByLabel("Reason").fill("Clinic holiday");
  await form.getByRole("button", { name: "Close this day" }).click();
  await expect(form.getByRole("status")).toContainText(`The clinic is closed on ${date}`);
  await expect(page.getByRole("region", { name: "Upcoming closures" })).toContainText("Clinic holiday");
  expect(await slotsOn(date, annaId)).toEqual([]);
  expect(await slotsOn(date)).toEqual([]);
  await patient.api.dispose();
});

test("the admin changes a setting, and a wrong one is refused with its field @phone", async ({ page, login }, testInfo) => {
  await login(DEMO.admin);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Clinic settings" })).toBeVisible();
  await expectNoAxeViolations(page);
  const phone = testInfo.project.name === "phone" ? "+31 20 555 0102" : "+31 20 555 0101";
  await page.getByLabel("Phone").fill(phone);
  await page.getByLabel("Waitlist offer (minutes)").fill("90");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Phone")).toHaveValue(phone);
  await expect(page.getByLabel("Waitlist offer (minutes)")).toHaveValue("90");

  // The server judges too: an address that is not one comes back with its field named.
  // Past the browser's own check of the field, as a script or an older browser would send it.
  await page.getByRole("form", { name: "Clinic settings" }).evaluate((form: HTMLFormElement) => (form.noValidate = true));
  await page.getByLabel("Email").fill("front desk");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Email:" })).toContainText("Give an email address");
  await expectNoAxeViolations(page);
});

test("a therapist asks for time off on their page, the admin approves it; the other admin pages pass axe @phone", async ({ page, login, browser }, testInfo) => {
  const day = testInfo.project.name === "phone" ? 52 : 53;
  const when = new Date(Date.now() + day * 86_400_000);
  const date = localDate(when.toISOString());
  const therapistContext = await browser.newContext({ baseURL, viewport: page.viewportSize(), isMobile: testInfo.project.name === "phone" });
  const therapist = await therapistContext.newPage();
  const { csrfToken } = (await (await therapist.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await therapist.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: DEMO.therapist, password: "clinic-demo-2026" }, maxRedirects: 0 });
  await therapist.goto("/therapist");
  const ask = therapist.getByRole("form", { name: "Ask for time off" });
  await ask.getByLabel("From").fill(`${date}T08:00`);
  await ask.getByLabel("Until").fill(`${date}T12:00`);
  await ask.getByLabel("Reason").fill("Dentist");
  await ask.getByRole("button", { name: "Request time off" }).click();
  await expect(ask.getByRole("status")).toContainText("Requested");
  await expect(therapist.getByText("Waiting for the clinic").first()).toBeVisible();
  await expectNoAxeViolations(therapist);
  await therapistContext.close();

  await login(DEMO.admin);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Time off" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Time off" })).toBeVisible();
  await expectNoAxeViolations(page);
  const request = page.getByRole("region", { name: "Requests waiting for a decision" }).getByRole("listitem").filter({ hasText: "Dentist" }).first();
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("region", { name: "Upcoming time off" }).getByRole("listitem").filter({ hasText: "Dentist" }).first()).toContainText("Approved");

  for (const [link, heading] of [
    ["Services", "Services"],
    ["All appointments", "All appointments"],
  ] as const) {
    await page.goto("/admin");
    await page.getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoAxeViolations(page);
  }
  await page.getByLabel("Day").fill(date);
  await page.getByRole("button", { name: "Show appointments" }).click();
  await expect(page).toHaveURL(new RegExp(`day=${date}`));
  await expectNoAxeViolations(page);
});

test("the audit page fits the screen and its filter button can be tapped @phone", async ({ page, login }) => {
  await login(DEMO.admin);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const width = page.viewportSize()!.width;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  const button = page.getByRole("button", { name: "Show entries" });
  await button.scrollIntoViewIfNeeded();
  // Nothing covers it: the element at its centre is the button (or inside it).
  const box = (await button.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  const hit = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.closest("button")?.textContent ?? null,
    // boundingBox is relative to the viewport, as elementFromPoint is.
    [box.x + box.width / 2, box.y + box.height / 2],
  );
  expect(hit).toBe("Show entries");
  await page.getByLabel("Action").selectOption({ index: 1 });
  await button.click();
  await expect(page).toHaveURL(/action=/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  await expectNoAxeViolations(page);
});
