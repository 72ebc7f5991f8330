import { defineConfig, devices } from "@playwright/test";
import { E2E_AUTH_SECRET, e2eAppEnv } from "./e2e/app-env";
import { e2eS3, e2eS3Env } from "./e2e/s3";

// The e2e run has its own port and data folder (or the DATABASE_URL it is
// given), never the developer's. scripts/test.ts empties the folder first.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// On PostgreSQL (where two instances can run) documents live in an S3 bucket on
// a local S3 server started first, so both instances share them (e2e/s3.ts).
const app = {
  command: "npx tsx scripts/start.ts",
  url: `${baseURL}/api/v1/massage-types`,
  timeout: 240_000,
  reuseExistingServer: false,
  stdout: "pipe" as const,
  stderr: "pipe" as const,
  env: {
    PORT: String(port),
    DATA_DIR: process.env.E2E_DATA_DIR ?? ".data-e2e",
    ...e2eAppEnv(baseURL),
    ...(process.env.DATABASE_URL
      ? {
          DATABASE_URL: process.env.DATABASE_URL,
          SEED_DEMO: "true",
          AUTH_SECRET: E2E_AUTH_SECRET,
          ...e2eS3Env,
        }
      : {}),
  },
};
const s3Server = {
  command: "npx tsx e2e/s3-server.ts",
  // s3rver answers an unsigned listing with 403: the server is up.
  url: `http://127.0.0.1:${e2eS3.port}/`,
  timeout: 30_000,
  reuseExistingServer: false,
  stdout: "pipe" as const,
  stderr: "pipe" as const,
};

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
  webServer: process.env.DATABASE_URL ? [s3Server, app] : app,
});
