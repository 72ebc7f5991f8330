// The therapist workspace: the schedule, an appointment's intake and restrictions, the session notes (checked in
// the browser and by the server), marking the visit completed, and the patient's progress chart. Axe on every page.
import { DEMO, expect, expectNoAxeViolations, test } from "./fixtures";
import { waitingVisit } from "./therapist-fixtures";

test("a therapist reads the intake and restrictions, records notes and marks the visit completed @phone", async ({ page, login }) => {
  await login(DEMO.therapist);
  const visit = await waitingVisit(page.request);

  await page.goto(`/therapist?view=day&date=${visit.localDate}`);
  await expect(page.getByRole("heading", { level: 2, name: "Today" })).toBeVisible();
  const card = page.getByRole("region", { name: "Day", exact: true }).locator("article").filter({ has: page.locator(`a[href="/therapist/appointments/${visit.id}"]`) });
  await expect(card).toContainText("Pat Jensen");
  await expect(card).toContainText("Swedish massage, 60 minutes");
  await expect(card).toContainText("Pain: Chronic, 3/10: Lower back");
  await expect(card).toContainText("Health flags: ");
  await expect(card).toContainText("Treated high blood pressure");
  await expect(card).toContainText("Health check: all clear");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Week view" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Week" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/therapist?view=day&date=${visit.localDate}`);
  await card.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Swedish massage for Pat Jensen" })).toBeVisible();
  // The restrictions are in view at once, above everything else.
  await expect(page.getByText("Physician's restrictions").first()).toBeVisible();
  await expect(page.getByText(/Treated high blood pressure: moderate pressure only.*no deep tissue massage; at most 60 minutes/).first()).toBeVisible();
  const intake = page.getByRole("region", { name: "Health intake" });
  await expect(intake).toContainText("Chronic, 3/10: Lower back");
  await expect(intake).toContainText("Some ache after gardening.");
  await expect(page.getByText("Day-before check", { exact: true })).toBeVisible();
  await expect(page.getByText("Health check: all clear")).toBeVisible();
  await expect(page.getByRole("region", { name: "Progress" })).toContainText("Average pain after sessions");
  await expect(page.getByRole("region", { name: "Earlier sessions" }).getByRole("listitem").first()).toBeVisible();
  await expectNoAxeViolations(page);

  const notes = page.getByRole("form", { name: "Session notes" });
  await notes.getByLabel("Subjective").fill("Less stiff this week.");
  await notes.getByLabel("Objective").fill("Mild tension, left lower back.");
  await notes.getByLabel("Assessment").fill("Steady improvement.");
  await notes.getByLabel("Plan").fill("Next visit in three weeks.");
  await notes.getByLabel("Pain before the session (0–10)").fill("11");
  await notes.getByLabel("Pain after the session (0–10)").fill("2");
  await notes.getByRole("button", { name: "Save notes" }).click();
  await expect(notes.getByText("Pain before the session is from 0 (none) to 10 (worst).")).toBeVisible();
  await notes.getByLabel("Pain before the session (0–10)").fill("4");
  await notes.getByLabel("Sleep since the last session").selectOption({ label: "Better" });
  await notes.getByRole("button", { name: "Save notes" }).click();
  await expect(notes.getByRole("status")).toContainText("Notes saved.");
  await expect(notes.getByRole("button", { name: "Update notes" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Mark completed" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked completed." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark no-show" })).toHaveCount(0);
  await expect(page.locator("header").filter({ has: page.getByRole("heading", { level: 1 }) })).toContainText("Completed");
  // Its notes stay editable until the lock.
  await expect(notes.getByRole("button", { name: "Update notes" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("another therapist's appointment page does not exist for them", async ({ page, login }) => {
  await login(DEMO.therapist);
  const visit = await waitingVisit(page.request);
  await login(DEMO.myofascial);
  const response = await page.goto(`/therapist/appointments/${visit.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a patient sees their pain before and after sessions, with the trend in words @phone", async ({ page, login }) => {
  await login(DEMO.patient);
  await page.goto("/patient");
  const progress = page.getByRole("region", { name: "Your progress" });
  await expect(progress.getByTestId("pain-trend")).toHaveText(/^Average pain after sessions (down from \d+ to \d+|up from \d+ to \d+|steady at \d+) over \d+ visits\.$/);
  await progress.getByText("The scores as a table").click();
  await expect(progress.getByRole("table", { name: /by visit/ })).toBeVisible();
  await expectNoAxeViolations(page);
});
