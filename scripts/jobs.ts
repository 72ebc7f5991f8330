// npm run jobs: runs every background job once (mail delivery, …) and prints
// what it did. For a scheduler such as cron, e.g. every minute, when the app's
// own loop is off (JOBS_INTERVAL_SECONDS=0). Exits 1 if a job failed.
import { createPrisma } from "@/lib/db/prisma";
import { formatJobsSummary, runJobsOnce } from "@/lib/jobs/run";
import { loadEnvOrExit, withDatabase } from "./lib/database";

const env = loadEnvOrExit();
const summary = await withDatabase(env, async (connection) => {
  const db = createPrisma(connection);
  try {
    return await runJobsOnce(db);
  } finally {
    await db.$disconnect();
  }
});
console.log(`Jobs at ${summary.at.toISOString()} on ${env.embedded ? "the embedded database" : "PostgreSQL"}:`);
console.log(formatJobsSummary(summary));
if (!summary.ok) process.exitCode = 1;
