// Shared e2e fixtures: a signed-in page without typing a password (the session
// is made through next-auth's own credentials endpoint), an axe check, and a
// guard that fails any test whose page logs a console error.
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "clinic-demo-2026";
export const DEMO = {
  admin: "admin@clinic.test",
  therapist: "therapist@clinic.test",
  myofascial: "myofascial@clinic.test",
  physician: "physician@clinic.test",
  physician2: "physician2@clinic.test",
  patient: "patient@clinic.test",
} as const;

export async function expectNoAxeViolations(page: Page) {
  // After a client-side navigation (a server action's redirect) Next.js sets the new page's <title> a moment after
  // its content: wait for it, so axe judges the page, not the moment between.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, "axe violations").toEqual([]);
}

interface Fixtures {
  login: (email: string, password?: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      // A page that is meant to answer 404 (or a redirect to sign-in) logs its own status; that is not a fault.
      const isDocumentStatus = message.text().startsWith("Failed to load resource") && message.location().url === page.url();
      if (!isDocumentStatus) errors.push(`${message.text()} (${message.location().url})`);
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await use(page);
    expect(errors, "console errors on the page").toEqual([]);
  },
  login: async ({ page }, use) => {
    await use(async (email, password = DEMO_PASSWORD) => {
      const csrf = await page.request.get("/api/auth/csrf");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const response = await page.request.post("/api/auth/callback/credentials", {
        form: { csrfToken, email, password },
        maxRedirects: 0,
      });
      expect(response.status(), "sign-in redirects").toBe(302);
      const session = await (await page.request.get("/api/auth/session")).json();
      expect(session?.user?.email, "signed in").toBe(email);
    });
  },
});

export { expect };
