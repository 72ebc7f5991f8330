// What the command-line scripts share: open the configured database, migrate,
// seed by policy, and turn connection failures into one clear line.
import { openConnection, explainConnectionError, type Connection } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { createPrisma } from "@/lib/db/prisma";
import { EnvError, getEnv, type Env } from "@/lib/env";
import { isEmpty, seedDemo } from "@/lib/seed/demo";

export function loadEnvOrExit(): Env {
  try {
    return getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

export async function withDatabase<T>(env: Env, work: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = openConnection({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir, poolMax: 2 });
  try {
    return await work(connection);
  } catch (error) {
    if (isConnectionFailure(error)) {
      console.error(explainConnectionError(error, connection));
      process.exit(1);
    }
    throw error;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return (
    typeof code === "string" &&
    ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "28P01", "28000", "3D000"].includes(code)
  );
}

export async function migrateDatabase(connection: Connection): Promise<void> {
  const applied = await migrate(connection.raw);
  console.log(
    applied.length ? `Applied ${applied.length} migration(s) to ${connection.label}: ${applied.join(", ")}` : `${connection.label} is up to date.`,
  );
}

/**
 * Seeds the demo clinic when the policy says so: SEED_DEMO=true always,
 * SEED_DEMO=false never, and by default (auto) only an empty embedded database.
 * A PostgreSQL database is therefore never seeded unless asked explicitly.
 */
export async function seedByPolicy(env: Env, connection: Connection, force = false): Promise<void> {
  const db = createPrisma(connection);
  try {
    const wanted =
      force || env.SEED_DEMO === "true" || (env.SEED_DEMO === "auto" && env.embedded && (await isEmpty(db)));
    if (!wanted) return;
    await seedDemo(db);
    console.log(`Demo data is in ${connection.label} (password for every demo account: clinic-demo-2026).`);
  } finally {
    await db.$disconnect();
  }
}
