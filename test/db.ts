// A database for one test file: a private copy of the migrated database that
// test/global-setup.ts built. Test files that never call these pay nothing.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { connectionFromPglite, connectionFromUrl, createPglite, type Connection } from "@/lib/db/connection";
import { createPrisma, type Db } from "@/lib/db/prisma";
import { createDatabase, dropDatabase, postgresTarget } from "./postgres-admin";

export interface TestDatabase {
  db: Db;
  connection: Connection;
  close(): Promise<void>;
}

export interface EmptyDatabase {
  connection: Connection;
  close(): Promise<void>;
}

/** A fresh copy of the migrated database, with its own Prisma client. Call close() when done. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const copy = await openCopy(true);
  const db = createPrisma(copy.connection);
  return {
    db,
    connection: copy.connection,
    async close() {
      await db.$disconnect();
      await copy.close();
    },
  };
}

/** A database with nothing in it, not even the migrations: for testing the migration runner. */
export function createEmptyDatabase(): Promise<EmptyDatabase> {
  return openCopy(false);
}

/**
 * Opens a copy in beforeAll and closes it in afterAll. Use the returned object's
 * `db` and `connection` inside tests and hooks (they throw before beforeAll ran).
 */
export function useTestDatabase(): TestDatabase {
  let current: TestDatabase | undefined;
  const get = () => {
    if (!current) throw new Error("The test database is opened in beforeAll; use it inside a test or hook.");
    return current;
  };
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get db() {
      return get().db;
    },
    get connection() {
      return get().connection;
    },
    close: () => get().close(),
  };
}

const dumps = new Map<string, Blob>();

async function openCopy(migrated: boolean): Promise<EmptyDatabase> {
  const source = inject("testDatabase");
  if (source.kind === "pglite") {
    const file = migrated ? source.migratedDump : source.emptyDump;
    let dump = dumps.get(file);
    if (!dump) {
      dump = new Blob([fs.readFileSync(file)]);
      dumps.set(file, dump);
    }
    const pg = createPglite(undefined, dump);
    await pg.waitReady;
    const connection = connectionFromPglite(pg, "in-memory PGlite (test copy)");
    return { connection, close: () => connection.close() };
  }

  const target = postgresTarget(source.databaseUrl);
  const name = `${target.baseName}_t_${randomBytes(6).toString("hex")}`;
  await createDatabase(target, name, migrated ? source.templateName : "template0");
  const connection = connectionFromUrl(target.urlFor(name), 4);
  let closed = false;
  return {
    connection,
    async close() {
      if (closed) return;
      closed = true;
      await connection.close().catch(() => undefined);
      await dropDatabase(target, name);
    },
  };
}
