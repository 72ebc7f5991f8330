// What every app instance of the e2e run is started with: playwright.config.ts
// starts the first, e2e/multi-instance.spec.ts a second beside it.
export const E2E_AUTH_SECRET = process.env.AUTH_SECRET ?? "e2e-only-secret-not-for-production-use-0001";

export function e2eAppEnv(appUrl: string) {
  return {
    // Links in mails point here (required with DATABASE_URL; the address the tests browse, so a followed link keeps its cookie).
    APP_URL: appUrl,
    // Every test registers its patients from 127.0.0.1: far above the production default (ADR 0010).
    REGISTRATIONS_PER_HOUR: "100000",
  };
}
