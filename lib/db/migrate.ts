// The project's own migration runner (prisma migrate deploy fails through the
// WASM engine, see docs/decisions/0002). Each prisma/migrations/*/migration.sql,
// in name order, in its own transaction, recorded in "_clinic_migrations".
// Several app instances may start at once: an advisory lock lets one migrate.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { RawSql } from "./raw";

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");
const LOCK_KEY = 727_001; // any constant shared by every instance of this app

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export function migrate(raw: RawSql, migrations = readMigrations()): Promise<string[]> {
  return raw.session((session) => migrateOnOneConnection(session, migrations));
}

async function migrateOnOneConnection(raw: RawSql, migrations: Migration[]): Promise<string[]> {
  await raw.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
  try {
    await raw.exec(`CREATE TABLE IF NOT EXISTS "_clinic_migrations" (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await raw.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "_clinic_migrations"`);
    const applied = new Map(rows.map((row) => [row.name, row.checksum]));
    const done: string[] = [];
    for (const migration of migrations) {
      const known = applied.get(migration.name);
      if (known !== undefined) {
        if (known !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      await raw.transaction(async (tx) => {
        await tx.exec(migration.sql);
        await tx.query(`INSERT INTO "_clinic_migrations" (name, checksum) VALUES ($1, $2)`, [
          migration.name,
          migration.checksum,
        ]);
      });
      done.push(migration.name);
    }
    return done;
  } finally {
    await raw.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
  }
}
