// Run before the app starts: migrate, then seed the demo clinic by policy.
import { loadEnvOrExit, migrateDatabase, seedByPolicy, withDatabase } from "./lib/database";

const env = loadEnvOrExit();
await withDatabase(env, async (connection) => {
  await migrateDatabase(connection);
  await seedByPolicy(env, connection);
});
