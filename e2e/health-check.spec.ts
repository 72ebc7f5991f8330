// The day-before health check in a real browser: a patient answers with a fever on their appointment page, lands on
// the self-care page with a link to book again, and the time is free again in the availability. All no: thanks.
import type { Page } from "@playwright/test";
import { apiPatient, bookApi, signedInApi } from "./api-helpers";
import { DEMO, expect, expectNoAxeViolations, test } from "./fixtures";
import { isFree, openCheckStart, openHealthCheckClinic } from "./health-check-clinic";

let clinic: Awaited<ReturnType<typeof openHealthCheckClinic>>;
let admin: Awaited<ReturnType<typeof signedInApi>>;

test.beforeAll(async () => {
  admin = await signedInApi(DEMO.admin);
  clinic = await openHealthCheckClinic(admin);
});
test.afterAll(async () => {
  await clinic?.close();
  await admin?.dispose();
});

async function shot(page: Page, name: string, project: string) {
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}-${project}.png`, fullPage: true });
}

async function bookedForTomorrow() {
  const patient = await apiPatient();
  const start = await openCheckStart(patient.api, clinic.therapistId);
  const booking = await bookApi(patient.api, { therapistId: clinic.therapistId, massageType: "swedish", duration: 60, start });
  expect(booking.status).toBe("confirmed");
  return { patient, start, appointmentId: booking.id };
}

test("a patient with a fever answers the check: cancelled without charge, self-care and rebooking, the time is free again @phone", async ({
  page,
  login,
}, testInfo) => {
  const { patient, start, appointmentId } = await bookedForTomorrow();
  expect(await isFree(patient.api, clinic.therapistId, start)).toBe(false);
  await login(patient.email, patient.password);
  await page.goto(`/appointments/${appointmentId}#health-check`);
  const check = page.getByRole("region", { name: "Day-before health check" });
  await expect(check).toBeVisible();

  // Nothing answered: the form says what is missing and sends nothing.
  await check.getByRole("button", { name: "Send my answers" }).click();
  await expect(check.getByText("Answer yes or no: do you have a fever?")).toBeVisible();
  await expectNoAxeViolations(page);

  await check.getByRole("group", { name: "Do you have a fever?" }).getByLabel("Yes").check();
  await check.getByRole("group", { name: /cold, flu/ }).getByLabel("No").check();
  await check.getByRole("group", { name: /acute injury/ }).getByLabel("No").check();
  await shot(page, "health-check-form", testInfo.project.name);
  await check.getByRole("button", { name: "Send my answers" }).click();

  await expect(page).toHaveURL(/\/self-care\?after=health-check$/);
  await expect(page.getByRole("heading", { name: "Your appointment is cancelled, without charge" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Book a new time" })).toHaveAttribute("href", "/book");
  await expectNoAxeViolations(page);
  await shot(page, "health-check-self-care", testInfo.project.name);

  expect(await isFree(patient.api, clinic.therapistId, start)).toBe(true);
  const appointment = (await (await patient.api.get(`/api/v1/appointments/${appointmentId}`)).json()) as { status: string };
  expect(appointment.status).toBe("cancelled");

  await page.goto(`/appointments/${appointmentId}`);
  await expect(page.getByRole("region", { name: "Day-before health check" }).getByText("cancelled, without charge")).toBeVisible();
  await patient.api.dispose();
});

test("all no: the appointment stays, and the patient is thanked", async ({ page, login }, testInfo) => {
  const { patient, start, appointmentId } = await bookedForTomorrow();
  await login(patient.email, patient.password);
  await page.goto(`/appointments/${appointmentId}`);
  const check = page.getByRole("region", { name: "Day-before health check" });
  for (const name of ["Do you have a fever?", /cold, flu/, /acute injury/]) await check.getByRole("group", { name }).getByLabel("No").check();
  await check.getByRole("button", { name: "Send my answers" }).click();
  await expect(check.getByText("Thanks, all clear. See you tomorrow!")).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, "health-check-all-clear", testInfo.project.name);
  expect(await isFree(patient.api, clinic.therapistId, start)).toBe(false);
  await patient.api.dispose();
});
