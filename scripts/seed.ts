// npm run db:seed: migrates, then seeds the demo clinic (idempotent).
// On a production PostgreSQL (NODE_ENV=production with DATABASE_URL) it
// refuses unless SEED_DEMO=true says so explicitly.
import { loadEnvOrExit, migrateDatabase, seedByPolicy, withDatabase } from "./lib/database";

const env = loadEnvOrExit();
if (!env.embedded && env.NODE_ENV === "production" && env.SEED_DEMO !== "true") {
  console.error("Refusing to seed demo accounts into a production database. Set SEED_DEMO=true to do it anyway.");
  process.exit(1);
}
await withDatabase(env, async (connection) => {
  await migrateDatabase(connection);
  await seedByPolicy(env, connection, true);
});
