// npm run screenshots: pictures of the main pages on a desktop and a phone
// viewport, for looking at what people see. Needs the app running (npm start).
import fs from "node:fs";
import { chromium, devices } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const out = process.env.SCREENSHOT_DIR ?? "test-results/screenshots";
const pages: Array<{ name: string; path: string; as?: string }> = [
  { name: "home", path: "/" },
  { name: "self-care", path: "/self-care" },
  { name: "sign-in", path: "/sign-in" },
  { name: "sign-up", path: "/sign-up" },
  { name: "patient", path: "/patient", as: "patient@clinic.test" },
  { name: "therapist", path: "/therapist", as: "therapist@clinic.test" },
  { name: "physician", path: "/physician", as: "physician@clinic.test" },
  { name: "admin", path: "/admin", as: "admin@clinic.test" },
  { name: "book", path: "/book", as: "patient@clinic.test" },
  { name: "audit", path: "/admin/audit", as: "admin@clinic.test" },
  { name: "mailbox", path: "/admin/mailbox", as: "admin@clinic.test" },
  { name: "developers", path: "/developers" },
  { name: "privacy", path: "/privacy" },
  { name: "password-forgot", path: "/password/forgot" },
  { name: "account", path: "/account", as: "patient@clinic.test" },
  { name: "account-closures", path: "/admin/account-closures", as: "admin@clinic.test" },
];

fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--disable-dev-shm-usage", "--disable-gpu"],
});
for (const [viewport, device] of [["desktop", devices["Desktop Chrome"]], ["phone", devices["Pixel 7"]]] as const) {
  for (const target of pages) {
    const context = await browser.newContext({ ...device, baseURL: base });
    if (target.as) {
      const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
      await context.request.post("/api/auth/callback/credentials", {
        form: { csrfToken, email: target.as, password: "clinic-demo-2026" },
        maxRedirects: 0,
      });
    }
    const page = await context.newPage();
    await page.goto(target.path);
    await page.screenshot({ path: `${out}/${target.name}-${viewport}.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();
console.log(`Screenshots in ${out}/`);
