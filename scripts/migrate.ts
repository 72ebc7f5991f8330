// npm run db:migrate: applies prisma/migrations/* to the configured database.
import { loadEnvOrExit, migrateDatabase, withDatabase } from "./lib/database";

const env = loadEnvOrExit();
await withDatabase(env, migrateDatabase);
