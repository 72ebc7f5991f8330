// Builds the one test database from the migrations, once per run. Test files
// copy it (test/db.ts):
// - embedded: an in-memory PGlite, migrated, dumped to an uncompressed tarball
//   in a temp folder; each file loads that (~1.5 s) instead of running initdb
//   and the migrations (~6.5 s).
// - DATABASE_URL set: a template database "<name>_tmpl" on that server; each
//   file gets CREATE DATABASE ... TEMPLATE, which takes a fraction of a second.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { connectionFromPglite, connectionFromUrl, createPglite } from "../lib/db/connection";
import { migrate } from "../lib/db/migrate";
import { createDatabase, dropDatabase, dropLeftoverCopies, postgresTarget } from "./postgres-admin";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase:
      | { kind: "pglite"; migratedDump: string; emptyDump: string }
      | { kind: "postgres"; databaseUrl: string; templateName: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  return databaseUrl ? setupPostgres(project, databaseUrl) : setupPglite(project);
}

async function setupPglite(project: TestProject): Promise<() => Promise<void>> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "clinic-vitest-"));
  const dumpTo = async (pg: PGlite, name: string) => {
    const file = path.join(folder, name);
    fs.writeFileSync(file, Buffer.from(await (await pg.dumpDataDir("none")).arrayBuffer()));
    return file;
  };
  const pg = createPglite();
  try {
    // The empty cluster too, so the migration runner's own tests skip initdb as well.
    await pg.waitReady;
    const emptyDump = await dumpTo(pg, "empty.tar");
    await migrate(connectionFromPglite(pg).raw);
    const migratedDump = await dumpTo(pg, "migrated.tar");
    project.provide("testDatabase", { kind: "pglite", migratedDump, emptyDump });
  } catch (error) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw error;
  } finally {
    await pg.close();
  }
  return async () => fs.rmSync(folder, { recursive: true, force: true });
}

async function setupPostgres(project: TestProject, databaseUrl: string): Promise<() => Promise<void>> {
  const target = postgresTarget(databaseUrl);
  await dropDatabase(target, target.templateName);
  await createDatabase(target, target.templateName);
  // One connection: a template must have none open when it is copied.
  const connection = connectionFromUrl(target.urlFor(target.templateName), 1);
  try {
    await migrate(connection.raw);
  } finally {
    await connection.close();
  }
  project.provide("testDatabase", { kind: "postgres", databaseUrl, templateName: target.templateName });
  return async () => {
    await dropDatabase(target, target.templateName);
    await dropLeftoverCopies(target);
  };
}
