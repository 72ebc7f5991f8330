import { DEMO, DEMO_PASSWORD, expect, expectNoAxeViolations, test } from "./fixtures";
import { fillBooking, newPatient } from "./helpers";

// A small, valid PDF: what a scanner's "save as PDF" of a signed form boils down to.
const PDF = Buffer.from(
  [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj",
    "trailer << /Root 1 0 R >>",
    "%%EOF",
  ].join("\n"),
);

test("osteoporosis: held, clearance uploaded, approved with 'no deep tissue', confirmed; the restriction follows the patient", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await newPatient(page);

  // 1. The patient books and is held.
  await fillBooking(page, {
    massage: /^Swedish massage/,
    duration: "60 minutes",
    therapist: "Anna Lindqvist",
    conditions: ["Osteoporosis"],
    physician: "Dr. Jonas Weber (Orthopaedics)",
    day: 5,
  });
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your time is held until your physician clears you" })).toBeVisible();
  const appointmentUrl = page.url();

  // 2. The patient uploads the signed clearance.
  await page.getByLabel(/Physician's clearance \(PDF, JPEG or PNG/).setInputFiles({ name: "clearance.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText("Uploaded clearance.pdf")).toBeVisible();
  await expect(page.getByRole("link", { name: "clearance.pdf" })).toBeVisible();
  await expectNoAxeViolations(page);

  // 3. The physician previews it and approves with a restriction.
  const physicianContext = await browser.newContext();
  const physician = await physicianContext.newPage();
  await physician.goto("/sign-in");
  await physician.getByLabel("Email").fill(DEMO.physician2);
  await physician.getByLabel("Password").fill(DEMO_PASSWORD);
  await physician.getByRole("button", { name: "Sign in" }).click();
  await expect(physician.getByRole("heading", { level: 1, name: "Welcome, Dr. Jonas Weber" })).toBeVisible();
  await physician.getByRole("region", { name: "Open clearance requests" }).getByRole("link", { name: "Booking Patient" }).last().click();
  await expect(physician.getByRole("heading", { level: 1, name: /Clearance for Booking Patient/ })).toBeVisible();
  await expect(physician.getByText("Osteoporosis", { exact: true })).toBeVisible();
  await expect(physician.locator('iframe[title="Preview of clearance.pdf"]')).toBeVisible();
  await physician.getByRole("radio", { name: "Approve massage" }).check();
  await physician.getByRole("checkbox", { name: "No deep tissue massage" }).check();
  await physician.getByLabel("Restrictions the therapist must follow").fill("Avoid lumbar pressure.");
  await physician.getByRole("button", { name: "Approve clearance" }).click();
  await expect(physician.getByText("Your decision is saved")).toBeVisible();
  await physicianContext.close();

  // 4. The patient's appointment is confirmed, with the restriction on it.
  await page.goto(appointmentUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Your appointment is confirmed" })).toBeVisible();
  await expect(page.getByText(/no deep tissue massage/)).toBeVisible();

  // 5. The therapist sees the restriction before the session.
  const therapistContext = await browser.newContext();
  const therapist = await therapistContext.newPage();
  await therapist.goto("/sign-in");
  await therapist.getByLabel("Email").fill(DEMO.therapist);
  await therapist.getByLabel("Password").fill(DEMO_PASSWORD);
  await therapist.getByRole("button", { name: "Sign in" }).click();
  await expect(therapist.getByText(/Physician's restrictions:.*Avoid lumbar pressure.*no deep tissue massage/).first()).toBeVisible();
  await therapistContext.close();

  // 6. The next booking is confirmed at once, and deep tissue is not offered.
  await page.goto("/book");
  await expect(page.getByText(/Your physician's restrictions apply/)).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Deep tissue massage/ })).toHaveCount(0);
  await fillBooking(page, {
    massage: /^Swedish massage/,
    duration: "30 minutes",
    therapist: "Anna Lindqvist",
    // On the record and covered by the approval: no physician to choose this time.
    conditions: ["Osteoporosis"],
    day: 6,
  });
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your appointment is confirmed" })).toBeVisible();
});

test("the clearance API: the physician's queue, one request, and who may decide", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await newPatient(page);
  await fillBooking(page, {
    massage: /^Swedish massage/,
    duration: "30 minutes",
    therapist: "First available",
    conditions: ["Cardiovascular disease"],
    physician: "Dr. Sara Okafor (General practice)",
    day: 7,
  });
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your time is held until your physician clears you" })).toBeVisible();
  const appointment = await (await page.request.get(page.url().replace("/appointments/", "/api/v1/appointments/"))).json();
  const clearanceId = appointment.clearance.id as string;

  // The patient may read their own request but not decide it.
  expect((await page.request.get(`/api/v1/clearances/${clearanceId}`)).status()).toBe(200);
  expect((await page.request.post(`/api/v1/clearances/${clearanceId}/decision`, { data: { decision: "approve" } })).status()).toBe(404);

  const signedIn = async (email: string) => {
    const context = await browser.newContext();
    const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await context.request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: DEMO_PASSWORD }, maxRedirects: 0 });
    return context;
  };
  const other = await signedIn(DEMO.physician2);
  expect((await other.request.get(`/api/v1/clearances/${clearanceId}`)).status()).toBe(404);
  expect((await other.request.post(`/api/v1/clearances/${clearanceId}/decision`, { data: { decision: "decline", reason: "No." } })).status()).toBe(404);

  const addressed = await signedIn(DEMO.physician);
  const queue = await (await addressed.request.get("/api/v1/clearances?status=awaiting_document")).json();
  expect(JSON.stringify(queue)).toContain(clearanceId);
  // No document yet: no decision either way.
  expect((await addressed.request.post(`/api/v1/clearances/${clearanceId}/decision`, { data: { decision: "approve" } })).status()).toBe(409);
  const uploaded = await addressed.request.post(`/api/v1/clearances/${clearanceId}/documents`, {
    multipart: { file: { name: "signed.pdf", mimeType: "application/pdf", buffer: PDF } },
  });
  expect(uploaded.status()).toBe(201);
  expect(await uploaded.json()).toEqual({ id: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  // Declining needs a reason.
  const noReason = await addressed.request.post(`/api/v1/clearances/${clearanceId}/decision`, { data: { decision: "decline" } });
  expect(noReason.status()).toBe(422);
  expect((await noReason.json()).fields).toHaveProperty("reason");
  const declined = await addressed.request.post(`/api/v1/clearances/${clearanceId}/decision`, {
    data: { decision: "decline", reason: "Please see me first about your heart." },
  });
  expect(declined.status()).toBe(200);
  expect((await addressed.request.post(`/api/v1/clearances/${clearanceId}/decision`, { data: { decision: "decline", reason: "Again" } })).status()).toBe(409);
  await other.close();
  await addressed.close();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "This appointment is cancelled" })).toBeVisible();
});
