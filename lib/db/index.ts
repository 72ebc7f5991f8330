// The app's one database client. A singleton on globalThis: PGlite is one
// connection per process, and dev hot reload must not open a second one.
import "server-only";
import { getEnv } from "@/lib/env";
import { openConnection, type Connection } from "./connection";
import { createPrisma, type Db } from "./prisma";

export type { Db, DbClient } from "./prisma";

interface Holder {
  connection: Connection;
  db: Db;
}

const globalForDb = globalThis as unknown as { __clinicDb?: Holder };

function holder(): Holder {
  if (!globalForDb.__clinicDb) {
    const env = getEnv();
    const connection = openConnection({
      databaseUrl: env.DATABASE_URL,
      dataDir: env.dataDir,
      poolMax: env.DATABASE_POOL_MAX,
    });
    globalForDb.__clinicDb = { connection, db: createPrisma(connection) };
  }
  return globalForDb.__clinicDb;
}

export function getDb(): Db {
  return holder().db;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.__clinicDb;
  if (!current) return;
  globalForDb.__clinicDb = undefined;
  await current.db.$disconnect();
  await current.connection.close();
}
