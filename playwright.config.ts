import { defineConfig, devices } from "@playwright/test";

// The e2e run has its own port and data folder (or the DATABASE_URL it is
// given), never the developer's. scripts/test.ts empties the folder first.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // Two app instances can share PostgreSQL, never one PGlite folder.
  testIgnore: process.env.DATABASE_URL ? [] : ["**/multi-instance.spec.ts"],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--disable-dev-shm-usage", "--disable-gpu"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
    {
      name: "phone",
      // Pixel 7 is a Chromium device profile: a phone-sized viewport with touch.
      use: { ...devices["Pixel 7"] },
      grep: /@phone/,
    },
  ],
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `${baseURL}/api/v1/massage-types`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATA_DIR: process.env.E2E_DATA_DIR ?? ".data-e2e",
      // Every test registers its patients from 127.0.0.1: far above the production default (ADR 0010).
      REGISTRATIONS_PER_HOUR: "100000",
      ...(process.env.DATABASE_URL
        ? {
            DATABASE_URL: process.env.DATABASE_URL,
            SEED_DEMO: "true",
            AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-not-for-production-use-0001",
          }
        : {}),
    },
  },
});
