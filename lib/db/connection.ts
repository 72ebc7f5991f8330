// Opens the clinic's database: embedded PGlite in DATA_DIR when no DATABASE_URL
// is set, otherwise a real PostgreSQL through node-postgres. Everything above
// this module sees the same two things: a Prisma driver adapter and RawSql.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { rawFromPglite, rawFromPool, type RawSql } from "./raw";

type SqlDriverAdapterFactory = NonNullable<Prisma.PrismaClientOptions["adapter"]>;

export interface Connection {
  kind: "pglite" | "postgres";
  /** Where the data lives, with no password: for logs and errors. */
  label: string;
  raw: RawSql;
  adapter: SqlDriverAdapterFactory;
  close(): Promise<void>;
}

export function createPglite(dataDir?: string, loadDataDir?: Blob): PGlite {
  // One options object: PGlite ignores its second argument unless the first is a
  // string, so `new PGlite(undefined, options)` would drop btree_gist and loadDataDir.
  return new PGlite({ dataDir, extensions: { btree_gist }, loadDataDir });
}

export function connectionFromPglite(db: PGlite, label = "in-memory PGlite"): Connection {
  return {
    kind: "pglite",
    label,
    raw: rawFromPglite(db),
    // pglite-prisma-adapter 0.6's types target an older adapter interface; its
    // runtime matches Prisma 6.19's (docs/decisions/0002).
    adapter: new PrismaPGlite(db) as unknown as SqlDriverAdapterFactory,
    close: () => db.close(),
  };
}

export function describeDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || 5432}${url.pathname}`;
}

export function connectionFromUrl(databaseUrl: string, poolMax = 10): Connection {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolMax,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => undefined);
  return {
    kind: "postgres",
    label: `PostgreSQL at ${describeDatabaseUrl(databaseUrl)}`,
    raw: rawFromPool(pool),
    adapter: new PrismaPg(pool),
    close: () => pool.end(),
  };
}

export function openConnection(config: { databaseUrl?: string; dataDir: string; poolMax?: number }): Connection {
  if (config.databaseUrl) return connectionFromUrl(config.databaseUrl, config.poolMax);
  const folder = path.join(config.dataDir, "pgdata");
  fs.mkdirSync(folder, { recursive: true });
  return connectionFromPglite(createPglite(folder), `embedded PGlite in ${folder}`);
}

/** One line a person can act on, for a database that cannot be reached. Never echoes a password. */
export function explainConnectionError(error: unknown, connection: Pick<Connection, "kind" | "label">): string {
  const err = error as { code?: string; message?: string };
  const where = connection.label;
  if (connection.kind === "postgres") {
    switch (err.code) {
      case "ECONNREFUSED":
        return `DATABASE_URL: nothing is listening at ${where} (connection refused). Is PostgreSQL running?`;
      case "ENOTFOUND":
      case "EAI_AGAIN":
        return `DATABASE_URL: the host of ${where} cannot be resolved.`;
      case "ETIMEDOUT":
        return `DATABASE_URL: ${where} did not answer in time.`;
      case "28P01":
      case "28000":
        return `DATABASE_URL: ${where} refused the user name or password.`;
      case "3D000":
        return `DATABASE_URL: the database in ${where} does not exist. Create it first (createdb).`;
    }
    return `DATABASE_URL: cannot use ${where}: ${err.message ?? String(error)}`;
  }
  return `DATA_DIR: cannot open ${where}: ${err.message ?? String(error)}`;
}
