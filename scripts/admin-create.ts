// npm run admin:create -- --email … --name …: makes (or re-links) a clinic admin on the configured database
// (DATABASE_URL, or the embedded PGlite folder in DATA_DIR) and prints a one-time set-password link.
// Migrates first, so it works on a database nothing has run on yet. lib/staff/admin-create.ts has the rules.
import { createPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { createAdminAccount, parseAdminCreateArgs } from "@/lib/staff/admin-create";
import { loadEnvOrExit, migrateDatabase, withDatabase } from "./lib/database";

const args = parseAdminCreateArgs(process.argv.slice(2));
if (!args.ok) {
  console.error(args.message);
  process.exit(2);
}
const env = loadEnvOrExit();
const code = await withDatabase(env, async (connection) => {
  await migrateDatabase(connection);
  const db = createPrisma(connection);
  try {
    const result = await createAdminAccount(db, args.input, { appUrl: env.APP_URL });
    console.log(result.created ? `Created the admin account ${args.input.email}.` : `${args.input.email} is an admin already: here is a new link (earlier links no longer work).`);
    console.log(`Set its password within 7 days (until ${result.expiresAt.toISOString()}), once, at:`);
    console.log(result.link);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
});
process.exit(code);
