// Runs once per server process.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("@/lib/db/shutdown");
    const { getEnv } = await import("@/lib/env");
    const interval = getEnv().JOBS_INTERVAL_SECONDS;
    // 0: no in-app loop; a scheduler runs `npm run jobs` instead.
    if (interval > 0) {
      const [{ startJobLoop }, { getDb }] = await Promise.all([import("@/lib/jobs/run"), import("@/lib/db")]);
      startJobLoop(getDb, interval);
    }
  }
}
