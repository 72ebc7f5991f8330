import { DEMO, expect, expectNoAxeViolations, test } from "./fixtures";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

test("a new patient signs up, signs out and signs in again @phone", async ({ page }) => {
  const email = `new-patient-${unique()}@example.com`;
  const password = "my back feels better now";

  await page.goto("/sign-up");
  await expectNoAxeViolations(page);
  await page.getByLabel("Your name").fill("Robin Example");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("checkbox", { name: /I agree that the clinic may use my health details/ }).check();
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/patient$/);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Robin Example" })).toBeVisible();
  await expect(page.getByText("You have no upcoming appointments.")).toBeVisible();

  await page.getByRole("link", { name: "Sign out" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Robin Example" })).toBeVisible();
});

test("sign-up explains what is wrong, next to the field", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Your name").fill("Sam Example");
  await page.getByLabel("Email").fill(DEMO.patient);
  await page.getByLabel("Password").fill("Password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This password is too common.")).toBeVisible();

  await page.getByLabel("Password").fill("a long and unusual sentence");
  await page.getByRole("checkbox", { name: /I agree that the clinic may use my health details/ }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists.").first()).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);
  await expectNoAxeViolations(page);
});

test("a wrong password is refused without saying whether the account exists", async ({ page }) => {
  await page.goto("/sign-in");
  await expectNoAxeViolations(page);
  await page.getByLabel("Email").fill(DEMO.patient);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "do not match an account" });
  await expect(alert).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Email").fill("nobody-here@example.com");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the register API answers 201, 422 with field errors, and 409", async ({ request }) => {
  const email = `api-${unique()}@example.com`;
  const created = await request.post("/api/v1/auth/register", { data: { name: "Api Patient", email, password: "steady breathing helps" } });
  expect(created.status()).toBe(201);
  expect(await created.json()).toEqual({ id: expect.any(String) });

  const invalid = await request.post("/api/v1/auth/register", { data: { name: "", email: "nope", password: "short" } });
  expect(invalid.status()).toBe(422);
  expect(await invalid.json()).toMatchObject({
    error: "validation",
    fields: { name: expect.any(String), email: expect.any(String), password: expect.any(String) },
  });

  const taken = await request.post("/api/v1/auth/register", {
    data: { name: "Again", email: email.toUpperCase(), password: "steady breathing helps" },
  });
  expect(taken.status()).toBe(409);
  expect(await taken.json()).toMatchObject({ error: "email_in_use" });

  const malformed = await request.post("/api/v1/auth/register", {
    headers: { "content-type": "application/json" },
    data: Buffer.from("{not json"),
  });
  expect(malformed.status()).toBe(400);

  // The new account can sign in through the API.
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signIn = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email, password: "steady breathing helps" },
    maxRedirects: 0,
  });
  expect(signIn.status()).toBe(302);
  expect((await (await request.get("/api/auth/session")).json()).user).toMatchObject({ email, role: "PATIENT" });
});
