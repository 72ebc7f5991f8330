// The waitlist in a real browser: a patient joins from the booking flow, another patient cancels (through the API),
// the background job offers the freed time, the mail's link opens the claim page, the claim is confirmed.
// And two browsers claiming one offer: one wins, the other is told.
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { apiPatient, baseURL, bookApi, freeStarts, idOf, intakeWith, signedInApi } from "./api-helpers";
import { DEMO, expect, expectNoAxeViolations, test } from "./fixtures";

const ZONE = "Europe/Amsterdam";
const THERAPIST = "Anna Lindqvist";
// The job loop runs every JOBS_INTERVAL_SECONDS (30 by default): an offer, then its mail, within a run or two.
const JOB_WAIT = 100_000;

const parts = (iso: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, ...options }).format(new Date(iso));
const clinicDay = (iso: string) => parts(iso, { year: "numeric", month: "2-digit", day: "2-digit" });
const clinicClock = (iso: string) => parts(iso, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

async function shot(page: Page, name: string, project: string) {
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}-${project}.png`, fullPage: true });
}

async function signIn(context: BrowserContext, email: string, password: string) {
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
}

/** A free time a fresh patient books and will cancel, days ahead (outside the cancellation notice), not taken by earlier runs. */
async function bookedTime(api: APIRequestContext, therapistId: string, pick: number) {
  const starts = await freeStarts(api, therapistId, "swedish", 60, 4, 40);
  const start = starts[Math.min(pick, starts.length - 1)];
  if (!start) throw new Error("no free time");
  const booking = await bookApi(api, { therapistId, massageType: "swedish", duration: 60, start });
  return { start, appointmentId: booking.id };
}

async function waitForOffer(api: APIRequestContext) {
  let offerId: string | undefined;
  await expect
    .poll(
      async () => {
        const entries = (await (await api.get("/api/v1/waitlist")).json()) as Array<{ offer: { id: string } | null }>;
        offerId = entries.find((entry) => entry.offer)?.offer?.id;
        return offerId;
      },
      { timeout: JOB_WAIT, intervals: [2_000] },
    )
    .toBeTruthy();
  return offerId!;
}

/** The claim link from the offer mail, read in the clinic's mailbox as the demo admin; and the clinic's waitlist for the day. */
async function claimLinkFromMailbox(browser: Browser, email: string, seen: { day: string; name: string; project: string }) {
  const context = await browser.newContext({ baseURL });
  await signIn(context, DEMO.admin, "clinic-demo-2026");
  const page = await context.newPage();
  let href: string | undefined;
  await expect
    .poll(
      async () => {
        await page.goto("/admin/mailbox");
        const row = page.getByRole("row").filter({ hasText: email }).filter({ hasText: "A time on your waitlist is free" });
        if ((await row.count()) === 0) return undefined;
        await row.first().getByRole("link").first().click();
        const text = (await page.locator("pre").first().textContent()) ?? "";
        href = /https?:\/\/\S+\/waitlist\/offers\/[0-9a-f-]{36}/.exec(text)?.[0];
        return href;
      },
      { timeout: JOB_WAIT, intervals: [3_000] },
    )
    .toBeTruthy();
  // Staff see who waits on a day and what was offered; the admin page links to it.
  await page.goto("/admin");
  await page.getByRole("link", { name: "Waitlist" }).click();
  await page.goto(`/admin/waitlist?day=${seen.day}`);
  await expect(page.getByRole("region", { name: "Times offered on this day" }).getByText(seen.name)).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, "admin-waitlist", seen.project);
  await context.close();
  return new URL(href!).pathname;
}

async function fillIntake(page: Page) {
  await page.getByRole("radio", { name: "Chronic (three months or more)" }).check();
  await page.getByRole("checkbox", { name: "Lower back" }).check();
  await page.getByRole("group", { name: /How strong is the pain/ }).getByText("4", { exact: true }).click();
}

test("join the waitlist from the booking flow, another patient cancels, claim the offer from the mail link @phone", async ({ page, login, browser }, info) => {
  test.setTimeout(240_000);
  const canceller = await apiPatient();
  const waiting = await apiPatient();
  const therapistId = await idOf(canceller.api, "therapists", THERAPIST);
  const { start, appointmentId } = await bookedTime(canceller.api, therapistId, info.project.name === "phone" ? 7 : 3);
  const end = new Date(new Date(start).getTime() + 60 * 60_000).toISOString();

  // The waiting patient: the booking flow's slot picker leads to the waitlist with the choices made so far.
  await login(waiting.email, waiting.password);
  await page.goto("/book");
  await page.getByRole("radio", { name: /^Swedish massage/ }).check();
  await page.getByRole("radio", { name: "60 minutes" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("radio", { name: new RegExp(THERAPIST) }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("link", { name: "Join the waitlist" })).toBeVisible();
  await shot(page, "slot-picker", info.project.name);
  await page.getByRole("link", { name: "Join the waitlist" }).click();
  await expect(page.getByRole("heading", { name: "Join the waitlist", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Massage")).toHaveValue("swedish");
  await expect(page.getByLabel("Length")).toHaveValue("60");
  await expect(page.getByLabel("Therapist")).toHaveValue(therapistId);
  // The day and hour of the time that will free (a narrow window, so no other run's entry matches it).
  await page.getByLabel("From").fill(clinicDay(start));
  await page.getByLabel("Until").fill(clinicDay(start));
  await page.getByLabel("Not before").fill(clinicClock(start));
  await page.getByLabel("Finished by").fill(clinicClock(end));
  await expectNoAxeViolations(page);
  await shot(page, "join", info.project.name);
  await page.getByRole("button", { name: "Join the waitlist" }).click();
  await expect(page).toHaveURL(/\/patient/);
  const section = page.getByRole("region", { name: "Your waitlist" });
  await expect(section.getByText("Swedish massage, 60 minutes")).toBeVisible();

  // Another patient cancels through the API: the lifecycle records the freed time; the job offers it.
  expect((await canceller.api.post(`/api/v1/appointments/${appointmentId}/cancel`)).status()).toBe(200);
  const offerId = await waitForOffer(waiting.api);
  await page.reload();
  await expect(section.getByText(/A time is free for you/)).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, "patient-offer", info.project.name);

  // The mail's link, as the patient would follow it.
  const link = await claimLinkFromMailbox(browser, waiting.email, { day: clinicDay(start), name: waiting.name, project: info.project.name });
  expect(link).toBe(`/waitlist/offers/${offerId}`);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "A free time for you" })).toBeVisible();
  await expect(page.getByText(clinicClock(start)).first()).toBeVisible();
  await fillIntake(page);
  await expectNoAxeViolations(page);
  await shot(page, "claim", info.project.name);
  await page.getByRole("button", { name: "Claim this time" }).click();
  await expect(page).toHaveURL(/\/appointments\/[0-9a-f-]{36}/);
  await expect(page.getByText("Confirmed").first()).toBeVisible();
  await shot(page, "claimed", info.project.name);
  // Fulfilled: off the list.
  expect(await (await waiting.api.get("/api/v1/waitlist")).json()).toEqual([]);
  await Promise.all([canceller.api.dispose(), waiting.api.dispose()]);
});

test("two browsers claiming one offer: one wins, the other is told", async ({ browser }) => {
  test.setTimeout(240_000);
  const canceller = await apiPatient();
  const waiting = await apiPatient();
  const therapistId = await idOf(canceller.api, "therapists", THERAPIST);
  const { start, appointmentId } = await bookedTime(canceller.api, therapistId, 11);
  const end = new Date(new Date(start).getTime() + 60 * 60_000).toISOString();
  const joined = await waiting.api.post("/api/v1/waitlist", {
    data: { massageType: "swedish", duration: 60, therapistId, from: clinicDay(start), to: clinicDay(start), earliest: clinicClock(start), latest: clinicClock(end) },
  });
  expect(joined.status()).toBe(201);
  // Staff cannot claim, and another patient's offer does not exist for them.
  expect((await canceller.api.post(`/api/v1/appointments/${appointmentId}/cancel`)).status()).toBe(200);
  const offerId = await waitForOffer(waiting.api);
  const admin = await signedInApi(DEMO.admin);
  expect((await admin.post(`/api/v1/waitlist/offers/${offerId}/claim`, { data: { intake: intakeWith() } })).status()).toBe(403);
  expect((await canceller.api.post(`/api/v1/waitlist/offers/${offerId}/claim`, { data: { intake: intakeWith() } })).status()).toBe(404);

  const contexts = await Promise.all([browser.newContext({ baseURL }), browser.newContext({ baseURL })]);
  const pages = await Promise.all(
    contexts.map(async (context) => {
      await signIn(context, waiting.email, waiting.password);
      const page = await context.newPage();
      await page.goto(`/waitlist/offers/${offerId}`);
      await fillIntake(page);
      return page;
    }),
  );
  await Promise.all(pages.map((page) => page.getByRole("button", { name: "Claim this time" }).click()));
  const outcome = (page: Page) =>
    Promise.race([
      page.waitForURL(/\/appointments\/[0-9a-f-]{36}/, { timeout: 30_000 }).then(() => "won" as const),
      page.getByRole("heading", { name: /This time has gone|You have this time already/ }).waitFor({ timeout: 30_000 }).then(() => "told" as const),
    ]);
  const outcomes = await Promise.all(pages.map(outcome));
  expect(outcomes.toSorted()).toEqual(["told", "won"]);
  const told = pages[outcomes.indexOf("told")]!;
  await expect(told.getByText(/claimed this time already|no longer yours/)).toBeVisible();
  await expectNoAxeViolations(told);
  await shot(told, "told", "desktop");
  await Promise.all(contexts.map((context) => context.close()));
  await Promise.all([canceller.api.dispose(), waiting.api.dispose(), admin.dispose()]);
});
